import { createServer, type IncomingMessage, type Server } from 'node:http';

/** What the fake host does for one request. */
export interface FaultStep {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Answer only after this long (to exceed a client timeout). */
  readonly delayMs?: number;
  /** Destroy the connection without answering. */
  readonly drop?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
}

/**
 * A real HTTP server on 127.0.0.1 that plays a script per path: each request takes the next
 * step (the last one repeats), so a test can inject 429s, 5xx, slow answers and dropped
 * connections in a known order.
 */
export class FaultServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, FaultStep[]>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FaultServer> {
    let fault: FaultServer | undefined;
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      fault!.requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers });
      const script = fault!.scripts.get(path) ?? [{ status: 404, body: { error: 'no script' } }];
      const step = script.length > 1 ? script.shift()! : script[0];
      if (step.drop) {
        request.socket.destroy();
        return;
      }
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(step.status ?? 200, { 'content-type': 'application/json', ...step.headers });
        response.end(step.body === undefined ? '' : JSON.stringify(step.body));
      }, step.delayMs ?? 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fault = new FaultServer(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    return fault;
  }

  script(path: string, steps: FaultStep[]): void {
    this.scripts.set(path, [...steps]);
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => new URL(r.url, 'http://localhost').pathname === path);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

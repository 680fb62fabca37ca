import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the fake host does for one request. */
export interface FaultStep {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Answer only after this long (to exceed a client timeout). */
  readonly delayMs?: number;
  /** Destroy the connection without answering. */
  readonly drop?: boolean;
  /** Sent as it is instead of `body` as JSON (numbers JSON.stringify cannot write). */
  readonly rawBody?: string;
  /** Send the headers and half the body, then destroy the connection. */
  readonly dropMidBody?: boolean;
  /** Send the headers at once and the body in ten pieces spread over this long. */
  readonly trickleMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** Date.now() when the request arrived. */
  readonly at: number;
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
      fault!.requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, at: Date.now() });
      const script = fault!.scripts.get(path) ?? [{ status: 404, body: { error: 'no script' } }];
      const step = script.length > 1 ? script.shift()! : script[0];
      if (step.drop) {
        request.socket.destroy();
        return;
      }
      setTimeout(() => {
        if (response.destroyed) return;
        const text = step.rawBody ?? (step.body === undefined ? '' : JSON.stringify(step.body));
        response.writeHead(step.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...step.headers });
        if (step.dropMidBody) {
          response.write(text.slice(0, Math.floor(text.length / 2)));
          setTimeout(() => request.socket.destroy(), 50);
        } else if (step.trickleMs) {
          trickle(response, text, step.trickleMs);
        } else {
          response.end(text);
        }
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

function trickle(response: ServerResponse, text: string, totalMs: number): void {
  const size = Math.ceil(text.length / 10);
  let sent = 0;
  const timer = setInterval(() => {
    if (response.destroyed) {
      clearInterval(timer);
      return;
    }
    response.write(text.slice(sent, sent + size));
    sent += size;
    if (sent >= text.length) {
      clearInterval(timer);
      response.end();
    }
  }, totalMs / 10);
}

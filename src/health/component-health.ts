import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config.js';
import { RunQueue } from '../extraction/run-queue.js';
import { ConnectorSwitch } from '../operations/connector-switch.js';

const TIMEOUT_MS = 2_000;

/**
 * The components behind the service, each as a health indicator: the job queue, TrustFile's
 * reachability (only when the push is configured) and the connector switch.
 */
@Injectable()
export class ComponentHealth {
  private trustfile?: { at: number; result: Promise<HealthIndicatorResult> };

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly queue: RunQueue,
    private readonly connectorSwitch: ConnectorSwitch,
    private readonly config: AppConfig,
  ) {}

  get trustfileConfigured(): boolean {
    return this.config.trustfile.apiUrl !== undefined;
  }

  async queueHealth(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('queue');
    try {
      const depth = await withTimeout(this.queue.ping(), 'the job queue did not answer');
      return check.up(depth);
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** Any HTTP answer means TrustFile is reachable (authorization is the push's business); checked at most every TrustFileConfig.healthCacheMs. */
  trustfileHealth(): Promise<HealthIndicatorResult> {
    if (this.trustfile && Date.now() - this.trustfile.at < this.config.trustfile.healthCacheMs) return this.trustfile.result;
    const check = this.indicators.check('trustfile');
    const result = (async () => {
      try {
        const response = await fetch(this.config.trustfile.apiUrl!, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
        await response.body?.cancel().catch(() => undefined);
        return check.up({ httpStatus: response.status });
      } catch (error) {
        return check.down({ message: `TrustFile could not be reached: ${(error as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : (error as Error).message}` });
      }
    })();
    this.trustfile = { at: Date.now(), result };
    return result;
  }

  /** The switch as TrustFile set it: up either way (a deliberate pause is not a fault); `enabled` says which. */
  async connectorHealth(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('connector');
    try {
      const state = await withTimeout(this.connectorSwitch.state(), 'the connector state could not be read');
      return check.up({ enabled: state.enabled, pushPaused: state.push_paused_at !== null });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), TIMEOUT_MS)))]);
  } finally {
    clearTimeout(timer);
  }
}

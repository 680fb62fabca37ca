import { Injectable, Logger } from '@nestjs/common';
import { OperationsRepository } from './operations.repository.js';

export type ErrorComponent = 'trustfile' | 'queue' | 'database' | 'scheduler';

/** Connector-level errors (`GET /errors`): TrustFile refusing the token, queue or database trouble. */
@Injectable()
export class ConnectorErrors {
  private readonly logger = new Logger('ConnectorErrors');

  constructor(private readonly repository: OperationsRepository) {}

  private readonly lastRecorded = new Map<string, number>();

  /**
   * Never throws: the database itself may be what failed. `everyMs`: a recurring error (the queue
   * losing its connection every poll) is recorded at most once per period per code.
   */
  async record(component: ErrorComponent, code: string, message: string, connectionId?: string, everyMs = 0): Promise<void> {
    if (everyMs > 0) {
      const last = this.lastRecorded.get(code) ?? 0;
      if (Date.now() - last < everyMs) return;
      this.lastRecorded.set(code, Date.now());
    }
    try {
      await this.repository.insertError({ component, code, message, connectionId });
    } catch (error) {
      this.logger.error({ msg: 'Could not record a connector error', component, code, error: (error as Error).message });
    }
  }
}

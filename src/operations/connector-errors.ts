import { Injectable, Logger } from '@nestjs/common';
import { OperationsRepository } from './operations.repository.js';

export type ErrorComponent = 'trustfile' | 'queue' | 'database' | 'scheduler';

/** Connector-level errors (`GET /errors`): TrustFile refusing the token, queue or database trouble. */
@Injectable()
export class ConnectorErrors {
  private readonly logger = new Logger('ConnectorErrors');

  constructor(private readonly repository: OperationsRepository) {}

  /** Never throws: the database itself may be what failed. */
  async record(component: ErrorComponent, code: string, message: string, connectionId?: string): Promise<void> {
    try {
      await this.repository.insertError({ component, code, message, connectionId });
    } catch (error) {
      this.logger.error({ msg: 'Could not record a connector error', component, code, error: (error as Error).message });
    }
  }
}

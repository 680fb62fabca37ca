import { Injectable, Logger } from '@nestjs/common';
import type { SqlRows } from '../common/sql.js';
import { OperationsRepository, type NewActivity } from './operations.repository.js';

/**
 * The activity log of connections, written by the code that does the thing. Inside a transaction
 * (pass its executor) the entry commits or rolls back with the work it describes; outside one, a
 * failure to log is logged and never fails the work.
 */
@Injectable()
export class ActivityLog {
  private readonly logger = new Logger('ActivityLog');

  constructor(private readonly repository: OperationsRepository) {}

  async record(activity: NewActivity | readonly NewActivity[], db?: SqlRows): Promise<void> {
    const activities = Array.isArray(activity) ? (activity as readonly NewActivity[]) : [activity as NewActivity];
    if (db) return this.repository.insertActivities(db, activities);
    try {
      await this.repository.insertActivities(this.repository, activities);
    } catch (error) {
      this.logger.warn({ msg: 'Could not record an activity', types: activities.map((a) => a.type), error: (error as Error).message });
    }
  }
}

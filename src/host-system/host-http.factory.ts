import { Injectable, Logger } from '@nestjs/common';
import type { HostAdapter } from './host-adapter.js';
import { HostHttpClient, type HostCallLog } from './host-http-client.js';

/** HTTP clients for host calls, configured from a connection's settings, logging every attempt. */
@Injectable()
export class HostHttpClientFactory {
  private readonly logger = new Logger('HostHttp');

  forConnection<Settings>(adapter: HostAdapter<unknown, Settings>, settings: Settings): HostHttpClient {
    return new HostHttpClient(adapter.httpOptions(settings), (entry: HostCallLog) => {
      if (entry.outcome === 'ok') this.logger.debug(entry);
      else this.logger.warn(entry);
    });
  }
}

import type { HostAdapter } from '../host-adapter.js';
import { AROFLO, type AroFloSettings } from './aroflo.connector.js';
import { readAroFlo, type AroFloCredentials } from './aroflo.readers.js';

export const AROFLO_ADAPTER: HostAdapter<AroFloCredentials, AroFloSettings> = {
  connector: AROFLO,
  httpOptions: (settings) => ({ retries: settings.retry_attempts, timeoutMs: settings.request_timeout_seconds * 1000 }),
  readers: {
    users: (context, window) => readAroFlo('users', context, window),
    suppliers: (context, window) => readAroFlo('suppliers', context, window),
    payments: (context, window) => readAroFlo('payments', context, window),
  },
};

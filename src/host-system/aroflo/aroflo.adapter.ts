import type { CanonicalReference } from '../canonical.js';
import { TransformError } from '../canonical.js';
import type { HostAdapter } from '../host-adapter.js';
import { AROFLO, type AroFloSettings } from './aroflo.connector.js';
import { AROFLO_LOOKBACK_MINUTES, aroFloCredentials, readAroFlo, type AroFloCredentials } from './aroflo.readers.js';

/** AroFlo's users, suppliers and payments are reference records: stored flattened, keyed by their id. */
function reference(record: Record<string, unknown>): CanonicalReference {
  if (record.id === undefined || record.id === null || record.id === '') throw new TransformError('the record has no id');
  const modified = typeof record.updated_at === 'string' ? record.updated_at : null;
  return { kind: 'reference', externalId: String(record.id), sourceModifiedAt: modified, data: record };
}

export const AROFLO_ADAPTER: HostAdapter<AroFloCredentials, AroFloSettings> = {
  connector: AROFLO,
  httpOptions: (settings) => ({ retries: settings.retry_attempts, timeoutMs: settings.request_timeout_seconds * 1000 }),
  readers: {
    users: (context, window) => readAroFlo('users', context, window),
    suppliers: (context, window) => readAroFlo('suppliers', context, window),
    payments: (context, window) => readAroFlo('payments', context, window),
  },
  transforms: { users: reference, suppliers: reference, payments: reference },
  lookbackMinutes: AROFLO_LOOKBACK_MINUTES,
  readerCredentials: (config, secret) => aroFloCredentials(config, String(secret.apiKey)),
  intervalSetting: { name: 'sync_frequency_hours', minutesPerUnit: 60 },
};

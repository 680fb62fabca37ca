import type { HostAdapter } from '../host-adapter.js';
import { aroFloSiteKey, getZone, type AroFloCredentials } from './aroflo.client.js';
import { AROFLO, AROFLO_LIMITS, type AroFloSettings } from './aroflo.connector.js';
import { AROFLO_LOOKBACK_MINUTES, aroFloApiUrl, aroFloCredentials, readAroFlo } from './aroflo.readers.js';
import { invoiceToSale, referenceOf } from './aroflo.transform.js';

export const AROFLO_ADAPTER: HostAdapter<AroFloCredentials, AroFloSettings> = {
  connector: AROFLO,
  httpOptions: (settings) => ({ retries: settings.retry_attempts, timeoutMs: settings.request_timeout_seconds * 1000 }),
  readers: {
    invoices: (context, window) => readAroFlo('invoices', context, window),
    users: (context, window) => readAroFlo('users', context, window),
    suppliers: (context, window) => readAroFlo('suppliers', context, window),
    payments: (context, window) => readAroFlo('payments', context, window),
  },
  transforms: {
    invoices: invoiceToSale,
    users: referenceOf('userid', 'lastupdateddatetimeutc'),
    suppliers: referenceOf('supplierid'),
    payments: referenceOf('paymentid'),
  },
  lookbackMinutes: AROFLO_LOOKBACK_MINUTES,
  // The credentials are stored as the JSON of the four values (ConnectionService.putCredentials).
  readerCredentials: (config, secret) => aroFloCredentials(config, String(secret.apiKey)),
  intervalSetting: { name: 'sync_frequency_hours', minutesPerUnit: 60 },
  rateLimits: AROFLO_LIMITS,
  rateBudgetKey: (config, credentials) => aroFloSiteKey(aroFloApiUrl(config), String(credentials.orgEncoded)),
  // One call for at most one invoice of the last hour: an explicit where, so no default filter runs.
  async verifyCredentials({ config, credentials, http, budget }) {
    const reader = aroFloCredentials(config, JSON.stringify(credentials));
    const since = new Date(Date.now() - 3_600_000).toISOString();
    await getZone(http, { ...reader, budget }, {
      zone: 'invoices',
      where: [`and|lastupdateddatetimeutc|>|${since.slice(0, 10)} ${since.slice(11, 19)}`],
      page: 1,
      pageSize: 1,
    });
  },
};

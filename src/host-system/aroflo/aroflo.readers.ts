import type { AppConfig } from '../../config/app-config.js';
import type { AroFloSettings } from './aroflo.connector.js';
import type { ReaderContext, ReadWindow, RecordPage } from '../adapter.js';
import { keysetPages } from '../keyset-pages.js';

/**
 * AroFlo readers. `shared/` has no AroFlo API description, only the example connector
 * (`shared/specs/aroflo-connector-example.md`), so the wire format here is an assumption
 * modelled on it, to be checked against AroFlo's documentation: bearer API key;
 * `GET {AROFLO_API_URL}/{users|suppliers|payments}` with `updated_since`, `updated_until`,
 * `sort=updated_at`, `page`, `per_page`; answer `{ data: [...], page, per_page, total }`.
 */
export interface AroFloCredentials {
  readonly apiUrl: string;
  readonly apiKey: string;
}

/** What the readers need, from the stored API key and AROFLO_API_URL (required: no public default is known). */
export function aroFloCredentials(config: AppConfig, apiKey: string): AroFloCredentials {
  const apiUrl = config.hostSystem('AROFLO').apiUrl;
  if (!apiUrl) throw new Error('AROFLO_API_URL is not set');
  return { apiUrl, apiKey };
}

export const AROFLO_PLUGS = ['users', 'suppliers', 'payments'] as const;
export type AroFloPlug = (typeof AROFLO_PLUGS)[number];

/** Re-read this much before the last sync, so late-committed changes are not missed. */
export const AROFLO_LOOKBACK_MINUTES = 60;

type Context = ReaderContext<AroFloCredentials, AroFloSettings>;

/** The window of the next sync: history on the first one (or without incremental sync), else since the last one minus the lookback. */
export function aroFloWindow(settings: AroFloSettings, lastSyncAt: Date | null, now = new Date()): { since: Date; until: Date } {
  const since =
    settings.enable_incremental_sync && lastSyncAt
      ? new Date(lastSyncAt.getTime() - AROFLO_LOOKBACK_MINUTES * 60_000)
      : new Date(now.getTime() - settings.initial_sync_days * 86_400_000);
  return { since, until: now };
}

/** One plug's records in the window, flattened, with UTC timestamps; nothing when the plug's sync is disabled. */
export async function* readAroFlo(plug: AroFloPlug, context: Context, window: ReadWindow): AsyncIterable<RecordPage> {
  if (!context.settings[`enable_${plug}_sync`]) return;
  const pages = keysetPages<Record<string, unknown>>({
    cursor: window.cursor,
    since: window.since,
    limit: context.settings.max_records_per_page,
    precisionMs: 1000,
    // The assumed API has no id filter: more records than a page updated in one second are paged by offset.
    withinInstant: 'offset',
    id: (record) => String(record.id),
    modifiedAt: (record) => String(record.updated_at),
    fetch: async (request) => {
      const response = await context.http.request<{ data?: Array<Record<string, unknown>> }>({
        url: `${context.credentials.apiUrl.replace(/\/+$/, '')}/${plug}`,
        headers: { authorization: `Bearer ${context.credentials.apiKey}` },
        query: {
          updated_since: 'from' in request ? request.from : request.at,
          updated_until: 'from' in request ? window.until.toISOString() : request.at,
          sort: 'updated_at',
          page: 'from' in request ? 1 : (request.page ?? 1),
          per_page: context.settings.max_records_per_page,
        },
      });
      return response.body?.data ?? [];
    },
  });
  for await (const page of pages) yield { records: page.records.map((record) => normalize(record)), cursor: page.cursor };
}

/** Nested objects become `parent_child` columns; ISO timestamps with offsets become UTC. */
export function normalize(record: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}_${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(flat, normalize(value as Record<string, unknown>, name));
    else flat[name] = typeof value === 'string' && TIMESTAMP.test(value) ? new Date(value).toISOString() : value;
  }
  return flat;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

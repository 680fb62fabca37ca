import type { AppConfig } from '../../config/app-config.js';
import type { ReaderContext, ReadWindow, RecordPage } from '../adapter.js';
import { HostAuthorizationRefused } from '../host-limits.js';
import { keysetPages, type KeysetRequest } from '../keyset-pages.js';
import { budgetFor } from '../rate-budget.js';
import { AROFLO_DEFAULT_API_URL, AroFloQueryTimedOut, AroFloResponseTooLarge, aroFloSiteKey, getZone, type AroFloCredentials, type AroFloRecord } from './aroflo.client.js';
import { AROFLO_MAX_PAGE_SIZE, type AroFloSettings } from './aroflo.connector.js';
import type { AroFloIdentity } from './aroflo.signing.js';

/**
 * AroFlo readers, on AroFlo's documented API (shared/vendor-specs/aroflo): one endpoint, a zone per
 * stream, explicit `where` filters (never AroFlo's 30-day default), `page`/`pageSize`.
 * - invoices (lines joined) and users: keyset by (`lastupdateddatetimeutc` second, id);
 * - payments: keyset by (`datepaid` day, `paymentid`);
 * - suppliers: read in full every run (AroFlo has no last-updated filter for them); the content
 *   hash finds the changes.
 * A page AroFlo finds too large (status 8) is asked again at half the size; a query that times out
 * (888888) has its time window halved; both go on from the same cursor.
 */

export const AROFLO_PLUGS = ['invoices', 'users', 'suppliers', 'payments'] as const;
export type AroFloPlug = (typeof AROFLO_PLUGS)[number];

/** Re-read this much before the last checkpoint, so late-committed changes are not missed. */
export const AROFLO_LOOKBACK_MINUTES = 60;

type Context = ReaderContext<AroFloCredentials, AroFloSettings>;

/** The stored credentials (the JSON of the four values, see ConnectionService.putCredentials) in the readers' shape. */
export function aroFloCredentials(config: AppConfig, stored: string): AroFloCredentials {
  let identity: AroFloIdentity;
  try {
    identity = JSON.parse(stored) as AroFloIdentity;
  } catch {
    identity = {} as AroFloIdentity;
  }
  if (![identity.secretKey, identity.uEncoded, identity.pEncoded, identity.orgEncoded].every((value) => typeof value === 'string' && value !== '')) {
    // An API key of the example connector: AroFlo cannot be called with it.
    throw new HostAuthorizationRefused('The stored AroFlo credentials are not the four API values; PUT them to /connections/{id}/credentials', 'credentials incomplete', 'local', 1);
  }
  const apiUrl = aroFloApiUrl(config);
  return { ...pick(identity), apiUrl, siteKey: aroFloSiteKey(apiUrl, identity.orgEncoded), budget: budgetFor(config) };
}

export function aroFloApiUrl(config: AppConfig): string {
  return (config.hostSystem('AROFLO').apiUrl ?? AROFLO_DEFAULT_API_URL).replace(/\/+$/, '');
}

function pick(identity: AroFloIdentity): AroFloIdentity {
  const { secretKey, uEncoded, pEncoded, orgEncoded, hostIp } = identity;
  return { secretKey, uEncoded, pEncoded, orgEncoded, ...(hostIp ? { hostIp } : {}) };
}

interface KeysetZone {
  readonly zone: string;
  readonly id: string;
  /** The field filtered and ordered on. */
  readonly modified: string;
  readonly precision: 'second' | 'day';
  readonly join?: string;
}

const ZONES = {
  invoices: { zone: 'invoices', id: 'invoiceid', modified: 'lastupdateddatetimeutc', precision: 'second', join: 'lineitems' },
  users: { zone: 'users', id: 'userid', modified: 'lastupdateddatetimeutc', precision: 'second' },
  payments: { zone: 'payments', id: 'paymentid', modified: 'datepaid', precision: 'day' },
} as const satisfies Record<string, KeysetZone>;

const PRECISION_MS = { second: 1000, day: 86_400_000 } as const;

/** Where a keyset read stands: the part [from, end] of the window it is in (an 888888 narrows it), and its keyset cursor there. */
interface ZoneCursor {
  readonly from: number;
  readonly end: number;
  readonly k?: string;
}

/** One plug's records in the window; nothing when the plug's sync is disabled. */
export function readAroFlo(plug: AroFloPlug, context: Context, window: ReadWindow): AsyncIterable<RecordPage> {
  if (plug === 'suppliers') return readSuppliers(context, window);
  return readKeyset(ZONES[plug], plug, context, window);
}

function pageSize(settings: AroFloSettings): number {
  return Math.max(1, Math.min(AROFLO_MAX_PAGE_SIZE, settings.max_records_per_page));
}

async function* readKeyset(spec: KeysetZone, plug: AroFloPlug, context: Context, window: ReadWindow): AsyncIterable<RecordPage> {
  if (!context.settings[`enable_${plug}_sync`]) return;
  const step = PRECISION_MS[spec.precision];
  const until = Math.floor(window.until.getTime() / step) * step;
  let limit = pageSize(context.settings);
  let state: ZoneCursor = window.cursor ? parseCursor(window.cursor, until) : { from: startOf(context.settings, window).getTime(), end: until };
  for (;;) {
    try {
      const current = state;
      const pages = keysetPages<AroFloRecord>({
        cursor: current.k,
        since: new Date(current.from),
        limit,
        precisionMs: step,
        withinInstant: 'id',
        id: (record) => String(record[spec.id]),
        modifiedAt: (record) => aroFloInstant(record[spec.modified], `${spec.zone}.${spec.modified}`),
        fetch: (request) => getZone(context.http, context.credentials, keysetQuery(spec, request, current.end, limit)),
      });
      for await (const page of pages) {
        state = { ...current, k: page.cursor };
        yield { records: page.records.map((record) => withCurrency(plug, record, context.settings)), cursor: JSON.stringify(state) };
      }
    } catch (error) {
      if (error instanceof AroFloResponseTooLarge && limit > 1) {
        limit = Math.floor(limit / 2);
        continue;
      }
      if (error instanceof AroFloQueryTimedOut) {
        const position = positionOf(state, step);
        const middle = Math.floor((position + state.end) / 2 / step) * step;
        if (middle <= position) throw error; // one second (or day) already: nothing narrower to ask
        state = { ...state, end: middle };
        continue;
      }
      throw error;
    }
    if (state.end >= until) return;
    state = { from: state.end + step, end: until };
  }
}

function parseCursor(cursor: string, until: number): ZoneCursor {
  const parsed = JSON.parse(cursor) as Partial<ZoneCursor>;
  if (typeof parsed.end === 'number' && typeof parsed.from === 'number') return parsed as ZoneCursor;
  // A bare keyset cursor (an older read of this window): its part is the whole window.
  return { from: 0, end: until, k: cursor };
}

/** The instant a keyset read has reached: everything before it is read. */
function positionOf(state: ZoneCursor, step: number): number {
  if (!state.k) return state.from;
  const k = JSON.parse(state.k) as { from?: string; at?: string };
  return Math.floor(Date.parse(k.from ?? k.at!) / step) * step;
}

/** A fresh read starts at the window's start; without incremental sync it re-reads initial_sync_days every run. */
function startOf(settings: AroFloSettings, window: ReadWindow): Date {
  if (settings.enable_incremental_sync) return window.since;
  return new Date(Math.min(window.since.getTime(), window.until.getTime() - settings.initial_sync_days * 86_400_000));
}

function keysetQuery(spec: KeysetZone, request: KeysetRequest, end: number, limit: number) {
  const step = PRECISION_MS[spec.precision];
  const format = (ms: number) => whereValue(ms, spec.precision);
  const field = spec.modified;
  if ('from' in request) {
    const from = Math.floor(Date.parse(request.from) / step) * step;
    // AroFlo has no >= or <=: one step outside on either side.
    return {
      zone: spec.zone,
      where: [`and|${field}|>|${format(from - step)}`, `and|${field}|<|${format(end + step)}`] as [string, string],
      order: `${field}|asc`,
      join: spec.join,
      page: 1,
      pageSize: limit,
    };
  }
  const where: [string, ...string[]] = [`and|${field}|=|${format(Date.parse(request.at))}`];
  if (request.afterId !== undefined) where.push(`and|${spec.id}|>|${request.afterId}`);
  return { zone: spec.zone, where, order: `${spec.id}|asc`, join: spec.join, page: 1, pageSize: limit };
}

/** AroFlo's filter formats: `YYYY-MM-DD HH:mm:ss` (UTC fields) and `YYYY-MM-DD`. */
function whereValue(ms: number, precision: 'second' | 'day'): string {
  const iso = new Date(ms).toISOString();
  return precision === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const AROFLO_DATE_TIME = /^(\d{4})[/-](\d{2})[/-](\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

/** An AroFlo `YYYY/MM/DD HH:mm:ss` (UTC) or `YYYY/MM/DD` as ISO-8601 UTC; anything else is refused. */
export function aroFloInstant(value: unknown, field: string): string {
  const match = typeof value === 'string' ? AROFLO_DATE_TIME.exec(value.trim()) : null;
  if (!match) throw new Error(`AroFlo sent ${field} ${JSON.stringify(value)?.slice(0, 30)}, not a date`);
  const [, y, m, d, hh = '00', mm = '00', ss = '00'] = match;
  return `${y}-${m}-${d}T${hh}:${mm}:${ss}Z`;
}

/** AroFlo sends no currency: invoices carry the connection's `currency` setting to the transform. */
function withCurrency(plug: AroFloPlug, record: AroFloRecord, settings: AroFloSettings): AroFloRecord {
  return plug === 'invoices' && record.currency === undefined ? { ...record, currency: settings.currency ?? 'AUD' } : record;
}

/** Suppliers in full, by `supplierid`, every run: AroFlo has no last-updated filter for them. */
async function* readSuppliers(context: Context, window: ReadWindow): AsyncIterable<RecordPage> {
  if (!context.settings.enable_suppliers_sync) return;
  let limit = pageSize(context.settings);
  let skip = window.cursor ? Number((JSON.parse(window.cursor) as { skip?: number }).skip ?? 0) : 0;
  for (;;) {
    const page = Math.floor(skip / limit) + 1;
    let batch: AroFloRecord[];
    try {
      // Every supplier, archived or not: an explicit where, so AroFlo's default filter never applies.
      batch = await getZone(context.http, context.credentials, { zone: 'suppliers', where: ['and|archived|IN|true*false'], order: 'supplierid|asc', page, pageSize: limit });
    } catch (error) {
      if (error instanceof AroFloResponseTooLarge && limit > 1) {
        limit = Math.floor(limit / 2);
        continue;
      }
      throw error;
    }
    const records = batch.slice(skip - (page - 1) * limit);
    skip = (page - 1) * limit + batch.length;
    if (records.length > 0) yield { records, cursor: JSON.stringify({ skip }) };
    if (batch.length < limit) return;
  }
}

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostAuthorizationRefused, HostDailyLimitReached, HostRefused } from '../host-limits.js';
import type { HostHttpClient } from '../host-http-client.js';
import type { CallBudget } from '../rate-budget.js';
import { AROFLO_LIMITS } from './aroflo.connector.js';
import { signAroFloRequest, type AroFloIdentity } from './aroflo.signing.js';

/** What the readers call AroFlo with: the site's identity, where AroFlo is, and the budget every worker shares. */
export interface AroFloCredentials extends AroFloIdentity {
  readonly apiUrl: string;
  /** Names the site in the shared rate budget (a hash: no credential is stored in clear). */
  readonly siteKey: string;
  readonly budget: CallBudget;
}

export const AROFLO_DEFAULT_API_URL = 'https://api.aroflo.com';

/** The site's key in the rate budget: the same for every connection to one AroFlo organisation. */
export function aroFloSiteKey(apiUrl: string, orgEncoded: string): string {
  return `AROFLO:${createHash('sha256').update(`${apiUrl.replace(/\/+$/, '')}\n${orgEncoded}`).digest('base64url').slice(0, 32)}`;
}

/** One zone request. `where` is never empty: without one AroFlo silently applies its 30-day default filter. */
export interface ZoneQuery {
  readonly zone: string;
  readonly where: readonly [string, ...string[]];
  readonly order?: string;
  readonly join?: string;
  readonly page: number;
  readonly pageSize: number;
}

export type AroFloRecord = Record<string, unknown>;

/** Body status 8: the answer would exceed 3.5 MB; ask for smaller pages. */
export class AroFloResponseTooLarge extends Error {
  override name = 'AroFloResponseTooLarge';
}

/** Body status 888888: the query ran over AroFlo's 60 s; ask for a narrower window. */
export class AroFloQueryTimedOut extends Error {
  override name = 'AroFloQueryTimedOut';
}

/** Login and permission refusals: a signature AroFlo does not accept, or an account it refuses. */
export const AROFLO_AUTH_STATUSES = new Set(['-99999', '1', '2', '3', '4', '20', '30']);
/** Body status 6 (per-second or per-minute limit) is waited out this many times before the request fails. */
const RATE_LIMIT_WAITS = 8;

/** The variable string exactly as sent and signed: each value URI-encoded, in this order. */
export function variableString(query: ZoneQuery): string {
  const pairs: Array<[string, string]> = [['zone', query.zone], ...query.where.map((w): [string, string] => ['where', w])];
  if (query.order) pairs.push(['order', query.order]);
  if (query.join) pairs.push(['join', query.join]);
  pairs.push(['page', String(query.page)], ['pageSize', String(query.pageSize)]);
  return pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
}

interface AroFloAnswer {
  status?: unknown;
  statusmessage?: unknown;
  zoneresponse?: Record<string, unknown>;
}

/**
 * One page of a zone: signed afresh on every attempt, each attempt a call of the site's shared
 * budget. AroFlo's body status decides: 0 the records; 6 waits and asks again; 7 (the day's calls
 * are spent) HostDailyLimitReached until 00:00 Australia/Melbourne; 8 AroFloResponseTooLarge;
 * 888888 AroFloQueryTimedOut; login and permission codes HostAuthorizationRefused (a 401).
 */
export async function getZone(http: HostHttpClient, credentials: AroFloCredentials, query: ZoneQuery): Promise<AroFloRecord[]> {
  const url = `${credentials.apiUrl.replace(/\/+$/, '')}/?${variableString(query)}`;
  for (let wait = 1; ; wait += 1) {
    const response = await http.request<AroFloAnswer | string | undefined>({
      url,
      numbersAsStrings: true,
      sign: async ({ method, url: sent }) => {
        await credentials.budget.take(credentials.siteKey, AROFLO_LIMITS);
        return signAroFloRequest({ method, variables: sent.search.slice(1), timestamp: new Date() }, credentials);
      },
    });
    const body = response.body;
    if (body === null || typeof body !== 'object') throw new HostRefused(`AroFlo answered the ${query.zone} zone with something other than JSON`);
    const status = String(body.status ?? '');
    const message = typeof body.statusmessage === 'string' ? body.statusmessage.slice(0, 300) : '';
    if (status === '0') return zoneRecords(body, query.zone);
    if (AROFLO_AUTH_STATUSES.has(status)) {
      throw new HostAuthorizationRefused(`AroFlo refused the credentials (status ${status}: ${message})`, message, status, 1);
    }
    if (status === '6' && wait <= RATE_LIMIT_WAITS) {
      await sleep(Math.min(30_000, 1000 * 2 ** (wait - 1)) * (0.5 + Math.random() / 2));
      continue;
    }
    if (status === '6') throw Object.assign(new Error(`AroFlo kept answering its rate limit (status 6: ${message})`), { code: 'HOST_RATE_LIMITED' });
    if (status === '7') {
      const resumeAt = nextMidnight(new Date(), AROFLO_LIMITS.dayTimeZone);
      throw new HostDailyLimitReached(`AroFlo's daily limit of the site is reached (status 7: ${message}); it resets at ${resumeAt.toISOString()}`, resumeAt);
    }
    if (status === '8') throw new AroFloResponseTooLarge(`AroFlo's answer for ${query.pageSize} ${query.zone} would exceed 3.5 MB (status 8)`);
    if (status === '888888') throw new AroFloQueryTimedOut(`AroFlo's ${query.zone} query timed out after 60 s (status 888888)`);
    throw new HostRefused(`AroFlo refused the ${query.zone} request (status ${status || 'missing'}: ${message})`);
  }
}

function zoneRecords(body: AroFloAnswer, zone: string): AroFloRecord[] {
  const records = body.zoneresponse?.[zone];
  if (records === undefined || records === null || records === '') return [];
  if (!Array.isArray(records)) throw new HostRefused(`AroFlo's ${zone} answer holds no list of ${zone}`);
  return records as AroFloRecord[];
}

/** The next 00:00 in `timeZone` after `now`, as an instant. */
export function nextMidnight(now: Date, timeZone: string): Date {
  const today = zonedParts(now.getTime(), timeZone);
  const localMidnight = Date.UTC(today.year, today.month - 1, today.day + 1);
  // The zone's offset at that instant (twice: the first guess may sit on the other side of a DST change).
  let instant = localMidnight - offsetOf(localMidnight, timeZone);
  instant = localMidnight - offsetOf(instant, timeZone);
  return new Date(instant);
}

function offsetOf(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

function zonedParts(instant: number, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

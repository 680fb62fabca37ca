import { createHmac } from 'node:crypto';

/** The four values of an AroFlo site's API access (Site Administration → Settings → General → AroFlo API), and the optional caller IP. */
export interface AroFloIdentity {
  readonly secretKey: string;
  readonly uEncoded: string;
  readonly pEncoded: string;
  readonly orgEncoded: string;
  readonly hostIp?: string;
}

/** AroFlo answers JSON for this accept value (XML otherwise). */
export const AROFLO_ACCEPT = 'text/json';

/** The `Authorization` value: the three encoded identity values, each URI-encoded. */
export function aroFloAuthorization(identity: Pick<AroFloIdentity, 'uEncoded' | 'pEncoded' | 'orgEncoded'>): string {
  return `uencoded=${encodeURIComponent(identity.uEncoded)}&pencoded=${encodeURIComponent(identity.pEncoded)}&orgEncoded=${encodeURIComponent(identity.orgEncoded)}`;
}

/**
 * The headers that sign one AroFlo request, as AroFlo documents it: the string to sign is the method,
 * the HostIP (only when one is used), the URL path (the empty string), the accept value, the
 * Authorization value, the timestamp and the variable string (the query string as sent, without `?`),
 * joined by `+`; `Authentication: HMAC <hex of HMAC-SHA512(that string, secret key)>`.
 */
export function signAroFloRequest(request: { readonly method: string; readonly variables: string; readonly timestamp: Date }, identity: AroFloIdentity): Record<string, string> {
  const authorization = aroFloAuthorization(identity);
  const afdatetimeutc = request.timestamp.toISOString();
  const parts = [request.method.toUpperCase(), ...(identity.hostIp ? [identity.hostIp] : []), '', AROFLO_ACCEPT, authorization, afdatetimeutc, request.variables];
  const hmac = createHmac('sha512', identity.secretKey).update(parts.join('+'), 'utf8').digest('hex');
  return {
    accept: AROFLO_ACCEPT,
    authorization,
    afdatetimeutc,
    authentication: `HMAC ${hmac}`,
    ...(identity.hostIp ? { hostip: identity.hostIp } : {}),
  };
}

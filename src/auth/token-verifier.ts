import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/errors.js';
import { Principal } from './principal.js';

/** Asymmetric JWS algorithms only: an HMAC or `none` token is refused before any key lookup. */
const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const CLOCK_TOLERANCE_SECONDS = 30;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/**
 * A key the identity provider withdraws from its JWKS stops working here within 60 s: the key set
 * is refetched once it is 30 s old (before the token is checked), and a verified token is
 * remembered for at most 30 s more.
 */
export const JWKS_MAX_AGE_MS = 30_000;
/**
 * Verified JWTs are remembered (by SHA-256 of the token) so a client sending the same token on
 * every request pays for the signature check once: at most VERIFIED_CACHE_TTL_MS, never past
 * `exp`, bounded in size.
 */
export const VERIFIED_CACHE_TTL_MS = 30_000;
const VERIFIED_CACHE_MAX_ENTRIES = 10_000;

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

/**
 * Turns a bearer credential into a Principal: one of the static service tokens (compared in
 * constant time), or a JWT verified with jose against the identity provider's JWKS. jose
 * caches the key set and refetches it for an unknown `kid` at most once per cooldown.
 */
@Injectable()
export class TokenVerifier {
  private readonly staticTokenDigests: Buffer[];
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly config: AppConfig) {
    this.staticTokenDigests = config.auth.staticTokens.map(digest);
    if (config.auth.jwksUrl) {
      this.jwks = createRemoteJWKSet(new URL(config.auth.jwksUrl), {
        cacheMaxAge: JWKS_MAX_AGE_MS,
        cooldownDuration: config.auth.jwksCooldownMs,
        timeoutDuration: 5_000,
      });
    }
  }

  async verify(token: string): Promise<Principal> {
    if (this.isStaticToken(token)) return Principal.service();
    if (!JWT_SHAPE.test(token)) throw invalid('it is neither a JWT nor a known service token');
    if (!this.jwks) throw invalid('JWTs are not accepted by this deployment (AUTH_JWKS_URL is not set)');
    const key = digest(token).toString('base64');
    const cached = this.verified.get(key);
    if (cached && cached.until > Date.now()) return cached.principal;
    if (cached) this.verified.delete(key);

    const payload = await this.verifyJwt(token);
    if (typeof payload.sub !== 'string' || payload.sub === '') throw invalid('the JWT has no subject (sub)');
    const principal = Principal.fromClaims(payload.sub, readScopes(payload), readTenants(payload[this.config.auth.tenantsClaim]));
    this.remember(key, principal, payload.exp!); // required by verifyJwt
    return principal;
  }

  private remember(key: string, principal: Principal, exp: number): void {
    const until = Math.min(Date.now() + VERIFIED_CACHE_TTL_MS, exp * 1000);
    if (this.verified.size >= VERIFIED_CACHE_MAX_ENTRIES) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(key, { principal, until });
  }

  private isStaticToken(token: string): boolean {
    const candidate = digest(token);
    // Every configured token is compared, so timing does not reveal which one (or whether any) matched.
    return this.staticTokenDigests.reduce((match, known) => timingSafeEqual(candidate, known) || match, false);
  }

  private async verifyJwt(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.jwks!, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      throw invalid(describeJoseError(error));
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function invalid(reason: string): UnauthorizedError {
  return new UnauthorizedError('AUTH.INVALID_TOKEN', `The bearer token is not valid: ${reason}`);
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'it is not valid yet';
    if (error.claim === 'iss') return 'it was issued by an unexpected issuer';
    if (error.claim === 'aud') return 'it is not meant for this audience';
    if (error.claim === 'exp') return 'it has no valid expiry (exp)';
    return `claim "${error.claim}" is invalid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'its signing algorithm is not accepted';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'it is signed with an unknown key';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return 'the identity provider keys could not be fetched';
  }
  return 'it is malformed';
}

function readScopes(payload: JWTPayload): string[] {
  const scopes: string[] = [];
  if (typeof payload.scope === 'string') scopes.push(...payload.scope.split(' ').filter(Boolean));
  if (Array.isArray(payload.scp)) scopes.push(...payload.scp.filter((s): s is string => typeof s === 'string'));
  else if (typeof payload.scp === 'string') scopes.push(...payload.scp.split(' ').filter(Boolean));
  return scopes;
}

function readTenants(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((t): t is string => typeof t === 'string');
  if (typeof claim === 'string') return claim.split(/[ ,]+/).filter(Boolean);
  return [];
}

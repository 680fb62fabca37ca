import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const DATABASE_SSL_MODES = ['require', 'no-verify', 'disable', 'auto'] as const;
export const PROCESS_ROLES = ['all', 'web', 'worker'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const httpUrl = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** `keyId:base64` entries, comma separated; each key must decode to 32 bytes (checked in app-config). */
const ENCRYPTION_KEYS_PATTERN = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+)*$/;

/**
 * The environment-variable contract of DESIGN.md. Validated once at boot by `loadConfig`;
 * nothing else in the code base reads `process.env`.
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(NODE_ENVS)
  readonly NODE_ENV?: (typeof NODE_ENVS)[number];

  @Transform(toInt) @IsOptional() @IsInt({ message: 'PORT must be an integer' }) @Min(0) @Max(65535)
  readonly PORT?: number;

  @Transform(emptyToUndefined) @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  readonly DATABASE_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(DATABASE_SSL_MODES)
  readonly DATABASE_SSL?: (typeof DATABASE_SSL_MODES)[number];

  @Transform(emptyToUndefined) @IsOptional() @IsUrl(httpUrl, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  readonly AUTH_JWKS_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2048)
  readonly AUTH_ISSUER?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2048)
  readonly AUTH_AUDIENCE?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9_:./-]{1,255}$/, {
    message: 'AUTH_TENANTS_CLAIM must be a claim name (letters, digits, _ : . / -)',
  })
  readonly AUTH_TENANTS_CLAIM?: string;

  @Transform(emptyToUndefined) @IsOptional()
  @Matches(/^[\x21-\x2b\x2d-\x7e]{16,}(,[\x21-\x2b\x2d-\x7e]{16,})*$/, {
    message: 'AVALARA_TO_EXTRACTOR_TOKEN must be one or more comma-separated tokens of at least 16 printable characters',
  })
  readonly AVALARA_TO_EXTRACTOR_TOKEN?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(8)
  readonly EXTRACTOR_TO_AVALARA_TOKEN?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsUrl(httpUrl, { message: 'TRUSTFILE_API_URL must be an http(s) URL' })
  readonly TRUSTFILE_API_URL?: string;

  @Transform(toInt) @IsOptional() @IsInt({ message: 'TRUSTFILE_BATCH_SIZE must be an integer' }) @Min(1) @Max(1000)
  readonly TRUSTFILE_BATCH_SIZE?: number;

  /** Path of the push endpoint under TRUSTFILE_API_URL (the wire format is assumed; see src/trustfile/trustfile-wire.ts). */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\/[\x21-\x7e]*$/, { message: 'TRUSTFILE_ITEMS_PATH must be a path starting with /' })
  readonly TRUSTFILE_ITEMS_PATH?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(ENCRYPTION_KEYS_PATTERN, {
    message: 'ENCRYPTION_KEYS must be a comma-separated list of keyId:base64 entries (32-byte keys)',
  })
  readonly ENCRYPTION_KEYS?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsUrl(httpUrl, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  readonly PUBLIC_BASE_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, {
    message: 'ADMIN_ORIGIN must be an origin: http(s)://host[:port], no path',
  })
  readonly ADMIN_ORIGIN?: string;

  /** OIDC client of the admin page (authorization code + PKCE against AUTH_ISSUER); unset: the page takes a pasted token. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(256)
  readonly ADMIN_OIDC_CLIENT_ID?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(,\s*https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins: http(s)://host[:port], no path',
  })
  readonly CORS_ORIGINS?: string;

  @Transform(toInt) @IsOptional() @IsInt({ message: 'RATE_LIMIT_AUTH_FAILURES must be an integer' }) @Min(1) @Max(1_000_000)
  readonly RATE_LIMIT_AUTH_FAILURES?: number;

  @Transform(toInt) @IsOptional() @IsInt({ message: 'RATE_LIMIT_WRITES must be an integer' }) @Min(1) @Max(1_000_000)
  readonly RATE_LIMIT_WRITES?: number;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^(true|false|\d{1,2}|[0-9A-Fa-f:.\/]+(,[0-9A-Fa-f:.\/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count, or comma-separated proxy addresses/CIDRs',
  })
  readonly TRUST_PROXY?: string;

  @Transform(toInt) @IsOptional() @IsInt({ message: 'SYNC_INTERVAL_MINUTES must be an integer' }) @Min(1) @Max(525600)
  readonly SYNC_INTERVAL_MINUTES?: number;

  @Transform(toInt) @IsOptional() @IsInt({ message: 'WORKER_CONCURRENCY must be an integer' }) @Min(1) @Max(64)
  readonly WORKER_CONCURRENCY?: number;

  @Transform(toInt) @IsOptional() @IsInt({ message: 'SHUTDOWN_GRACE_SECONDS must be an integer' }) @Min(1) @Max(300)
  readonly SHUTDOWN_GRACE_SECONDS?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(PROCESS_ROLES)
  readonly PROCESS_ROLE?: (typeof PROCESS_ROLES)[number];

  @Transform(emptyToUndefined) @IsOptional() @IsIn(LOG_LEVELS)
  readonly LOG_LEVEL?: (typeof LOG_LEVELS)[number];
}

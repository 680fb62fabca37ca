import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  EnvironmentVariables,
  type DATABASE_SSL_MODES,
  type LOG_LEVELS,
  type NODE_ENVS,
  type PROCESS_ROLES,
} from './environment.js';

export type NodeEnv = (typeof NODE_ENVS)[number];
export type ProcessRole = (typeof PROCESS_ROLES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/** Per host-system OAuth app and base URLs, from `<HOST>_CLIENT_ID`, `<HOST>_API_URL`, … */
export interface HostSystemConfig {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly apiUrl?: string;
  readonly authUrl?: string;
}

export interface ExtractionTimings {
  /** How often the scheduler looks for due connections. */
  readonly schedulerTickMs: number;
  /** A running job sends a heartbeat this often (x 1/2); a job without one for this long (killed worker) goes to another worker. At least 10. */
  readonly heartbeatSeconds: number;
  /** How often the queue's supervisor looks for jobs whose heartbeat stopped. */
  readonly superviseIntervalSeconds: number;
  /** How often the queue looks for work when idle, and for jobs of killed workers. */
  readonly pollingIntervalSeconds: number;
  /** Attempts of a failing run after the first. */
  readonly retryLimit: number;
  /** First wait before retrying a failed run; doubled per attempt. */
  readonly retryDelaySeconds: number;
  /** The longest wait between two attempts. */
  readonly retryDelayMaxSeconds: number;
  /** `until` of a read is now minus this, so records committed late at the host are not skipped. */
  readonly safetyLagSeconds: number;
  /**
   * Host calls take from the rate budget shared per upstream account (BigCommerce store, Square
   * merchant). Always on in the service; a test turns it off to measure what it prevents.
   */
  readonly accountRateBudgets: boolean;
}

export interface TrustFileConfig {
  /** Unset: the push is disabled; documents stay pending. */
  readonly apiUrl?: string;
  readonly outboundToken?: string;
  /** Items per push request (TrustFile accepts at most 1000). */
  readonly batchSize: number;
  readonly itemsPath: string;
  /** Push timings (not environment variables; tests shorten them). */
  readonly tickMs: number;
  /** While TrustFile refuses the token, how often one probe asks whether it works again. */
  readonly probeIntervalSeconds: number;
  readonly requestTimeoutMs: number;
  /** Attempts of one batch after the first, within a push job (429/5xx/timeouts). */
  readonly retries: number;
  /** First backoff step of a failed batch; doubled per attempt. */
  readonly retryDelayMs: number;
  /** How long /health reuses its last TrustFile reachability check. */
  readonly healthCacheMs: number;
}

export interface WebhookTimings {
  /** How often a worker looks for due deliveries. */
  readonly tickMs: number;
  /** Waits between attempts (Standard Webhooks' schedule: 5 s … 10 h, about 28 h in all); then the delivery fails. */
  readonly retryScheduleSeconds: readonly number[];
  readonly timeoutMs: number;
}

/** The validated, typed configuration. Built once at boot by `loadConfig`. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly dataDir: string;
  readonly database: {
    /** Unset: the embedded PostgreSQL is started and its URL filled in by the bootstrap. */
    readonly url?: string;
    readonly ssl: (typeof DATABASE_SSL_MODES)[number];
    /** Run pending migrations at boot (development and the embedded database; Heroku uses the release phase). */
    readonly migrateOnBoot: boolean;
  };
  readonly auth: {
    readonly jwksUrl?: string;
    readonly issuer?: string;
    readonly audience?: string[];
    readonly tenantsClaim: string;
    readonly staticTokens: readonly string[];
    /** Set when no static token was configured in development and one was generated for this boot. */
    readonly generatedToken?: string;
    /** Minimum time between two JWKS fetches for an unknown `kid` (not an env variable; tests shorten it). */
    readonly jwksCooldownMs: number;
  };
  readonly trustfile: TrustFileConfig;
  /** Webhook delivery timings (not environment variables; tests shorten them). */
  readonly webhooks: WebhookTimings;
  readonly encryption: { readonly keys: readonly EncryptionKey[]; readonly generatedKeyFile?: string };
  readonly publicBaseUrl: string;
  /** The origin of the admin UI: the only one the OAuth popup pages talk to (postMessage). */
  readonly adminOrigin: string;
  /** Origins allowed to call the API from a browser (CORS); empty = none. */
  readonly corsOrigins: readonly string[];
  /** Per minute: failed authentications per client address, and writes per bearer token. */
  readonly rateLimits: { readonly authFailuresPerMinute: number; readonly writesPerMinute: number };
  /** OIDC client id of the admin page (code + PKCE against auth.issuer); unset: sign in by pasting a token. */
  readonly adminOidcClientId?: string;
  /**
   * Which peers may set X-Forwarded-For/-Proto (Fastify's trustProxy): a hop count, proxy
   * addresses/CIDRs, or true/false. Production default 1: the Heroku router, which appends the
   * client address as the last entry; nothing a client writes before it is believed.
   */
  readonly trustProxy: boolean | number | string;
  readonly syncIntervalMinutes: number;
  readonly workerConcurrency: number;
  /** Time to drain requests and jobs on SIGTERM (Heroku allows 30 s). */
  readonly shutdownGraceSeconds: number;
  /** Timings of the extraction engine (not environment variables; tests shorten them). */
  readonly extraction: ExtractionTimings;
  readonly processRole: ProcessRole;
  readonly logLevel: LogLevel;
  readonly hostSystems: Readonly<Record<string, HostSystemConfig>>;
  /** Things an operator should know about this configuration, logged once at boot. */
  readonly warnings: readonly string[];

  constructor(values: Omit<AppConfig, 'isProduction' | 'hostSystem' | 'withDatabaseUrl' | 'withAuth' | 'withExtraction' | 'withTrustFile' | 'withWebhooks'>) {
    Object.assign(this, values);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  hostSystem(name: string): HostSystemConfig {
    return this.hostSystems[name.toUpperCase()] ?? {};
  }

  withDatabaseUrl(url: string): AppConfig {
    return new AppConfig({ ...this, database: { ...this.database, url } });
  }

  withAuth(auth: Partial<AppConfig['auth']>): AppConfig {
    return new AppConfig({ ...this, auth: { ...this.auth, ...auth } });
  }

  withExtraction(timings: Partial<ExtractionTimings>): AppConfig {
    return new AppConfig({ ...this, extraction: { ...this.extraction, ...timings } });
  }

  withTrustFile(trustfile: Partial<TrustFileConfig>): AppConfig {
    return new AppConfig({ ...this, trustfile: { ...this.trustfile, ...trustfile } });
  }

  withWebhooks(webhooks: Partial<WebhookTimings>): AppConfig {
    return new AppConfig({ ...this, webhooks: { ...this.webhooks, ...webhooks } });
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration, the service will not start:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See the environment variable table in README.md.',
    );
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Where development defaults (embedded database, generated key) live. Default `./.data`. */
  readonly dataDir?: string;
}

const HOST_VARIABLE = /^([A-Z][A-Z0-9]*)_(CLIENT_ID|CLIENT_SECRET|API_URL|AUTH_URL)$/;
const HOST_FIELDS = { CLIENT_ID: 'clientId', CLIENT_SECRET: 'clientSecret', API_URL: 'apiUrl', AUTH_URL: 'authUrl' } as const;

/**
 * Validates the environment once and returns the typed configuration. Every problem is
 * collected, so an operator fixes them all in one go. In production a missing required
 * value is a problem; in development a safe local default is used instead.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...env });
  const problems = validateSync(vars, { forbidUnknownValues: false }).flatMap(describe);
  const nodeEnv: NodeEnv = vars.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const dataDir = resolve(options.dataDir ?? '.data');
  const warnings: string[] = [];

  const staticTokens = splitList(vars.AVALARA_TO_EXTRACTOR_TOKEN);
  const keys = parseEncryptionKeys(vars.ENCRYPTION_KEYS, problems);
  const hostSystems = readHostSystems(env, problems);

  if (production) {
    if (!vars.DATABASE_URL) problems.push('DATABASE_URL is required in production');
    if (!vars.ENCRYPTION_KEYS) problems.push('ENCRYPTION_KEYS is required in production');
    if (!vars.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL is required in production (OAuth redirect URIs)');
    if (!vars.AUTH_JWKS_URL && staticTokens.length === 0) {
      problems.push('AUTH_JWKS_URL or AVALARA_TO_EXTRACTOR_TOKEN is required in production (nobody could authenticate)');
    }
    if (vars.AUTH_JWKS_URL && (!vars.AUTH_ISSUER || !vars.AUTH_AUDIENCE)) {
      problems.push('AUTH_ISSUER and AUTH_AUDIENCE are required in production when AUTH_JWKS_URL is set (tokens of any issuer or audience would be accepted)');
    }
  }
  if (vars.AUTH_JWKS_URL && isRemoteHttp(vars.AUTH_JWKS_URL)) {
    problems.push('AUTH_JWKS_URL must use https unless the host is local (keys fetched over plain http can be replaced in transit)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  let generatedToken: string | undefined;
  if (staticTokens.length === 0 && !production) {
    generatedToken = randomBytes(24).toString('base64url');
    staticTokens.push(generatedToken);
  }
  let generatedKeyFile: string | undefined;
  if (keys.length === 0) {
    generatedKeyFile = join(dataDir, 'encryption-key');
    keys.push(readOrCreateDevelopmentKey(generatedKeyFile));
    warnings.push(`ENCRYPTION_KEYS is not set: using the development key in ${generatedKeyFile}; never use it in production`);
  }
  if (vars.AUTH_JWKS_URL && !vars.AUTH_ISSUER) warnings.push('AUTH_ISSUER is not set: the JWT issuer is not checked');
  if (vars.AUTH_JWKS_URL && !vars.AUTH_AUDIENCE) warnings.push('AUTH_AUDIENCE is not set: the JWT audience is not checked');
  if (!vars.AUTH_JWKS_URL) warnings.push('AUTH_JWKS_URL is not set: JWT bearer tokens are refused');
  if (vars.ADMIN_OIDC_CLIENT_ID && !vars.AUTH_ISSUER) problems.push('ADMIN_OIDC_CLIENT_ID needs AUTH_ISSUER (the admin page signs in against that issuer)');
  if (!vars.TRUSTFILE_API_URL) warnings.push('TRUSTFILE_API_URL is not set: the push to TrustFile is disabled; extracted documents stay pending');
  else if (!vars.EXTRACTOR_TO_AVALARA_TOKEN) problems.push('EXTRACTOR_TO_AVALARA_TOKEN is required when TRUSTFILE_API_URL is set');

  const port = vars.PORT ?? 3000;
  const publicBaseUrl = (vars.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return new AppConfig({
    nodeEnv,
    port,
    dataDir,
    database: {
      url: vars.DATABASE_URL,
      ssl: vars.DATABASE_SSL ?? 'auto',
      migrateOnBoot: !production || !vars.DATABASE_URL,
    },
    auth: {
      jwksUrl: vars.AUTH_JWKS_URL,
      issuer: vars.AUTH_ISSUER,
      audience: vars.AUTH_AUDIENCE ? splitList(vars.AUTH_AUDIENCE) : undefined,
      tenantsClaim: vars.AUTH_TENANTS_CLAIM ?? 'tenants',
      staticTokens,
      generatedToken,
      jwksCooldownMs: 30_000,
    },
    trustfile: {
      apiUrl: vars.TRUSTFILE_API_URL,
      outboundToken: vars.EXTRACTOR_TO_AVALARA_TOKEN,
      batchSize: vars.TRUSTFILE_BATCH_SIZE ?? 1000,
      itemsPath: vars.TRUSTFILE_ITEMS_PATH ?? '/v1/items',
      tickMs: 5_000,
      probeIntervalSeconds: 60,
      requestTimeoutMs: 60_000,
      retries: 4,
      retryDelayMs: 1_000,
      healthCacheMs: 15_000,
    },
    webhooks: { tickMs: 2_000, retryScheduleSeconds: [5, 300, 1800, 7200, 18000, 36000, 36000], timeoutMs: 15_000 },
    encryption: { keys, generatedKeyFile },
    publicBaseUrl,
    adminOrigin: vars.ADMIN_ORIGIN ?? new URL(publicBaseUrl).origin,
    corsOrigins: splitList(vars.CORS_ORIGINS),
    rateLimits: { authFailuresPerMinute: vars.RATE_LIMIT_AUTH_FAILURES ?? 30, writesPerMinute: vars.RATE_LIMIT_WRITES ?? 1200 },
    adminOidcClientId: vars.ADMIN_OIDC_CLIENT_ID,
    trustProxy: parseTrustProxy(vars.TRUST_PROXY, production),
    syncIntervalMinutes: vars.SYNC_INTERVAL_MINUTES ?? 240,
    workerConcurrency: vars.WORKER_CONCURRENCY ?? 2,
    shutdownGraceSeconds: vars.SHUTDOWN_GRACE_SECONDS ?? 25,
    extraction: {
      schedulerTickMs: 15_000,
      heartbeatSeconds: 30,
      superviseIntervalSeconds: 30,
      pollingIntervalSeconds: 2,
      retryLimit: 5,
      retryDelaySeconds: 30,
      retryDelayMaxSeconds: 3600,
      safetyLagSeconds: 60,
      accountRateBudgets: true,
    },
    processRole: vars.PROCESS_ROLE ?? 'all',
    logLevel: vars.LOG_LEVEL ?? 'info',
    hostSystems,
    warnings,
  });
}

function describe(error: ValidationError): string[] {
  // Messages name the variable and the rule, never the value: some of these are secrets.
  const own = Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(error.property) ? message : `${error.property}: ${message}`,
  );
  return [...own, ...(error.children ?? []).flatMap(describe)];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isRemoteHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && !LOCAL_HOSTS.has(parsed.hostname);
  } catch {
    return false; // malformed: reported by the URL check
  }
}

function parseTrustProxy(value: string | undefined, production: boolean): boolean | number | string {
  if (value === undefined) return production ? 1 : false;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function parseEncryptionKeys(value: string | undefined, problems: string[]): EncryptionKey[] {
  const keys: EncryptionKey[] = [];
  for (const entry of splitList(value)) {
    const [id, encoded] = entry.split(':');
    if (!id || !encoded) continue; // the pattern check already reported it
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) problems.push(`ENCRYPTION_KEYS: key "${id}" must decode to 32 bytes (got ${key.length})`);
    else if (keys.some((k) => k.id === id)) problems.push(`ENCRYPTION_KEYS: key id "${id}" appears twice`);
    else keys.push({ id, key });
  }
  return keys;
}

function readHostSystems(env: NodeJS.ProcessEnv, problems: string[]): Record<string, HostSystemConfig> {
  const hosts: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = HOST_VARIABLE.exec(name);
    if (!match || !value || ['AUTH', 'DATABASE', 'PUBLIC', 'TRUSTFILE', 'ADMIN'].includes(match[1])) continue;
    const [, host, suffix] = match;
    if (suffix.endsWith('_URL') && !/^https?:\/\/[^\s]+$/.test(value)) {
      problems.push(`${name} must be an http(s) URL`);
      continue;
    }
    const field = HOST_FIELDS[suffix as keyof typeof HOST_FIELDS];
    (hosts[host] ??= {})[field] = suffix.endsWith('_URL') ? value.replace(/\/+$/, '') : value;
  }
  return hosts;
}

function readOrCreateDevelopmentKey(file: string): EncryptionKey {
  if (existsSync(file)) {
    const [id, encoded] = readFileSync(file, 'utf8').trim().split(':');
    return { id, key: Buffer.from(encoded, 'base64') };
  }
  mkdirSync(resolve(file, '..'), { recursive: true });
  const key = { id: 'dev1', key: randomBytes(32) };
  writeFileSync(file, `${key.id}:${key.key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

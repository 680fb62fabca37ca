import type { AppConfig } from '../config/app-config.js';
import type { ConnectorDefinition } from '../connectors/connector-definition.js';
import type { StreamReader } from './adapter.js';
import type { StreamTransform } from './canonical.js';
import type { HostHttpClient, HostHttpOptions } from './host-http-client.js';
import type { AccountRatePolicy } from './account-budget.js';
import type { OAuthProvider } from './oauth/oauth-provider.js';
import type { CallBudget, RateLimits } from './rate-budget.js';

/**
 * Everything the service knows about one host system, in one place: its catalog entry
 * (metadata, plugs, settings schema), how it is authorized (an OAuth provider, or an API key),
 * how its HTTP calls behave, and a streaming reader per import plug.
 */
export interface HostAdapter<Credentials = never, Settings = never> {
  readonly connector: ConnectorDefinition<Settings>;
  readonly oauth?: OAuthProvider;
  /** Retries and timeout of its HTTP calls, from the connection's settings. */
  httpOptions(settings: Settings): HostHttpOptions;
  readonly readers: Readonly<Record<string, StreamReader<Credentials, Settings>>>;
  /** Per import plug: its raw records to the canonical model. */
  readonly transforms: Readonly<Record<string, StreamTransform>>;
  /** Re-read this much before a stream's checkpoint, so records committed late at the host are not missed. */
  readonly lookbackMinutes: number;
  /** The connection's credentials in the shape the readers take, from the decrypted secret. */
  readerCredentials(config: AppConfig, secret: Record<string, unknown>): Credentials;
  /** The connector's own sync interval setting, when it has one (AroFlo's sync_frequency_hours). */
  readonly intervalSetting?: { readonly name: string; readonly minutesPerUnit: number };
  /**
   * One cheap call with credentials that were PUT (already valid against the connector's
   * credentialsSchema), before they are stored: resolves when the host accepts them; throws
   * HostAuthorizationRefused when it refuses them, another error when it could not tell.
   */
  verifyCredentials?(input: { config: AppConfig; credentials: Readonly<Record<string, string>>; http: HostHttpClient; budget: CallBudget }): Promise<void>;
  /** The host's call limits per site, in calls a second, a minute and a day, shared by every worker (AroFlo; see RateBudgetService). */
  readonly rateLimits?: RateLimits;
  /**
   * The host's limit per upstream account as a token bucket shared by every worker (BigCommerce per
   * store, Square per merchant; see AccountBudgetService): its readers take from it before each attempt.
   */
  readonly accountRates?: AccountRatePolicy;
  /**
   * The site or account the credentials call, as a key of the shared rate budget (a hash: no
   * credential in clear): from the credentials PUT, or the secret of an OAuth authorization.
   */
  rateBudgetKey?(config: AppConfig, credentials: Readonly<Record<string, unknown>>): string;
}

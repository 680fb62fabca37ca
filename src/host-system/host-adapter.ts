import type { ConnectorDefinition } from '../connectors/connector-definition.js';
import type { StreamReader } from './adapter.js';
import type { HostHttpOptions } from './host-http-client.js';
import type { OAuthProvider } from './oauth/oauth-provider.js';

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
}

import type { ConnectorDefinition } from '../connectors/connector-definition.js';
import { AROFLO_ADAPTER } from './aroflo/aroflo.adapter.js';
import { BIGCOMMERCE_ADAPTER } from './bigcommerce/bigcommerce.adapter.js';
import type { HostAdapter } from './host-adapter.js';
import type { OAuthProvider } from './oauth/oauth-provider.js';
import { SQUARE_ADAPTER } from './square/square.adapter.js';

/** The host systems the service integrates with. Adding one is adding its adapter here. */
export const HOST_ADAPTERS: ReadonlyArray<HostAdapter<unknown, unknown>> = [
  AROFLO_ADAPTER as unknown as HostAdapter<unknown, unknown>,
  BIGCOMMERCE_ADAPTER as unknown as HostAdapter<unknown, unknown>,
  SQUARE_ADAPTER as unknown as HostAdapter<unknown, unknown>,
];

export const HOST_CONNECTORS: readonly ConnectorDefinition[] = HOST_ADAPTERS.map((adapter) => adapter.connector as ConnectorDefinition);
export const OAUTH_PROVIDERS: readonly OAuthProvider[] = HOST_ADAPTERS.flatMap((adapter) => (adapter.oauth ? [adapter.oauth] : []));

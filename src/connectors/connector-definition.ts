import type { JSONSchemaType } from 'ajv';

export const CONNECTOR_CATEGORIES = ['ERP & Accounting', 'E-commerce', 'Payment', 'Marketplace', 'Point of Sales', 'Logistics & WMS'] as const;
export type ConnectorCategory = (typeof CONNECTOR_CATEGORIES)[number];
export type AuthType = 'oauth2' | 'apiKey' | 'none';
/** From the platform's point of view: import = data flowing into the platform. */
export type PlugDirection = 'import' | 'export';

export interface PlugDefinition {
  readonly name: string;
  readonly direction: PlugDirection;
  readonly description: string;
}

/**
 * What the service knows about a connector: shown in the catalog and used to validate
 * connections. A host-system adapter adds its reader and authorization on top of this.
 */
export interface ConnectorDefinition<Settings = Record<string, unknown>> {
  readonly id: string;
  readonly name: string;
  readonly category: ConnectorCategory;
  readonly authType: AuthType;
  readonly plugs: readonly PlugDefinition[];
  /** JSON Schema of the connection settings, with defaults. */
  readonly settingsSchema: JSONSchemaType<Settings>;
  /**
   * JSON Schema of the body of PUT /connections/{id}/credentials, from which an admin UI renders
   * the form. Connectors authorized otherwise (OAuth2, none) may leave it out: the catalog then
   * declares an empty one saying how they are authorized.
   */
  readonly credentialsSchema?: CredentialsSchema;
}

/** A JSON Schema of an object of string fields (the credentials a connector stores, encrypted). */
export interface CredentialsSchema {
  readonly type: 'object';
  readonly description?: string;
  readonly additionalProperties: false;
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, { readonly type: 'string'; readonly title: string; readonly description: string; readonly minLength?: number; readonly maxLength: number; readonly pattern?: string; readonly writeOnly?: boolean }>>;
}

import { Injectable } from '@nestjs/common';
import { Ajv, type ValidateFunction } from 'ajv';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import type { ConnectorDefinition, CredentialsSchema } from './connector-definition.js';
import { HOST_CONNECTORS } from '../host-system/host-adapters.js';
import { ARIBA2_OSERIES, BIGCOMMERCE_OSERIES, SAPTAX_OSERIES } from './definitions/oseries.js';

/** Every connector the service knows: one per host-system adapter, and the O Series connectors. */
export const CONNECTOR_DEFINITIONS: readonly ConnectorDefinition[] = [
  ...HOST_CONNECTORS,
  BIGCOMMERCE_OSERIES,
  SAPTAX_OSERIES,
  ARIBA2_OSERIES,
];

@Injectable()
export class ConnectorCatalog {
  private readonly byId = new Map(CONNECTOR_DEFINITIONS.map((c) => [c.id, c]));
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly credentialValidators = new Map<string, ValidateFunction>();

  constructor() {
    // ajv: defaults filled in, every violation reported, no type coercion (settings are JSON).
    const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
    for (const connector of CONNECTOR_DEFINITIONS) this.validators.set(connector.id, ajv.compile(connector.settingsSchema));
    const credentials = new Ajv({ allErrors: true, strict: true });
    for (const connector of CONNECTOR_DEFINITIONS) this.credentialValidators.set(connector.id, credentials.compile(credentialsSchemaOf(connector)));
  }

  list(): readonly ConnectorDefinition[] {
    return CONNECTOR_DEFINITIONS;
  }

  get(id: string): ConnectorDefinition {
    const connector = this.byId.get(id);
    if (!connector) throw new NotFoundError('CONNECTOR.NOT_FOUND', 'Connector', id);
    return connector;
  }

  /** The settings with defaults filled in, or a 400 naming every violating field. */
  validateSettings(connectorId: string, settings: Record<string, unknown>): Record<string, unknown> {
    const candidate = structuredClone(settings);
    const validate = this.validators.get(connectorId)!;
    if (validate(candidate)) return candidate;
    throw new ValidationFailedError(
      (validate.errors ?? []).map((error) => {
        const property = error.keyword === 'additionalProperties' ? `/${error.params.additionalProperty}` : error.instancePath;
        const message = error.keyword === 'additionalProperties' ? 'is not a setting of this connector' : (error.message ?? 'is invalid');
        return { field: `settings${property.replaceAll('/', '.')}`, message };
      }),
    );
  }

  /** The credentials as sent, or a 400 naming every missing, unknown or malformed field. */
  validateCredentials(connectorId: string, body: unknown): Record<string, string> {
    const validate = this.credentialValidators.get(connectorId)!;
    if (validate(body)) return body as Record<string, string>;
    throw new ValidationFailedError(
      (validate.errors ?? []).map((error) => {
        if (error.keyword === 'required') return { field: String(error.params.missingProperty), message: 'is required' };
        if (error.keyword === 'additionalProperties') return { field: String(error.params.additionalProperty), message: `is not a credential of ${connectorId}` };
        const field = error.instancePath.slice(1).replaceAll('/', '.') || 'body';
        return { field, message: error.keyword === 'type' && field === 'body' ? 'must be a JSON object' : (error.message ?? 'is invalid') };
      }),
    );
  }
}

/** The connector's own credentials schema, or an empty one saying how it is authorized instead. */
export function credentialsSchemaOf(connector: ConnectorDefinition): CredentialsSchema {
  if (connector.credentialsSchema) return connector.credentialsSchema;
  const how =
    connector.authType === 'oauth2'
      ? 'Authorized with OAuth2 in a popup (GET /connections/{id}/authorize): no credentials are entered'
      : 'Needs no credentials';
  return { type: 'object', description: how, additionalProperties: false, required: [], properties: {} };
}

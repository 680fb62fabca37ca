import { Injectable } from '@nestjs/common';
import { Ajv, type ValidateFunction } from 'ajv';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import type { ConnectorDefinition } from './connector-definition.js';
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

  constructor() {
    // ajv: defaults filled in, every violation reported, no type coercion (settings are JSON).
    const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
    for (const connector of CONNECTOR_DEFINITIONS) this.validators.set(connector.id, ajv.compile(connector.settingsSchema));
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
}

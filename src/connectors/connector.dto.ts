import { ApiProperty } from '@nestjs/swagger';
import { credentialsSchemaOf } from './connector-catalog.js';
import { CONNECTOR_CATEGORIES, type ConnectorDefinition } from './connector-definition.js';

export class PlugDefinitionDto {
  @ApiProperty({ example: 'payments' }) readonly name: string;
  @ApiProperty({ enum: ['import', 'export'], example: 'import', description: "From the platform's point of view: import = into the platform" })
  readonly direction: 'import' | 'export';
  @ApiProperty({ example: 'Payment transactions: amounts, currency, dates, references' }) readonly description: string;
}

export class ConnectorDto {
  @ApiProperty({ example: 'AROFLO' }) readonly id: string;
  @ApiProperty({ example: 'AroFlo' }) readonly name: string;
  @ApiProperty({ enum: CONNECTOR_CATEGORIES, example: 'ERP & Accounting' }) readonly category: string;
  @ApiProperty({ enum: ['oauth2', 'apiKey', 'none'], example: 'apiKey' }) readonly authType: string;
  @ApiProperty({ type: [PlugDefinitionDto] }) readonly plugs: PlugDefinitionDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the connection settings, with defaults',
    example: { type: 'object', properties: { max_records_per_page: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
  })
  readonly settingsSchema: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the body of PUT /connections/{id}/credentials (an empty object schema when the connector is authorized otherwise)',
    example: { type: 'object', required: ['secretKey'], properties: { secretKey: { type: 'string', title: 'Secret key', writeOnly: true } } },
  })
  readonly credentialsSchema: Record<string, unknown>;
}

export class ConnectorListDto {
  @ApiProperty({ type: [ConnectorDto] }) readonly content: ConnectorDto[];
}

export function toConnectorDto(connector: ConnectorDefinition): ConnectorDto {
  return {
    id: connector.id,
    name: connector.name,
    category: connector.category,
    authType: connector.authType,
    plugs: connector.plugs.map((plug) => ({ ...plug })),
    settingsSchema: structuredClone(connector.settingsSchema) as Record<string, unknown>,
    credentialsSchema: structuredClone(credentialsSchemaOf(connector)) as unknown as Record<string, unknown>,
  };
}

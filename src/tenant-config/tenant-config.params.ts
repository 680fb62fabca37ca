import { EnumField, StringField } from '../common/fields.js';
import { TENANT_CONNECTORS } from '../integrations/connectors.js';

export class ListPartnerTenantConfigsParams {
  @EnumField(TENANT_CONNECTORS, { example: 'BIGCOMMERCE_OSERIES' })
  readonly connector: string;

  @StringField({ example: '4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee' })
  readonly partnerTenant: string;
}

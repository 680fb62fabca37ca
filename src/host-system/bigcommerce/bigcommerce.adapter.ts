import type { HostAdapter } from '../host-adapter.js';
import { BIGCOMMERCE, BIGCOMMERCE_OAUTH, type BigCommerceSettings } from './bigcommerce.connector.js';
import { readOrders, readRefunds, type BigCommerceCredentials } from './bigcommerce.readers.js';

export const BIGCOMMERCE_ADAPTER: HostAdapter<BigCommerceCredentials, BigCommerceSettings> = {
  connector: BIGCOMMERCE,
  oauth: BIGCOMMERCE_OAUTH,
  httpOptions: () => ({ retries: 4, timeoutMs: 30_000 }),
  readers: {
    orders: (context, window) => readOrders(context, window),
    refunds: (context, window) => readRefunds(context, window),
  },
};

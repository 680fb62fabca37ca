import { accountBudgetFor } from '../account-budget.js';
import type { HostAdapter } from '../host-adapter.js';
import { BIGCOMMERCE, BIGCOMMERCE_OAUTH, BIGCOMMERCE_RATE_POLICY, bigCommerceBudgetKey, bigCommerceCredentials, type BigCommerceSettings } from './bigcommerce.connector.js';
import { readOrders, readRefunds, type BigCommerceCredentials } from './bigcommerce.readers.js';
import { orderToSale, refundToRefund } from './bigcommerce.transform.js';

export const BIGCOMMERCE_ADAPTER: HostAdapter<BigCommerceCredentials, BigCommerceSettings> = {
  connector: BIGCOMMERCE,
  oauth: BIGCOMMERCE_OAUTH,
  // Six retries with backoff: a page of orders takes ~3 detail requests per order, and one that still fails repeats the page.
  httpOptions: () => ({ retries: 6, timeoutMs: 30_000 }),
  readers: {
    orders: (context, window) => readOrders(context, window),
    refunds: (context, window) => readRefunds(context, window),
  },
  transforms: { orders: orderToSale, refunds: refundToRefund },
  // Orders are read keyset-style by date_modified, so a small lookback is only for records BigCommerce
  // commits a little after their timestamp (and clock skew); each re-read order costs three detail
  // requests, so a long one would multiply the traffic of every run.
  lookbackMinutes: 10,
  readerCredentials: (config, secret) => {
    const credentials = bigCommerceCredentials(config, secret);
    return { ...credentials, budget: accountBudgetFor(config, bigCommerceBudgetKey(credentials.apiUrl, credentials.storeHash), BIGCOMMERCE_RATE_POLICY) };
  },
  accountRates: BIGCOMMERCE_RATE_POLICY,
  rateBudgetKey: (config, secret) => bigCommerceBudgetKey(bigCommerceCredentials(config, secret).apiUrl, String(secret.storeHash)),
};

import { accountBudgetFor } from '../account-budget.js';
import type { HostAdapter } from '../host-adapter.js';
import { SQUARE, SQUARE_OAUTH, SQUARE_RATE_POLICY, squareBudgetKey, squareCredentials, type SquareCredentials, type SquareSettings } from './square.connector.js';
import { readOrders, readRefunds } from './square.readers.js';
import { orderToSale, refundToRefund, type SquareOrderRecord, type SquareRefundRecord } from './square.transform.js';

export const SQUARE_ADAPTER: HostAdapter<SquareCredentials, SquareSettings> = {
  connector: SQUARE,
  oauth: SQUARE_OAUTH,
  // A search is one request per page of up to 1000 full orders; reads are safe to repeat.
  httpOptions: () => ({ retries: 6, timeoutMs: 30_000 }),
  readers: {
    orders: (context, window) => readOrders(context, window),
    refunds: (context, window) => readRefunds(context, window),
  },
  // The records are the readers' own (an order or refund with what they attached), as stored.
  transforms: { orders: (record) => orderToSale(record as SquareOrderRecord), refunds: (record) => refundToRefund(record as SquareRefundRecord) },
  // Square's results are eventually consistent ("may take several seconds to appear") and a search page
  // costs one request whatever it holds, so an hour is re-read: cheap, and it catches late commits and
  // refunds that completed after they were first read.
  lookbackMinutes: 60,
  readerCredentials: (config, secret) => {
    const credentials = squareCredentials(config, secret);
    return { ...credentials, budget: accountBudgetFor(config, squareBudgetKey(credentials.apiUrl, credentials.merchantId), SQUARE_RATE_POLICY) };
  },
  accountRates: SQUARE_RATE_POLICY,
  rateBudgetKey: (config, secret) => {
    const credentials = squareCredentials(config, secret);
    return squareBudgetKey(credentials.apiUrl, credentials.merchantId);
  },
};

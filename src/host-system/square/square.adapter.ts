import type { HostAdapter } from '../host-adapter.js';
import { SQUARE, SQUARE_OAUTH, squareCredentials, type SquareCredentials, type SquareSettings } from './square.connector.js';
import { readOrders, readRefunds } from './square.readers.js';
import { orderToSale, refundToRefund } from './square.transform.js';

export const SQUARE_ADAPTER: HostAdapter<SquareCredentials, SquareSettings> = {
  connector: SQUARE,
  oauth: SQUARE_OAUTH,
  // A search is one request per page of up to 1000 full orders; reads are safe to repeat.
  httpOptions: () => ({ retries: 6, timeoutMs: 30_000 }),
  readers: {
    orders: (context, window) => readOrders(context, window),
    refunds: (context, window) => readRefunds(context, window),
  },
  transforms: { orders: orderToSale, refunds: refundToRefund },
  // Square's results are eventually consistent ("may take several seconds to appear") and a search page
  // costs one request whatever it holds, so an hour is re-read: cheap, and it catches late commits and
  // refunds that completed after they were first read.
  lookbackMinutes: 60,
  readerCredentials: (config, secret) => squareCredentials(config, secret),
};

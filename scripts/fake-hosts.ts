/**
 * `npm run fake-hosts`: runs the fake host systems the tests use, for a local demo:
 * a BigCommerce store (OAuth app + orders and refunds) on 127.0.0.1. Point the service at it:
 *   BIGCOMMERCE_CLIENT_ID=demo-client BIGCOMMERCE_CLIENT_SECRET=demo-secret \
 *   BIGCOMMERCE_AUTH_URL=<printed URL> BIGCOMMERCE_API_URL=<printed URL> npm start
 * Sizes: FAKE_ORDERS (default 1000), FAKE_REFUNDS (default 200).
 */
import { FakeBigCommerce } from '../test/support/fake-bigcommerce.js';

const bigcommerce = await FakeBigCommerce.start({
  storeHash: 'demo',
  accessToken: 'demo-access-token',
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  orders: Number(process.env.FAKE_ORDERS ?? 1000),
  ordersPerSecond: 2,
  refunds: Number(process.env.FAKE_REFUNDS ?? 200),
});
console.log(`Fake BigCommerce on ${bigcommerce.url} (store hash "demo", OAuth client demo-client / demo-secret)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void bigcommerce.stop().then(() => process.exit(0)));

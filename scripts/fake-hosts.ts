/**
 * `npm run fake-hosts`: runs the fake host systems the tests use, for a local demo:
 * a BigCommerce store (OAuth app + orders and refunds) and an AroFlo account on 127.0.0.1. Point the service at them:
 *   BIGCOMMERCE_CLIENT_ID=demo-client BIGCOMMERCE_CLIENT_SECRET=demo-secret \
 *   BIGCOMMERCE_AUTH_URL=<printed URL> BIGCOMMERCE_API_URL=<printed URL> npm start
 * Sizes: FAKE_ORDERS (default 1000), FAKE_REFUNDS (default 200).
 */
import { FakeAroFlo } from '../test/support/fake-aroflo.js';
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
const records = Number(process.env.FAKE_AROFLO_RECORDS ?? 500);
const aroflo = await FakeAroFlo.start({ invoices: records, users: records, suppliers: records, payments: records });
console.log(`Fake BigCommerce on ${bigcommerce.url} (store hash "demo", OAuth client demo-client / demo-secret)`);
console.log(`Fake AroFlo on ${aroflo.url}: set AROFLO_API_URL=${aroflo.url}; its credentials: ${JSON.stringify(aroflo.credentials())}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.all([bigcommerce.stop(), aroflo.stop()]).then(() => process.exit(0)));
}

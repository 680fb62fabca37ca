import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from 'decimal.js';
import { parse as parseLosslessJson } from 'lossless-json';
import { BigCommerceStoreData, toJsonWithNumbers, type DetailedOrder } from '../../../test/support/bigcommerce-data.js';
import { TransformError, type CanonicalTransaction } from '../canonical.js';
import { BIGCOMMERCE_ADAPTER } from './bigcommerce.adapter.js';
import { orderToSale, refundToRefund } from './bigcommerce.transform.js';

const START = new Date('2024-01-01T00:00:00Z');
const store = () => new BigCommerceStoreData({ orders: 20_000, refunds: 'some', start: START });
const data = store();

/** Orders of `data` picked for what they show (found by scanning the deterministic store once). */
const ORDER = {
  couponAndDiscount: 575,
  newYork: 16,
  handlingAndWrapping: 8,
  incomplete: 11,
  cancelled: 6,
  declined: 25,
  refunded: 70,
  partiallyRefunded: 10,
  exempt: 32,
  jpy: 46,
  displayCad: 12,
  digital: 5,
};
const REFUND = { product: 1, shipping: 5, orderLevel: 6, full: 14 };

const d = (value: string) => new Decimal(value);
const total = (values: Iterable<string>) => [...values].reduce((acc, value) => acc.plus(value), new Decimal(0));
const sale = (id: number) => orderToSale(data.detailedOrder(id));
/** The wire form a refund reaches the transform in: its JSON text parsed with numbers kept as their text. */
const wire = (value: unknown) => parseLosslessJson(toJsonWithNumbers(value), null, { parseNumber: (text: string) => text }) as Record<string, unknown>;

function transformError(run: () => unknown, externalId: string | undefined, message: RegExp): true {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof TransformError, String(error));
    assert.equal(error.externalId, externalId);
    assert.match(error.message, message);
    return true;
  });
  return true;
}

describe('BigCommerceStoreData', () => {
  it('adds every order up exactly, as BigCommerce does', () => {
    const moneyText = /^\d+\.\d{4}$/;
    for (let id = 1; id <= 5_000; id += 1) {
      const order = data.detailedOrder(id);
      const field = (name: string) => {
        assert.match(String(order[name]), moneyText, `${id} ${name}`);
        return d(String(order[name]));
      };
      const parts = field('subtotal_ex_tax').minus(field('discount_amount')).minus(field('coupon_discount'))
        .plus(field('shipping_cost_ex_tax')).plus(field('handling_cost_ex_tax')).plus(field('wrapping_cost_ex_tax'));
      assert.ok(parts.eq(field('total_ex_tax')), `order ${id}: total_ex_tax`);
      assert.ok(parts.plus(field('total_tax')).eq(field('total_inc_tax')), `order ${id}: total_inc_tax`);
      assert.ok(total(order.taxes.map((row) => row.line_amount)).eq(field('total_tax')), `order ${id}: tax rows`);
      const productTax = total(order.products.map((product) => String(product.total_tax)));
      assert.ok(productTax.eq(field('subtotal_tax')), `order ${id}: subtotal_tax`);
      assert.ok(productTax.plus(field('shipping_cost_tax')).plus(field('handling_cost_tax')).plus(field('wrapping_cost_tax')).eq(field('total_tax')), `order ${id}: tax parts`);
      const discounts = total(order.products.flatMap((product) => (product.applied_discounts as Array<{ amount: string }>).map((discount) => discount.amount)));
      assert.ok(discounts.eq(field('discount_amount').plus(field('coupon_discount'))), `order ${id}: applied discounts`);
      assert.ok(Date.parse(order.date_created) <= Date.parse(order.date_modified), `order ${id}: dates`);
      assert.match(order.date_created, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      if (order.default_currency_code === 'JPY') assert.match(String(order.total_inc_tax), /\.0000$/);
    }
  });

  it('mixes currencies, statuses, tax-exempt and digital orders as a real store does', () => {
    const counts = new Map<string, number>();
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    for (let id = 1; id <= 20_000; id += 1) {
      const order = data.order(id);
      count(String(order.default_currency_code));
      count(`status ${order.status_id}`);
      if (data.taxes(id).length === 0) count('exempt');
      if (order.order_is_digital) count('digital');
    }
    const share = (key: string) => (counts.get(key) ?? 0) / 20_000;
    assert.ok(share('USD') > 0.7 && share('EUR') > 0.05 && share('CAD') > 0.05 && share('JPY') > 0.04, JSON.stringify([...counts]));
    assert.ok(share('status 10') + share('status 2') > 0.6);
    for (const status of [0, 4, 5, 6, 14]) assert.ok(share(`status ${status}`) > 0.005, `status ${status}`);
    assert.ok(share('exempt') > 0.04 && share('exempt') < 0.06, `exempt ${share('exempt')}`);
    assert.ok(share('digital') > 0.03);
  });

  it('describes a million orders without materializing them: any order is computed on demand', () => {
    const big = new BigCommerceStoreData({ orders: 1_000_000, refunds: 'some', start: START, ordersPerSecond: 5 });
    assert.equal(big.order(1_000_000).id, 1_000_000);
    assert.equal(big.modifiedSecond(1_000_000), START.getTime() / 1000 + 199_999);
    assert.throws(() => big.order(1_000_001), RangeError);
    assert.equal(big.refundCount, 100_000);
    // Computed, not stored: building the last order's body twice gives the same body, and the first
    // order is still available afterwards (no window of materialized orders).
    assert.deepEqual(big.detailedOrder(999_999), big.detailedOrder(999_999));
    assert.equal(big.order(1).id, 1);
  });

  it('is deterministic per seed', () => {
    assert.deepEqual(store().detailedOrder(1234), data.detailedOrder(1234));
    assert.notDeepEqual(new BigCommerceStoreData({ orders: 20_000, seed: 2 }).detailedOrder(1234).products, data.detailedOrder(1234).products);
  });

  it('amends an order consistently: quantity, then a discount; totals, taxes and date_modified follow', () => {
    const local = store();
    const before = local.detailedOrder(3);
    const at = new Date('2024-02-01T12:00:00Z');
    assert.equal(local.amend(3, { at }), 1);
    const once = local.detailedOrder(3);
    assert.equal(once.products[0].quantity, Number(before.products[0].quantity) + 1);
    assert.equal(once.date_created, before.date_created);
    assert.equal(once.date_modified, 'Thu, 01 Feb 2024 12:00:00 +0000');
    assert.equal(local.modifiedSecond(3), at.getTime() / 1000);
    assert.deepEqual(local.amendedIds(), [3]);
    assert.ok(d(String(once.total_inc_tax)).gt(String(before.total_inc_tax)));
    assert.ok(total(once.taxes.map((row) => row.line_amount)).eq(String(once.total_tax)));
    local.amend(3, { at: new Date('2024-02-02T00:00:00Z') });
    const twice = local.detailedOrder(3);
    assert.equal(twice.discount_amount, '3.0000');
    assert.equal(twice.products[0].quantity, once.products[0].quantity);
    assert.ok(total(twice.taxes.map((row) => row.line_amount)).eq(String(twice.total_tax)));
  });

  it('serves v3 refunds whose amounts become bare JSON numbers on the wire, written from their text', () => {
    const refund = data.refund(REFUND.product);
    assert.equal(refund.total_amount, '25.36');
    assert.equal(refund.order_id, 10);
    assert.ok(Date.parse(refund.created) > Date.parse(data.order(10).date_created));
    const json = toJsonWithNumbers({ data: [refund], meta: { pagination: { total: 1 } } });
    assert.match(json, /"total_amount":25\.36,"total_tax":2\.37,/);
    assert.match(json, /"requested_amount":22\.99\}/);
    const parsed = (wire({ data: [refund] }).data as Array<Record<string, unknown>>)[0];
    assert.deepEqual([parsed.total_amount, parsed.total_tax, (parsed.items as Array<Record<string, unknown>>)[0].requested_amount], ['25.36', '2.37', '22.99']);
    // Trailing zeros are dropped, as a JSON number prints: 113.50 is sent as 113.5.
    assert.match(toJsonWithNumbers(data.refund(2)), /"total_amount":113\.5,/);
    assert.throws(() => toJsonWithNumbers({ total_amount: '12,34' }), TypeError);
  });

  it('finds refunds by creation time, as created:min/max select them', () => {
    const created = (id: number) => new Date(data.refundCreatedSecond(id) * 1000);
    assert.deepEqual(data.refundIdsCreatedBetween(created(5), created(9)), { first: 5, last: 9 });
    assert.deepEqual(data.refundIdsCreatedBetween(new Date(created(5).getTime() + 1), created(9)), { first: 6, last: 9 });
    assert.equal(data.refundIdsCreatedBetween(new Date('2030-01-01T00:00:00Z'), new Date('2030-01-02T00:00:00Z')), null);
  });
});

describe('orderToSale', () => {
  it('maps an order with a manual discount, a coupon and taxed shipping to the cent', () => {
    const source = data.detailedOrder(ORDER.couponAndDiscount);
    assert.equal(source.discount_amount, '5.0000');
    assert.equal(source.coupon_discount, '16.3000');
    const document = orderToSale(source);
    assert.deepEqual(
      { ...document, lines: undefined, taxes: undefined },
      {
        kind: 'transaction', externalId: '575', type: 'sale', status: 'active',
        // date_created (the previous day), never date_modified.
        transactionDate: '2023-12-31T22:54:58.000Z', sourceModifiedAt: '2024-01-01T00:09:34.000Z',
        documentNumber: '575', currency: 'USD',
        subtotal: '167.9700', discount: '21.3000', shipping: '9.9900', shippingTax: '0.8200', tax: '12.9300', total: '169.5900',
        taxExempt: false, shipFrom: null,
        shipTo: { line1: '324 Congress Ave', line2: 'Apt 16', city: 'Austin', region: 'Texas', postalCode: '78701', country: 'US' },
        originalExternalId: null, reviewRequired: false, reviewMessage: null, lines: undefined, taxes: undefined,
      },
    );
    assert.deepEqual(document.lines, [
      { lineNumber: 1, sku: 'S-ORAN', description: 'Fog Linen Chambray Towel - Beige Stripe', quantity: '3', amount: '167.9700', discount: '21.3000', tax: '12.1100', taxCode: 'Default Tax Class' },
    ]);
    // Each jurisdiction's item and shipping rows are summed: 9.17 + 0.62 state, 1.47 + 0.10 county and city.
    assert.deepEqual(document.taxes, [
      { name: 'TX State Tax', rate: '0.0625', amount: '9.7900' },
      { name: 'Travis County MTA Tax', rate: '0.01', amount: '1.5700' },
      { name: 'Austin City Tax', rate: '0.01', amount: '1.5700' },
    ]);
    assert.equal(source.taxes.length, 6);
  });

  it('groups several tax lines per jurisdiction, with exact fractional rates', () => {
    const document = sale(ORDER.newYork);
    assert.deepEqual(document.taxes, [
      { name: 'NY State Tax', rate: '0.04', amount: '7.1000' },
      { name: 'MCTD Tax', rate: '0.00375', amount: '0.6600' },
      { name: 'New York City Tax', rate: '0.045', amount: '8.0000' },
    ]);
    assert.equal(document.tax, '15.7600');
    assert.equal(document.shippingTax, '0.5300');
    assert.equal(document.lines.length, 3);
  });

  it('puts handling into shipping and gift wrapping into a line of the subtotal, so the total still adds up', () => {
    const source = data.detailedOrder(ORDER.handlingAndWrapping);
    assert.deepEqual(
      [source.shipping_cost_ex_tax, source.handling_cost_ex_tax, source.wrapping_cost_ex_tax, source.subtotal_ex_tax],
      ['20.3300', '2.7200', '6.7900', '322.3100'],
    );
    const document = orderToSale(source);
    assert.equal(document.currency, 'CAD');
    assert.equal(document.shipping, '23.0500');
    assert.equal(document.shippingTax, '2.9900');
    assert.equal(document.subtotal, '329.1000');
    assert.deepEqual(document.lines.at(-1), { lineNumber: 3, sku: null, description: 'Gift wrapping', quantity: '1', amount: '6.7900', discount: '0.0000', tax: '0.8800', taxCode: null });
    assert.equal(document.total, '397.9200');
    assert.ok(d(document.subtotal).minus(document.discount).plus(document.shipping).plus(document.tax).eq(document.total));
    assert.deepEqual(document.taxes, [{ name: 'ON HST', rate: '0.13', amount: '45.7700' }]);
  });

  it('voids Incomplete, Cancelled and Declined orders; Refunded ones stay sales', () => {
    const status = (id: number) => [data.order(id).status, sale(id).status];
    assert.deepEqual(status(ORDER.incomplete), ['Incomplete', 'voided']);
    assert.deepEqual(status(ORDER.cancelled), ['Cancelled', 'voided']);
    assert.deepEqual(status(ORDER.declined), ['Declined', 'voided']);
    assert.deepEqual(status(ORDER.refunded), ['Refunded', 'active']);
    assert.deepEqual(status(ORDER.partiallyRefunded), ['Partially Refunded', 'active']);
    // The source text of a number (numbersAsStrings) reads the same.
    assert.equal(orderToSale({ ...data.detailedOrder(ORDER.cancelled), status_id: '5', id: '6' }).status, 'voided');
  });

  it('marks an order with something taxable and no tax at all as tax-exempt', () => {
    const document = sale(ORDER.exempt);
    assert.deepEqual([document.taxExempt, document.tax, document.taxes, document.total], [true, '0.0000', [], '339.4500']);
    assert.equal(document.reviewRequired, false);
    assert.equal(sale(ORDER.newYork).taxExempt, false);
    const zeroRated = { ...data.detailedOrder(ORDER.exempt), taxes: [{ name: 'OR State Tax', rate: '0.0000', line_amount: '0.0000' }] };
    assert.equal(orderToSale(zeroRated).taxExempt, false);
    assert.equal(orderToSale({ ...data.detailedOrder(ORDER.exempt), tax_exempt_category: '' }).taxExempt, true);
    assert.equal(orderToSale({ ...data.detailedOrder(ORDER.newYork), tax_exempt_category: 'E' }).taxExempt, true);
  });

  it('keeps yen amounts whole and the transactional currency, not the display one', () => {
    const yen = sale(ORDER.jpy);
    assert.deepEqual([yen.currency, yen.subtotal, yen.discount, yen.shipping, yen.tax, yen.total], ['JPY', '86100.0000', '8610.0000', '1799.0000', '7931.0000', '87220.0000']);
    const source = data.detailedOrder(ORDER.displayCad);
    assert.deepEqual([source.currency_code, source.default_currency_code], ['CAD', 'USD']);
    assert.equal(orderToSale(source).currency, 'USD');
  });

  it('ships a digital order to its billing address', () => {
    const source = data.detailedOrder(ORDER.digital);
    assert.deepEqual(source.shipping_addresses, []);
    assert.deepEqual(orderToSale(source).shipTo, { line1: '500 Congress Ave', line2: null, city: 'Austin', region: 'Texas', postalCode: '78701', country: 'US' });
  });

  it('follows an amended order: new amounts and date_modified, the same transaction date', () => {
    const local = store();
    const before = orderToSale(local.detailedOrder(ORDER.newYork));
    local.amend(ORDER.newYork, { at: new Date('2024-01-05T10:00:00Z') });
    local.amend(ORDER.newYork, { at: new Date('2024-01-06T10:00:00Z') });
    const after = orderToSale(local.detailedOrder(ORDER.newYork));
    assert.equal(after.transactionDate, before.transactionDate);
    assert.equal(after.sourceModifiedAt, '2024-01-06T10:00:00.000Z');
    assert.deepEqual([before.lines[0].quantity, after.lines[0].quantity], ['3', '4']);
    // One more Smith Journal (25.00) and a 3.00 discount: 25.00 − 3.00 = 22.00 more before tax.
    assert.deepEqual([after.subtotal, after.discount], ['196.4900', '3.0000']);
    assert.equal(d(after.total).minus(after.tax).minus(d(before.total).minus(before.tax)).toFixed(4), '22.0000');
    assert.equal(after.tax, '17.7100');
    assert.equal(total(after.taxes.map((tax) => tax.amount)).toFixed(4), after.tax);
    assert.equal(after.reviewRequired, false);
  });

  it('asks for review, saying the figures, when the tax lines do not add up to total_tax', () => {
    const source = data.detailedOrder(ORDER.couponAndDiscount);
    const document = orderToSale({ ...source, taxes: source.taxes.slice(1) });
    assert.equal(document.reviewRequired, true);
    assert.equal(document.reviewMessage, 'the tax lines sum to 3.7600 but total_tax is 12.9300');
    assert.equal(document.tax, '12.9300');
  });

  it('asks for review when amounts are missing, and when the total does not add up', () => {
    const { handling_cost_tax: _, wrapping_cost_ex_tax: __, ...source } = data.detailedOrder(ORDER.couponAndDiscount);
    const missing = orderToSale(source);
    assert.equal(missing.reviewRequired, true);
    assert.equal(missing.reviewMessage, 'missing amounts, taken as 0: handling_cost_tax, wrapping_cost_ex_tax');
    const { status_id: ___, ...noStatus } = data.detailedOrder(ORDER.cancelled);
    assert.deepEqual([orderToSale(noStatus).status, orderToSale(noStatus).reviewMessage], ['active', 'status_id is missing, so the order is taken as an active sale']);
    const off = orderToSale({ ...data.detailedOrder(ORDER.couponAndDiscount), total_inc_tax: '170.0000' });
    assert.match(off.reviewMessage ?? '', /total_inc_tax is 170\.0000 but subtotal − discounts \+ shipping \+ handling \+ wrapping \+ tax is 169\.5900/);
  });

  it('refuses a JavaScript number amount, a garbage date and an unusable id', () => {
    const source = data.detailedOrder(ORDER.couponAndDiscount);
    transformError(() => orderToSale({ ...source, total_inc_tax: 169.59 }), '575', /total_inc_tax is not a decimal amount: 169\.59/);
    transformError(() => orderToSale({ ...source, products: [{ ...source.products[0], total_tax: 12.11 }] }), '575', /products\[0\]\.total_tax/);
    transformError(() => orderToSale({ ...source, date_created: 'yesterday' }), '575', /date_created is not an RFC 2822 date/);
    transformError(() => orderToSale({ ...source, date_created: 'Sat, 31 Feb 2024 10:00:00 +0000' }), '575', /date_created is not a valid date/);
    transformError(() => orderToSale({ ...source, total_inc_tax: undefined }), '575', /total_inc_tax is missing/);
    transformError(() => orderToSale({ ...source, id: 'abc' } as unknown as DetailedOrder), undefined, /order id is not a positive integer/);
  });

  it('reads RFC 2822 offsets into UTC', () => {
    const document = orderToSale({ ...data.detailedOrder(1), date_created: 'Tue, 20 Nov 2012 18:30:00 -0500' });
    assert.equal(document.transactionDate, '2012-11-20T23:30:00.000Z');
  });
});

describe('refundToRefund', () => {
  it('maps a product refund from its wire form, exactly', () => {
    const document = refundToRefund(wire(data.refund(REFUND.product)));
    assert.deepEqual(document, {
      kind: 'transaction', externalId: '1', type: 'refund', status: 'active',
      transactionDate: '2024-01-01T01:00:09.000Z', sourceModifiedAt: '2024-01-01T01:00:09.000Z', documentNumber: '1',
      currency: null, subtotal: '22.9900', discount: '0.0000', shipping: '0.0000', shippingTax: '0.0000', tax: '2.3700', total: '25.3600',
      taxExempt: false, shipFrom: null, shipTo: null, originalExternalId: '10', reviewRequired: false, reviewMessage: null,
      lines: [{ lineNumber: 1, sku: null, description: 'Order product 101', quantity: '1', amount: '22.9900', discount: '0.0000', tax: '2.3700', taxCode: null }],
      taxes: [],
    });
  });

  it('maps a shipping refund and a full refund, subtotal being total − tax − shipping', () => {
    const shipping = refundToRefund(wire(data.refund(REFUND.shipping)));
    assert.deepEqual([shipping.subtotal, shipping.shipping, shipping.shippingTax, shipping.tax, shipping.total, shipping.lines], ['0.0000', '5.9900', '0.0000', '0.0000', '5.9900', []]);
    const full = refundToRefund(wire(data.refund(REFUND.full)));
    const order = sale(140);
    assert.deepEqual([full.total, full.tax, full.shipping, full.originalExternalId], [order.total, order.tax, order.shipping, '140']);
    assert.deepEqual([full.subtotal, full.lines.length, full.reviewRequired], ['347.4300', 3, false]);
    assert.equal(d(full.subtotal).plus(full.tax).plus(full.shipping).toFixed(4), full.total);
  });

  it('asks for review of an ORDER-level amount, whose tax BigCommerce does not recalculate', () => {
    const source = data.refund(REFUND.orderLevel);
    assert.deepEqual((source.items as Array<{ item_type: string }>).map((item) => item.item_type), ['ORDER']);
    const document = refundToRefund(wire(source));
    assert.deepEqual([document.total, document.tax, document.subtotal, document.lines], ['40.5700', '0.0000', '40.5700', []]);
    assert.equal(document.reviewRequired, true);
    assert.equal(document.reviewMessage, '40.5700 was refunded as an order-level amount (item_type ORDER), for which BigCommerce does not recalculate tax: its tax portion is unknown');
  });

  it('asks for review when total_tax or the items are missing', () => {
    const { total_tax: _, ...noTax } = data.refund(REFUND.product);
    const document = refundToRefund(noTax);
    assert.equal(document.reviewRequired, true);
    assert.match(document.reviewMessage ?? '', /^total_tax is missing, so the tax refunded is unknown \(taken as 0\); the items \(22\.9900\) plus tax \(0\.0000\) differ from total_amount 25\.3600$/);
    const noItems = refundToRefund({ ...data.refund(REFUND.product), items: [] });
    assert.equal(noItems.reviewMessage, 'the refund has no items: what was refunded (products, shipping) is unknown');
  });

  it('refuses amounts that reached it as JavaScript numbers, and a garbage date', () => {
    const parsedAsFloats = JSON.parse(toJsonWithNumbers(data.refund(REFUND.product))) as Record<string, unknown>;
    assert.equal(parsedAsFloats.total_amount, 25.36);
    transformError(() => refundToRefund(parsedAsFloats), '1', /total_amount is not a decimal amount: 25\.36/);
    transformError(() => refundToRefund({ ...data.refund(REFUND.product), created: '2024-13-01T00:00:00Z' }), '1', /created is not a valid date/);
    transformError(() => refundToRefund({ ...data.refund(REFUND.product), created: 'Mon, 01 Jan 2024' }), '1', /created is not an RFC 3339 date-time/);
  });
});

describe('reconciliation with the store', () => {
  it('sums transformed totals, tax and shipping per day and currency exactly to the store\'s own figures', () => {
    // Orders run across midnight: 21:00 on 9 March to 02:33 on 10 March, refunds an hour later.
    const reconciled = new BigCommerceStoreData({ orders: 20_000, refunds: 'some', start: new Date('2024-03-09T21:00:00Z') });
    type Sums = { sales: number; total: Decimal; tax: Decimal; shipping: Decimal; refunds: number; refundTotal: Decimal; refundTax: Decimal };
    const sums = new Map<string, Sums>();
    const row = (document: CanonicalTransaction, currency: string) => {
      const key = `${document.transactionDate.slice(0, 10)} ${currency}`;
      const zero = new Decimal(0);
      if (!sums.has(key)) sums.set(key, { sales: 0, total: zero, tax: zero, shipping: zero, refunds: 0, refundTotal: zero, refundTax: zero });
      return sums.get(key)!;
    };
    const currencies = new Map<string, string>();
    for (let id = 1; id <= 20_000; id += 1) {
      const document = orderToSale(reconciled.detailedOrder(id));
      assert.equal(document.reviewRequired, false, document.reviewMessage ?? '');
      currencies.set(document.externalId, document.currency!);
      if (document.status === 'voided') continue;
      const sums = row(document, document.currency!);
      sums.sales += 1;
      sums.total = sums.total.plus(document.total);
      sums.tax = sums.tax.plus(document.tax);
      sums.shipping = sums.shipping.plus(document.shipping);
    }
    for (let id = 1; id <= reconciled.refundCount; id += 1) {
      const document = refundToRefund(wire(reconciled.refund(id)));
      const sums = row(document, currencies.get(document.originalExternalId!)!);
      sums.refunds += 1;
      sums.refundTotal = sums.refundTotal.plus(document.total);
      sums.refundTax = sums.refundTax.plus(document.tax);
    }

    const source = reconciled.sourceDailyTotals(new Date('2024-03-08T00:00:00Z'), new Date('2024-03-12T00:00:00Z'));
    assert.deepEqual(source.map((entry) => `${entry.day} ${entry.currency}`), [...sums.keys()].sort());
    assert.deepEqual(new Set(source.map((entry) => entry.day)), new Set(['2024-03-09', '2024-03-10']));
    for (const entry of source) {
      const mine = sums.get(`${entry.day} ${entry.currency}`)!;
      assert.deepEqual(
        {
          sales: mine.sales, total: mine.total.toFixed(4), tax: mine.tax.toFixed(4), shipping: mine.shipping.toFixed(4),
          refunds: mine.refunds, refundTotal: mine.refundTotal.toFixed(4), refundTax: mine.refundTax.toFixed(4),
        },
        {
          sales: entry.sales, total: entry.totalIncTax, tax: entry.totalTax,
          // Handling is part of canonical shipping (see orderToSale).
          shipping: d(entry.shippingExTax).plus(entry.handlingExTax).toFixed(4),
          refunds: entry.refunds, refundTotal: entry.refundTotal, refundTax: entry.refundTax,
        },
        `${entry.day} ${entry.currency}`,
      );
    }
    assert.ok(source.reduce((count, entry) => count + entry.refunds, 0) === reconciled.refundCount);

    // A window of one day gives that day's figures alone.
    const day = reconciled.sourceDailyTotals(new Date('2024-03-10T00:00:00Z'), new Date('2024-03-11T00:00:00Z'));
    assert.deepEqual(day, source.filter((entry) => entry.day === '2024-03-10'));
  });
});

describe('BIGCOMMERCE_ADAPTER', () => {
  it('declares its transforms, a short lookback and its reader credentials', () => {
    assert.equal(BIGCOMMERCE_ADAPTER.transforms.orders, orderToSale);
    assert.equal(BIGCOMMERCE_ADAPTER.transforms.refunds, refundToRefund);
    assert.equal(BIGCOMMERCE_ADAPTER.lookbackMinutes, 10);
    assert.equal(BIGCOMMERCE_ADAPTER.intervalSetting, undefined);
  });
});

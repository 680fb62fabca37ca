import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from 'decimal.js';
import { SquareSellerData } from '../../../test/support/square-data.js';
import { TransformError } from '../canonical.js';
import { squareMoney } from './square.money.js';
import { orderToSale, refundToRefund, type SquareOrderRecord, type SquareRefundRecord } from './square.transform.js';

/** Square's JSON with every number as its source text, as the readers receive it (numbersAsStrings). */
function asRead<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'number' ? String(v) : v)) as T;
}

const location = { id: 'L1', address: { address_line_1: '240 Kent Ave', locality: 'Brooklyn', administrative_district_level_1: 'NY', postal_code: '11249', country: 'US' } };

describe('Square money', () => {
  it('turns minor units into exact decimals per currency: USD cents, JPY yen, KWD fils', () => {
    assert.equal(squareMoney({ amount: '1234', currency: 'USD' }, 'USD', 'x'), '12.3400');
    assert.equal(squareMoney({ amount: '1200', currency: 'JPY' }, 'JPY', 'x'), '1200.0000');
    assert.equal(squareMoney({ amount: '1234', currency: 'KWD' }, 'KWD', 'x'), '1.2340');
    assert.equal(squareMoney({ amount: '1', currency: 'CLF' }, 'CLF', 'x'), '0.0001');
    assert.equal(squareMoney({ amount: '-5', currency: 'USD' }, 'USD', 'x'), '-0.0500');
    assert.equal(squareMoney({ amount: '90071992547409931', currency: 'USD' }, 'USD', 'x'), '900719925474099.3100', 'beyond 2^53, exact');
    assert.equal(squareMoney(undefined, 'USD', 'x'), '0.0000');
  });

  it('refuses fractions of a minor unit, unknown currencies and money in another currency', () => {
    assert.throws(() => squareMoney({ amount: '12.5', currency: 'USD' }, 'USD', 'x'), TransformError);
    assert.throws(() => squareMoney({ amount: '12', currency: 'ZZZ' }, 'ZZZ', 'x'), /not an ISO 4217 currency/);
    assert.throws(() => squareMoney({ amount: '12', currency: 'JPY' }, 'USD', 'x'), /in JPY, the document in USD/);
  });
});

describe('Square orders and refunds to the canonical model', () => {
  const order: SquareOrderRecord = asRead({
    id: 'ORD1',
    location_id: 'L1',
    reference_id: 'POS-1',
    state: 'COMPLETED',
    created_at: '2024-01-02T10:00:00Z',
    updated_at: '2024-01-02T10:04:00.123Z',
    closed_at: '2024-01-02T10:04:00.123Z',
    taxes: [
      { uid: 't-state', name: 'NY State Sales Tax', percentage: '4', type: 'ADDITIVE', scope: 'ORDER' },
      { uid: 't-city', name: 'NYC Local Sales Tax', percentage: '4.5', type: 'ADDITIVE', scope: 'ORDER' },
      { uid: 't-mctd', name: 'MCTD Surcharge', percentage: '0.375', type: 'ADDITIVE', scope: 'LINE_ITEM' },
    ],
    line_items: [
      {
        uid: 'a', name: 'Oat latte', variation_name: 'Large', catalog_object_id: 'VAR1', quantity: '2',
        gross_sales_money: { amount: 1100, currency: 'USD' }, total_discount_money: { amount: 110, currency: 'USD' },
        applied_taxes: [
          { tax_uid: 't-state', applied_money: { amount: 40, currency: 'USD' } },
          { tax_uid: 't-city', applied_money: { amount: 45, currency: 'USD' } },
          { tax_uid: 't-mctd', applied_money: { amount: 4, currency: 'USD' } },
        ],
        total_tax_money: { amount: 89, currency: 'USD' }, total_money: { amount: 1079, currency: 'USD' },
      },
    ],
    service_charges: [
      {
        uid: 'ship', name: 'Shipping', applied_money: { amount: 899, currency: 'USD' },
        applied_taxes: [
          { tax_uid: 't-state', applied_money: { amount: 36, currency: 'USD' } },
          { tax_uid: 't-city', applied_money: { amount: 40, currency: 'USD' } },
        ],
        total_tax_money: { amount: 76, currency: 'USD' }, total_money: { amount: 975, currency: 'USD' },
      },
      { uid: 'fee', name: 'Large party service charge', applied_money: { amount: 178, currency: 'USD' }, total_tax_money: { amount: 0, currency: 'USD' }, total_money: { amount: 178, currency: 'USD' } },
    ],
    fulfillments: [{ type: 'SHIPMENT', state: 'COMPLETED', shipment_details: { recipient: { address: { address_line_1: '12 Elm St', locality: 'Austin', administrative_district_level_1: 'TX', postal_code: '78701', country: 'US' } } } }],
    total_money: { amount: 2432, currency: 'USD' },
    total_tax_money: { amount: 165, currency: 'USD' },
    total_discount_money: { amount: 110, currency: 'USD' },
    total_tip_money: { amount: 200, currency: 'USD' },
    location,
  });

  it('maps a completed order: taxes from line and charge applied_taxes, shipping apart, addresses, exact money', () => {
    const sale = orderToSale(order);
    assert.equal(sale.type, 'sale');
    assert.equal(sale.status, 'active');
    assert.equal(sale.transactionDate, '2024-01-02T10:04:00.123Z');
    assert.equal(sale.documentNumber, 'POS-1');
    assert.equal(sale.currency, 'USD');
    assert.equal(sale.total, '24.3200');
    assert.equal(sale.tax, '1.6500');
    assert.equal(sale.discount, '1.1000');
    assert.equal(sale.shipping, '8.9900');
    assert.equal(sale.shippingTax, '0.7600');
    assert.deepEqual(sale.taxes, [
      { name: 'NY State Sales Tax', rate: '0.04', amount: '0.7600' },
      { name: 'NYC Local Sales Tax', rate: '0.045', amount: '0.8500' },
      { name: 'MCTD Surcharge', rate: '0.00375', amount: '0.0400' },
    ]);
    assert.deepEqual(
      sale.lines.map((l) => [l.description, l.quantity, l.amount, l.discount, l.tax]),
      [
        ['Oat latte, Large', '2', '11.0000', '1.1000', '0.8900'],
        ['Large party service charge', '1', '1.7800', '0.0000', '0.0000'],
        ['Tip', '1', '2.0000', '0.0000', '0.0000'],
      ],
    );
    assert.equal(sale.subtotal, '14.7800');
    assert.equal(sale.reviewRequired, false, sale.reviewMessage ?? '');
    assert.equal(sale.shipFrom?.city, 'Brooklyn');
    assert.equal(sale.shipTo?.city, 'Austin');
  });

  it('voids CANCELED orders and keeps OPEN ones out of sales; an in-store sale ships to its location', () => {
    assert.equal(orderToSale({ ...order, state: 'CANCELED' }).status, 'voided');
    const open = orderToSale({ ...order, state: 'OPEN', closed_at: undefined });
    assert.equal(open.status, 'voided');
    assert.equal(open.transactionDate, '2024-01-02T10:00:00.000Z');
    const inStore = orderToSale({ ...order, fulfillments: [{ type: 'PICKUP', state: 'COMPLETED' }] });
    assert.deepEqual(inStore.shipTo, inStore.shipFrom);
  });

  it('flags an order whose parts do not add up, and names the record that cannot be mapped', () => {
    const off = orderToSale({ ...order, total_money: { amount: '2433', currency: 'USD' } });
    assert.equal(off.reviewRequired, true);
    assert.match(off.reviewMessage ?? '', /do not add up to the total/);
    const exchange = orderToSale({ ...order, returns: [{ source_order_id: 'ORD0', return_line_items: [] }] });
    assert.equal(exchange.reviewRequired, true);
    assert.match(exchange.reviewMessage ?? '', /an exchange/);
    assert.throws(() => orderToSale({ ...order, total_money: { amount: '1', currency: 'QQQ' } }), (e: TransformError) => e.externalId === 'ORD1');
    assert.throws(() => orderToSale({ ...order, line_items: [{ ...order.line_items![0], applied_taxes: [{ tax_uid: 'nope', applied_money: { amount: '1', currency: 'USD' } }] }] }), /does not list/);
  });

  it('maps every generated order and return exactly: JPY (inclusive tax), USD and KWD add up, nothing flagged but amount-only refunds', () => {
    const data = new SquareSellerData({ orders: 400, seed: 5 });
    const byId = new Map(data.locations.map((l) => [l.id, l]));
    const currencies = new Set<string>();
    for (const raw of data.orders.values()) {
      if (!(raw.line_items as unknown[] | undefined)?.length) continue;
      const sale = orderToSale(asRead({ ...raw, location: byId.get(String(raw.location_id)) }));
      currencies.add(sale.currency!);
      assert.equal(sale.reviewRequired, false, `${sale.externalId}: ${sale.reviewMessage}`);
      const digits = { USD: 2, JPY: 0, KWD: 3 }[sale.currency as 'USD'];
      assert.equal(new Decimal(sale.total).mul(10 ** digits).toString(), String((raw.total_money as { amount: number }).amount));
    }
    assert.deepEqual([...currencies].sort(), ['JPY', 'KWD', 'USD']);
    let itemized = 0;
    for (const raw of data.refunds.values()) {
      const returnOrder = data.orders.get(String(raw.order_id));
      const refund = refundToRefund(asRead<SquareRefundRecord>({ ...raw, order: returnOrder, location: byId.get(String(raw.location_id)) }));
      if (returnOrder?.returns) {
        itemized += 1;
        assert.equal(refund.reviewRequired, false, `${refund.externalId}: ${refund.reviewMessage}`);
        assert.equal(refund.originalExternalId, (returnOrder.returns as Array<{ source_order_id: string }>)[0].source_order_id);
        assert.ok(refund.taxes.length > 0 && new Decimal(refund.tax).gt(0));
      } else {
        assert.equal(refund.reviewRequired, true);
        assert.equal(refund.tax, '0.0000');
      }
      assert.equal(refund.status, raw.status === 'COMPLETED' ? 'active' : 'voided');
    }
    assert.ok(itemized > 20, `${itemized} itemized returns`);
  });
});

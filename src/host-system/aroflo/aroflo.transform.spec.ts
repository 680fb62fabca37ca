import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransformError } from '../canonical.js';
import { invoiceToSale, referenceOf } from './aroflo.transform.js';

/** An invoice as AroFlo sends it with join=lineitems: numbers and booleans as strings, YYYY/MM/DD dates. */
function invoice(overrides: Record<string, unknown> = {}) {
  return {
    invoiceid: 'JSZKUyZRQCAgCg==',
    invoicenumber: '10042',
    dateinvoiced: '2026/03/01',
    status: 'approved',
    isTaxInclusive: 'false',
    totalex: '296.7600',
    totalgst: '27.2300',
    totalinc: '323.9900',
    surchargeamount: '0.0000',
    address: { address1: '1 Collins Street', address2: '', suburb: 'Melbourne', state: 'VIC', postcode: '3000' },
    lastupdateddatetimeutc: '2026/03/02 04:05:06',
    currency: 'AUD',
    lines: [
      { lineid: 'a', description: 'Labour', itemtype: 'Labour', qtybilled: '2', price: '95.5000', total: '191.0000', taxcode: 'GST', taxrate: '10', taxamount: '19.1000' },
      { lineid: 'b', description: 'Pipe', itemtype: 'Material', qtybilled: '3.5', price: '28.3600', total: '99.2600', taxcode: 'GST', taxrate: '10', taxamount: '9.9300' },
      { lineid: 'c', description: 'Permit', itemtype: 'Expense', qtybilled: '1', price: '24.5000', total: '24.5000', taxcode: 'FRE', taxrate: '0', taxamount: '0.0000' },
      { lineid: 'd', description: 'Credit: returned fitting', itemtype: 'Material', qtybilled: '1', price: '-18.0000', total: '-18.0000', taxcode: 'GST', taxrate: '10', taxamount: '-1.8000' },
    ],
    ...overrides,
  };
}

describe('invoiceToSale', () => {
  it('maps totals, GST lines (credit lines included), the address and the currency exactly', () => {
    const sale = invoiceToSale(invoice());
    assert.deepEqual(
      [sale.externalId, sale.type, sale.status, sale.documentNumber, sale.transactionDate, sale.currency, sale.subtotal, sale.tax, sale.total, sale.reviewRequired],
      ['JSZKUyZRQCAgCg==', 'sale', 'active', '10042', '2026-03-01T00:00:00Z', 'AUD', '296.7600', '27.2300', '323.9900', false],
    );
    assert.deepEqual(sale.lines.map((l) => [l.lineNumber, l.quantity, l.amount, l.tax, l.taxCode]), [
      [1, '2', '191.0000', '19.1000', 'GST'],
      [2, '3.5', '99.2600', '9.9300', 'GST'],
      [3, '1', '24.5000', '0.0000', 'FRE'],
      [4, '1', '-18.0000', '-1.8000', 'GST'],
    ]);
    assert.deepEqual(sale.taxes, [
      { name: 'GST', rate: '0.1', amount: '27.2300' },
      { name: 'FRE', rate: '0', amount: '0.0000' },
    ]);
    assert.deepEqual(sale.shipTo, { line1: '1 Collins Street', line2: null, city: 'Melbourne', region: 'VIC', postalCode: '3000', country: null });
    assert.equal(sale.sourceModifiedAt, '2026-03-02T04:05:06Z');
  });

  it('counts a tax-inclusive line without its tax', () => {
    const sale = invoiceToSale(
      invoice({
        isTaxInclusive: 'true',
        totalex: '100.0000',
        totalgst: '10.0000',
        totalinc: '110.0000',
        lines: [{ lineid: 'a', qtybilled: '1', price: '110.0000', total: '110.0000', taxcode: 'GST', taxrate: '10', taxamount: '10.0000' }],
      }),
    );
    assert.deepEqual([sale.lines[0].amount, sale.lines[0].tax, sale.subtotal, sale.total, sale.reviewRequired], ['100.0000', '10.0000', '100.0000', '110.0000', false]);
  });

  it('only approved and processed invoices are active sales; drafts are voided', () => {
    for (const [status, expected] of [
      ['approved', 'active'],
      ['Processed', 'active'],
      ['pending approval', 'voided'],
      ['in progress', 'voided'],
    ] as const) {
      assert.equal(invoiceToSale(invoice({ status })).status, expected, status);
    }
  });

  it('keeps an invoice whose lines do not add up, flagged for review with the difference', () => {
    const sale = invoiceToSale(invoice({ totalgst: '30.0000', totalinc: '326.7600' }));
    assert.equal(sale.reviewRequired, true);
    assert.match(sale.reviewMessage!, /lines' tax adds up to 27\.2300, totalgst is 30\.0000/);
  });

  it('refuses an invoice without amounts or date, naming the invoice, instead of guessing', () => {
    assert.throws(() => invoiceToSale(invoice({ totalinc: 323.99 })), (e: unknown) => e instanceof TransformError && e.externalId === 'JSZKUyZRQCAgCg==' && /totalinc/.test(e.message));
    assert.throws(() => invoiceToSale(invoice({ dateinvoiced: '01/03/2026' })), (e: unknown) => e instanceof TransformError && /dateinvoiced/.test(e.message));
    assert.throws(() => invoiceToSale(invoice({ invoiceid: '' })), TransformError);
  });
});

describe('AroFlo reference records', () => {
  it('are keyed by their zone id, flattened, with ISO dates', () => {
    const user = referenceOf('userid', 'lastupdateddatetimeutc')({ userid: 'U1', org: { orgid: 'O1' }, lastupdateddatetimeutc: '2026/03/02 04:05:06', archived: 'false' });
    assert.deepEqual(user, { kind: 'reference', externalId: 'U1', sourceModifiedAt: '2026-03-02T04:05:06Z', data: { userid: 'U1', org_orgid: 'O1', lastupdateddatetimeutc: '2026-03-02T04:05:06Z', archived: 'false' } });
    const payment = referenceOf('paymentid')({ paymentid: 'P1', amount: '10.5000', datepaid: '2026/03/02' });
    assert.deepEqual(payment.data, { paymentid: 'P1', amount: '10.5000', datepaid: '2026-03-02' });
    assert.throws(() => referenceOf('supplierid')({ suppliername: 'x' }), TransformError);
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { TransformError, type CanonicalTransaction } from '../host-system/canonical.js';
import { contentHash, storable } from './sync-runner.js';

const sale: CanonicalTransaction = {
  kind: 'transaction',
  externalId: '100',
  type: 'sale',
  status: 'active',
  transactionDate: '2024-01-01T10:00:00.000Z',
  documentNumber: '100',
  currency: 'USD',
  subtotal: '100.0000',
  discount: '0.0000',
  shipping: '5.0000',
  shippingTax: '0.4100',
  tax: '8.6600',
  total: '113.6600',
  taxExempt: false,
  shipFrom: null,
  shipTo: { line1: '1 Main St', line2: null, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
  originalExternalId: null,
  reviewRequired: false,
  reviewMessage: null,
  sourceModifiedAt: '2024-01-02T10:00:00.000Z',
  lines: [{ lineNumber: 1, sku: 'SKU-1', description: 'Mug', quantity: '2', amount: '100.0000', discount: '0.0000', tax: '8.2500', taxCode: null }],
  taxes: [{ name: 'TX State Tax', rate: '0.0625', amount: '6.5100' }],
};

describe('contentHash', () => {
  it('ignores the host modification time and key order, and sees any change of content', () => {
    const touched = { ...sale, sourceModifiedAt: '2025-06-01T00:00:00.000Z' };
    const reordered = Object.fromEntries(Object.entries(sale).reverse()) as unknown as CanonicalTransaction;
    assert.equal(contentHash(touched), contentHash(sale));
    assert.equal(contentHash(reordered), contentHash(sale));
    assert.notEqual(contentHash({ ...sale, total: '113.6700' }), contentHash(sale));
    assert.notEqual(contentHash({ ...sale, taxes: [{ ...sale.taxes[0], amount: '6.5000' }] }), contentHash(sale));
  });

  it('is the hash the store already holds: sha256 of the JSON with sorted keys and no undefined members, as first written', () => {
    // The hash as the first version computed it; a different one would make every stored document "updated" once.
    const sortedJson = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
      if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        return `{${Object.keys(record).sort().filter((key) => record[key] !== undefined).map((key) => `${JSON.stringify(key)}:${sortedJson(record[key])}`).join(',')}}`;
      }
      return JSON.stringify(value) ?? 'null';
    };
    const firstHash = (record: CanonicalTransaction) => {
      const { sourceModifiedAt: _ignored, ...content } = record;
      return createHash('sha256').update(sortedJson(content)).digest('base64url');
    };
    const odd = { ...sale, reviewMessage: 'naïve "quoted" \\ \u2028 😀', lines: [...sale.lines, { ...sale.lines[0], lineNumber: 2, sku: undefined as unknown as null }] };
    for (const document of [sale, odd]) assert.equal(contentHash(document), firstHash(document));
  });
});

describe('storable', () => {
  it('passes a document the store can hold', () => {
    assert.equal(storable(sale), sale);
  });

  it('turns what the columns refuse into a failed record of its own, not a page that can never commit', () => {
    const cases: Array<[string, CanonicalTransaction]> = [
      ['line number', { ...sale, lines: [sale.lines[0], { ...sale.lines[0] }] }],
      ['sku', { ...sale, lines: [{ ...sale.lines[0], sku: 'x'.repeat(256) }] }],
      ['currency', { ...sale, currency: 'usd' }],
      ['id', { ...sale, externalId: 'x'.repeat(300) }],
      ['transaction date', { ...sale, transactionDate: 'yesterday' }],
      ['tax name', { ...sale, taxes: [{ ...sale.taxes[0], name: 'x'.repeat(256) }] }],
    ];
    for (const [what, document] of cases) {
      assert.throws(() => storable(document), (error: unknown) => error instanceof TransformError && error.externalId!.length <= 255, what);
    }
  });
});

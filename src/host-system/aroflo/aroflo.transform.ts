import { Decimal } from 'decimal.js';
import { decimal, money, sum, TransformError, type CanonicalAddress, type CanonicalLine, type CanonicalReference, type CanonicalTax, type CanonicalTransaction } from '../canonical.js';
import { aroFloInstant } from './aroflo.readers.js';

type Source = Record<string, unknown>;

/**
 * AroFlo invoice statuses that are final sales: approved and processed (sent on to accounting).
 * "in progress" and "pending approval" are drafts; such an invoice, or one moved back out of the
 * final statuses, is stored `voided`: it does not count.
 */
export const FINAL_INVOICE_STATUSES: readonly string[] = ['approved', 'processed'];

/**
 * An AroFlo invoice (lines joined, `currency` set by the reader from the connection's setting) as a
 * canonical sale: `totalex` the subtotal, `totalgst` the tax, `totalinc` the total; a line per
 * invoice line with its `taxcode`, `taxrate` and `taxamount`; the taxes grouped by tax code and rate;
 * the invoice address as `shipTo`. Tax-inclusive lines count their amount without their tax. An
 * invoice whose lines do not add up to its totals is kept, flagged for review.
 */
export function invoiceToSale(invoice: Source): CanonicalTransaction {
  const externalId = idOf(invoice.invoiceid, 'invoiceid');
  try {
    const subtotal = money(invoice.totalex, 'totalex');
    const tax = money(invoice.totalgst, 'totalgst');
    const total = money(invoice.totalinc, 'totalinc');
    const inclusive = truthy(invoice.isTaxInclusive ?? invoice.istaxinclusive);
    const lines = records(invoice.lines ?? invoice.lineitems).map((line, index) => invoiceLine(line, index + 1, inclusive));
    const review: string[] = [];
    if (!new Decimal(subtotal).plus(tax).equals(total)) review.push(`totalex ${subtotal} + totalgst ${tax} is not totalinc ${total}`);
    if (lines.length > 0) {
      const lineAmounts = sum(lines.map((line) => line.amount));
      const lineTax = sum(lines.map((line) => line.tax));
      if (!new Decimal(lineAmounts).equals(subtotal)) review.push(`the lines add up to ${lineAmounts} before tax, totalex is ${subtotal}`);
      if (!new Decimal(lineTax).equals(tax)) review.push(`the lines' tax adds up to ${lineTax}, totalgst is ${tax}`);
    }
    const status = String(invoice.status ?? '').trim().toLowerCase();
    const currency = String(invoice.currency ?? '');
    return {
      kind: 'transaction',
      externalId,
      type: 'sale',
      status: FINAL_INVOICE_STATUSES.includes(status) ? 'active' : 'voided',
      transactionDate: aroFloInstant(invoice.dateinvoiced, 'dateinvoiced'),
      documentNumber: text(invoice.invoicenumber),
      currency,
      subtotal,
      discount: '0.0000',
      shipping: '0.0000',
      shippingTax: '0.0000',
      tax,
      total,
      taxExempt: lines.length > 0 && lines.every((line) => new Decimal(line.tax).isZero()) && new Decimal(tax).isZero(),
      shipFrom: null,
      shipTo: address(invoice.address),
      originalExternalId: null,
      reviewRequired: review.length > 0,
      reviewMessage: review.length > 0 ? review.join('; ') : null,
      sourceModifiedAt: invoice.lastupdateddatetimeutc ? aroFloInstant(invoice.lastupdateddatetimeutc, 'lastupdateddatetimeutc') : null,
      lines,
      taxes: taxesOf(records(invoice.lines ?? invoice.lineitems), lines),
    };
  } catch (error) {
    if (error instanceof TransformError) throw new TransformError(error.message, externalId);
    throw new TransformError((error as Error).message, externalId);
  }
}

function invoiceLine(line: Source, lineNumber: number, inclusive: boolean): CanonicalLine {
  const total = money(line.total, `lines[${lineNumber - 1}].total`);
  const tax = money(line.taxamount ?? '0', `lines[${lineNumber - 1}].taxamount`);
  return {
    lineNumber,
    sku: null,
    description: text(line.description),
    quantity: decimal(line.qtybilled ?? line.qty ?? '1', `lines[${lineNumber - 1}].qtybilled`),
    amount: inclusive ? new Decimal(total).minus(tax).toFixed(Math.max(4, new Decimal(total).decimalPlaces(), new Decimal(tax).decimalPlaces())) : total,
    discount: '0.0000',
    tax,
    taxCode: text(line.taxcode),
  };
}

/** One tax per (tax code, rate), the rate as a fraction (AroFlo's 10 = 10 %). */
function taxesOf(sources: Source[], lines: CanonicalLine[]): CanonicalTax[] {
  const groups = new Map<string, { name: string; rate: string | null; amounts: string[] }>();
  sources.forEach((source, index) => {
    const name = text(source.taxcode) ?? 'GST';
    const rate = source.taxrate === undefined || source.taxrate === null || source.taxrate === '' ? null : new Decimal(decimal(source.taxrate, 'taxrate')).div(100).toString();
    const key = `${name}\n${rate}`;
    const group = groups.get(key) ?? { name, rate, amounts: [] };
    group.amounts.push(lines[index].tax);
    groups.set(key, group);
  });
  return [...groups.values()].map((group) => ({ name: group.name, rate: group.rate, amount: sum(group.amounts) }));
}

function address(value: unknown): CanonicalAddress | null {
  if (value === null || typeof value !== 'object') return null;
  const a = value as Source;
  const shipTo = { line1: text(a.address1), line2: text(a.address2), city: text(a.suburb), region: text(a.state), postalCode: text(a.postcode), country: text(a.country) };
  return Object.values(shipTo).some((part) => part !== null) ? shipTo : null;
}

/** AroFlo's users, suppliers and payments: reference records, flattened, keyed by their zone's id. */
export function referenceOf(idField: 'userid' | 'supplierid' | 'paymentid', modifiedField?: string) {
  return (record: Source): CanonicalReference => {
    const externalId = idOf(record[idField], idField);
    const modified = modifiedField && record[modifiedField] ? aroFloInstant(record[modifiedField], modifiedField) : null;
    return { kind: 'reference', externalId, sourceModifiedAt: modified, data: normalize(record) };
  };
}

/** Nested objects become `parent_child` fields; AroFlo's `…utc` date-times become ISO-8601 UTC and its dates `yyyy-mm-dd`. */
export function normalize(record: Source, prefix = ''): Source {
  const flat: Source = {};
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}_${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(flat, normalize(value as Source, name));
    else if (typeof value === 'string' && /utc$/i.test(key) && /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) flat[name] = aroFloInstant(value, key);
    else if (typeof value === 'string' && /^\d{4}\/\d{2}\/\d{2}$/.test(value)) flat[name] = value.replaceAll('/', '-');
    else flat[name] = value;
  }
  return flat;
}

function idOf(value: unknown, field: string): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new TransformError(`the record has no ${field}`);
  const id = String(value).trim();
  if (!id) throw new TransformError(`the record has no ${field}`);
  return id;
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

function truthy(value: unknown): boolean {
  return value === true || String(value).toLowerCase() === 'true';
}

function records(value: unknown): Source[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.filter((item): item is Source => item !== null && typeof item === 'object');
  // One joined line can arrive as an object rather than a list of one.
  if (typeof value === 'object') {
    const inner = (value as Source).line ?? (value as Source).lineitem;
    if (inner !== undefined) return records(inner);
    return [value as Source];
  }
  throw new TransformError('the invoice lines are not a list');
}

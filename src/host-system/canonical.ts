import { Decimal } from 'decimal.js';

/**
 * The canonical (TrustFile) data model that host adapters map their records to. Money is always
 * a decimal string (see `money`), never a JavaScript number; timestamps are ISO-8601 UTC.
 */

export interface CanonicalAddress {
  readonly line1: string | null;
  readonly line2: string | null;
  readonly city: string | null;
  /** State, province or region code or name, as the host gives it. */
  readonly region: string | null;
  readonly postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly country: string | null;
}

export interface CanonicalLine {
  readonly lineNumber: number;
  readonly sku: string | null;
  readonly description: string | null;
  /** Decimal string (quantities can be fractional). */
  readonly quantity: string;
  /** Line amount before tax, after nothing is subtracted (discount is separate). */
  readonly amount: string;
  readonly discount: string;
  readonly tax: string;
  readonly taxCode: string | null;
}

export interface CanonicalTax {
  /** The jurisdiction's tax name ("TX State Tax"). */
  readonly name: string;
  /** As a fraction: 0.0825 for 8.25 %. Null when the host does not give one. */
  readonly rate: string | null;
  readonly amount: string;
}

/** One sale or one refund document. */
export interface CanonicalTransaction {
  readonly kind: 'transaction';
  /** The host's id of the document: unique per connection and stream. */
  readonly externalId: string;
  readonly type: 'sale' | 'refund';
  /** `voided`: the document no longer counts (cancelled, declined, incomplete). */
  readonly status: 'active' | 'voided';
  /** When the sale or refund happened (never when it was last edited), ISO UTC. */
  readonly transactionDate: string;
  readonly documentNumber: string | null;
  /** ISO 4217; null when the source does not say (a refund then takes its sale's currency). */
  readonly currency: string | null;
  readonly subtotal: string;
  readonly discount: string;
  /** Shipping excluding tax. */
  readonly shipping: string;
  readonly shippingTax: string;
  /** All tax on the document, shipping tax included. */
  readonly tax: string;
  /** What the customer paid (or got back), tax included. */
  readonly total: string;
  readonly taxExempt: boolean;
  readonly shipFrom: CanonicalAddress | null;
  readonly shipTo: CanonicalAddress | null;
  /** Refunds: the externalId of the sale they refund, when known. */
  readonly originalExternalId: string | null;
  readonly reviewRequired: boolean;
  readonly reviewMessage: string | null;
  /** The host's modification time of the document, ISO UTC. */
  readonly sourceModifiedAt: string | null;
  readonly lines: readonly CanonicalLine[];
  readonly taxes: readonly CanonicalTax[];
}

/** A record of a reference stream (users, suppliers, payments): stored flat, not a sales document. */
export interface CanonicalReference {
  readonly kind: 'reference';
  readonly externalId: string;
  readonly sourceModifiedAt: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export type CanonicalRecord = CanonicalTransaction | CanonicalReference;

/** A host record that cannot be mapped: it is kept with this reason, and the run goes on. */
export class TransformError extends Error {
  override name = 'TransformError';
  constructor(
    message: string,
    /** The host's id of the record, when it could be read. */
    readonly externalId?: string,
  ) {
    super(message);
  }
}

/** Maps one raw host record of a stream to the canonical model; throws TransformError when it cannot. */
export type StreamTransform<T = Record<string, unknown>> = (record: T) => CanonicalRecord;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * An exact decimal string for an amount given as a decimal string, or as the exact source text of
 * a JSON number (see HostRequest.numbersAsStrings). At least four decimals (BigCommerce's
 * precision), more when the source has more: nothing is ever rounded. A JavaScript number is
 * refused, since it may already have lost digits.
 */
export function money(value: unknown, field: string): string {
  return decimalText(value, field, 4);
}

/** A quantity or rate: exact, without padding. */
export function decimal(value: unknown, field: string): string {
  return decimalText(value, field, 0);
}

/** The exact sum of decimal strings, with at least four decimals. */
export function sum(values: readonly string[]): string {
  const total = values.reduce((acc, value) => acc.plus(value), new Decimal(0));
  return total.toFixed(Math.max(4, total.decimalPlaces()));
}

function decimalText(value: unknown, field: string, minDecimals: number): string {
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
    throw new TransformError(`${field} is not a decimal amount: ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  const parsed = new Decimal(value.trim());
  const places = Math.max(minDecimals, parsed.decimalPlaces());
  return parsed.toFixed(places);
}

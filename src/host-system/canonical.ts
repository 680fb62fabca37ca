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
const PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** Exponents beyond this are not amounts (1e999999999 would be a billion digits). */
const MAX_EXPONENT = 1000;

/**
 * An exact decimal string for an amount given as a decimal string, or as the exact source text of
 * a JSON number (see HostRequest.numbersAsStrings). At least four decimals (BigCommerce's
 * precision), more when the source has more: nothing is ever rounded. A JavaScript number is
 * refused, since it may already have lost digits.
 */
export function money(value: unknown, field: string): string {
  // BigCommerce's own form ("12.3400") is already the canonical text.
  if (typeof value === 'string' && FOUR_PLACES.test(value) && !NEGATIVE_ZERO.test(value) && !LEADING_ZERO.test(value)) return value;
  return decimalText(value, field, 4);
}

/** A quantity or rate: exact, without padding. */
export function decimal(value: unknown, field: string): string {
  return decimalText(value, field, 0);
}

/** The exact sum of decimal strings, with at least four decimals. */
export function sum(values: readonly string[]): string {
  return net(values);
}

/** The exact value of `plus` added up minus `minus` added up, with at least four decimals (as `sum`). */
export function net(plus: readonly string[], minus: readonly string[] = []): string {
  const small = netOfFourPlaces(plus, minus);
  if (small !== undefined) return small;
  let scale = 0;
  const terms: Units[] = [];
  for (const value of plus) scale = Math.max(scale, push(terms, unitsOf(value), false));
  for (const value of minus) scale = Math.max(scale, push(terms, unitsOf(value), true));
  let total = 0n;
  for (const term of terms) total += term.scale === scale ? term.units : term.units * 10n ** BigInt(scale - term.scale);
  return formatUnits({ units: total, scale }, 4);
}

/** Compares two decimal strings by value, exactly: negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareAmounts(a: string, b: string): number {
  const x = unitsOf(a);
  const y = unitsOf(b);
  const scale = Math.max(x.scale, y.scale);
  const difference = x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** Whether a decimal string is zero (0, 0.0000, -0 …). */
export function isZeroAmount(value: string): boolean {
  return unitsOf(value).units === 0n;
}

/** A percentage as a fraction, exactly: "8.2500" -> "0.0825". */
export function percentToFraction(percent: string): string {
  const { units, scale } = unitsOf(percent);
  return formatUnits({ units, scale: scale + 2 }, 0);
}

/** Four decimals and at most 15 digits: its count of ten-thousandths is an exact integer of a JavaScript number. */
const FOUR_PLACES = /^-?\d{1,11}\.\d{4}$/;
const NEGATIVE_ZERO = /^-0+\.0+$/;
const LEADING_ZERO = /^-?0\d/;

/**
 * `net` when every term has four decimals (money as BigCommerce and `money` give it): integer
 * ten-thousandths, exact while the total stays a safe integer; undefined otherwise.
 */
function netOfFourPlaces(plus: readonly string[], minus: readonly string[]): string | undefined {
  let total = 0;
  for (let i = 0; i < plus.length + minus.length; i += 1) {
    const value = i < plus.length ? plus[i] : minus[i - plus.length];
    if (!FOUR_PLACES.test(value)) return undefined;
    const units = Number(`${value.slice(0, -5)}${value.slice(-4)}`);
    total += i < plus.length ? units : -units;
    if (!Number.isSafeInteger(total)) return undefined;
  }
  const digits = String(Math.abs(total)).padStart(5, '0');
  return `${total < 0 ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** A decimal as an integer count of 10^-scale units: exact arithmetic on BigInt, no float anywhere. */
interface Units {
  readonly units: bigint;
  readonly scale: number;
}

function push(terms: Units[], term: Units, negate: boolean): number {
  terms.push(negate ? { units: -term.units, scale: term.scale } : term);
  return term.scale;
}

function unitsOf(text: string): Units {
  const match = PARTS.exec(text.trim());
  if (!match || (match[2] === '' && !match[3])) throw new TypeError(`not a decimal number: ${JSON.stringify(text).slice(0, 40)}`);
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!(Math.abs(exponent) <= MAX_EXPONENT)) throw new RangeError(`exponent out of range: ${JSON.stringify(text).slice(0, 40)}`);
  let units = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

/** Plain notation with at least `minDecimals` decimals and every significant one (as decimal.js toFixed(max(min, decimalPlaces))). */
function formatUnits({ units, scale }: Units, minDecimals: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (digits.length <= scale) digits = digits.padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end -= 1;
  const places = Math.max(minDecimals, end);
  fraction = places <= fraction.length ? fraction.slice(0, places) : fraction.padEnd(places, '0');
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
}

function decimalText(value: unknown, field: string, minDecimals: number): string {
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !DECIMAL.test(text)) {
    throw new TransformError(`${field} is not a decimal amount: ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  let units: Units;
  try {
    units = unitsOf(text);
  } catch {
    throw new TransformError(`${field} is not a decimal amount: ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return formatUnits(units, minDecimals);
}

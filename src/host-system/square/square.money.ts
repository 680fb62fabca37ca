import * as currencyCodes from 'currency-codes';
import { Decimal } from 'decimal.js';
import { TransformError } from '../canonical.js';

/** Square's Money: an integer count of the currency's smallest unit (cents for USD, yen for JPY, fils for KWD). */
export interface SquareMoney {
  /** Read with numbersAsStrings: the exact digits of the JSON integer. */
  readonly amount?: string | number;
  readonly currency?: string;
}

const INTEGER = /^-?\d+$/;

/** The ISO 4217 minor-unit digits of a currency (USD 2, JPY 0, KWD 3), or a TransformError for a code ISO does not list. */
export function minorUnitDigits(currency: string, field: string): number {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    const record = /^[A-Z]{3}$/.test(currency) ? currencyCodes.code(currency) : undefined;
    if (!record) throw new TransformError(`${field}: ${JSON.stringify(currency).slice(0, 12)} is not an ISO 4217 currency`);
    digits = record.digits;
    DIGITS.set(currency, digits);
  }
  return digits;
}

/** The library searches its list on every lookup: the digits of the codes seen are kept. */
const DIGITS = new Map<string, number>();
/** 10^digits, per number of digits. */
const SCALES = new Map<number, Decimal>();

function scale(digits: number): Decimal {
  let value = SCALES.get(digits);
  if (!value) SCALES.set(digits, (value = new Decimal(10).pow(digits)));
  return value;
}

/**
 * An exact decimal string of a Square Money in `currency` (the document's): 1234 USD is "12.3400",
 * 1200 JPY "1200.0000", 1234 KWD "1.2340". At least four decimals, like every canonical amount.
 * Absent money is zero; money in another currency than the document's is refused.
 */
export function squareMoney(money: SquareMoney | null | undefined, currency: string, field: string): string {
  if (money === null || money === undefined || money.amount === undefined || money.amount === null) return new Decimal(0).toFixed(4);
  if (money.currency !== undefined && money.currency !== currency) {
    throw new TransformError(`${field} is in ${String(money.currency).slice(0, 12)}, the document in ${currency}`);
  }
  const text = String(money.amount).trim();
  if (!INTEGER.test(text)) throw new TransformError(`${field} is not an integer amount of minor units: ${JSON.stringify(money.amount)?.slice(0, 40)}`);
  const digits = minorUnitDigits(currency, field);
  return new Decimal(text).div(scale(digits)).toFixed(Math.max(4, digits));
}

/** The minor units of a Square Money, as a Decimal (zero when absent). */
export function minorUnits(money: SquareMoney | null | undefined): Decimal {
  if (!money || money.amount === undefined || money.amount === null) return new Decimal(0);
  const text = String(money.amount).trim();
  if (!INTEGER.test(text)) throw new TransformError(`not an integer amount of minor units: ${JSON.stringify(money.amount)?.slice(0, 40)}`);
  return new Decimal(text);
}

/** A count of minor units as the canonical decimal string of `currency`. */
export function fromMinorUnits(units: Decimal, currency: string, field: string): string {
  const digits = minorUnitDigits(currency, field);
  return units.div(scale(digits)).toFixed(Math.max(4, digits));
}

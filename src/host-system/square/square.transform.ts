import { Decimal } from 'decimal.js';
import { decimal, TransformError, type CanonicalAddress, type CanonicalLine, type CanonicalTax, type CanonicalTransaction } from '../canonical.js';
import { fromMinorUnits, minorUnitDigits, minorUnits, type SquareMoney } from './square.money.js';

/** The parts of Square's objects (square.subset.openapi.json) the mapping reads; amounts arrive as exact text. */
export interface SquareAddress {
  readonly address_line_1?: string;
  readonly address_line_2?: string;
  readonly locality?: string;
  readonly administrative_district_level_1?: string;
  readonly postal_code?: string;
  readonly country?: string;
}

export interface SquareLocation {
  readonly id: string;
  readonly name?: string;
  readonly address?: SquareAddress;
  readonly currency?: string;
  readonly status?: string;
}

export interface SquareAppliedTax {
  readonly uid?: string;
  readonly tax_uid: string;
  readonly applied_money?: SquareMoney;
}

export interface SquareTax {
  readonly uid: string;
  readonly name?: string;
  readonly percentage?: string;
  readonly type?: string;
  readonly scope?: string;
  readonly applied_money?: SquareMoney;
  readonly source_tax_uid?: string;
}

interface SquareChargedItem {
  readonly uid?: string;
  readonly name?: string;
  readonly applied_taxes?: readonly SquareAppliedTax[];
  readonly total_money?: SquareMoney;
  readonly total_tax_money?: SquareMoney;
}

export interface SquareLineItem extends SquareChargedItem {
  readonly quantity: string;
  readonly catalog_object_id?: string;
  readonly variation_name?: string;
  readonly gross_sales_money?: SquareMoney;
  readonly gross_return_money?: SquareMoney;
  readonly total_discount_money?: SquareMoney;
  readonly total_service_charge_money?: SquareMoney;
}

export interface SquareServiceCharge extends SquareChargedItem {
  readonly type?: string;
  readonly treatment_type?: string;
  readonly applied_money?: SquareMoney;
}

export interface SquareReturn {
  readonly uid?: string;
  readonly source_order_id?: string;
  readonly return_line_items?: readonly SquareLineItem[];
  readonly return_service_charges?: readonly SquareServiceCharge[];
  readonly return_taxes?: readonly SquareTax[];
  readonly return_amounts?: SquareMoneyAmounts;
}

export interface SquareMoneyAmounts {
  readonly total_money?: SquareMoney;
  readonly tax_money?: SquareMoney;
  readonly discount_money?: SquareMoney;
  readonly tip_money?: SquareMoney;
  readonly service_charge_money?: SquareMoney;
}

export interface SquareFulfillment {
  readonly type?: string;
  readonly state?: string;
  readonly shipment_details?: { readonly recipient?: { readonly address?: SquareAddress } };
  readonly delivery_details?: { readonly recipient?: { readonly address?: SquareAddress } };
}

export interface SquareOrder {
  readonly id: string;
  readonly location_id?: string;
  readonly reference_id?: string;
  readonly state?: string;
  readonly version?: string | number;
  readonly created_at?: string;
  readonly updated_at?: string;
  readonly closed_at?: string;
  readonly line_items?: readonly SquareLineItem[];
  readonly taxes?: readonly SquareTax[];
  readonly service_charges?: readonly SquareServiceCharge[];
  readonly fulfillments?: readonly SquareFulfillment[];
  readonly returns?: readonly SquareReturn[];
  readonly return_amounts?: SquareMoneyAmounts;
  readonly total_money?: SquareMoney;
  readonly total_tax_money?: SquareMoney;
  readonly total_discount_money?: SquareMoney;
  readonly total_tip_money?: SquareMoney;
  readonly total_service_charge_money?: SquareMoney;
}

/** An order as the orders reader hands it over: with its location (the ship-from address). */
export type SquareOrderRecord = Record<string, unknown> & SquareOrder & { readonly location?: SquareLocation | null };

export interface SquarePaymentRefund {
  readonly id: string;
  readonly status?: string;
  readonly location_id?: string;
  readonly amount_money?: SquareMoney;
  readonly payment_id?: string;
  readonly order_id?: string;
  readonly reason?: string;
  readonly created_at?: string;
  readonly updated_at?: string;
}

/** A refund as the refunds reader hands it over: with the order it names (a return order, itemized) and its location. */
export type SquareRefundRecord = Record<string, unknown> & SquarePaymentRefund & { readonly order?: SquareOrder | null; readonly location?: SquareLocation | null };

/**
 * Service charges that are shipping. Square has no shipping type (only AUTO_GRATUITY and CUSTOM);
 * Square Online and most integrations name the charge "Shipping" (or delivery, freight, postage).
 */
export const SHIPPING_CHARGE = /\b(shipping|delivery|freight|postage)\b/i;

/**
 * A Square order as a sale. COMPLETED is a sale; CANCELED is voided; OPEN and DRAFT are not sales
 * yet and are kept voided until Square completes them (the order is then updated, and read again).
 * Line and service-charge `applied_taxes` make the tax breakdown (named and rated from the order's
 * `taxes`); service charges that are shipping go to shipping and shippingTax; other service charges
 * and tips become lines, so the parts add up to Square's total.
 */
export function orderToSale(record: SquareOrderRecord): CanonicalTransaction {
  const id = externalIdOf(record);
  try {
    const currency = currencyOf(record.total_money, id);
    const money = (units: Decimal, field: string) => fromMinorUnits(units, currency, field);
    const items = record.line_items ?? [];
    const charges = record.service_charges ?? [];
    const shipping = charges.filter((charge) => SHIPPING_CHARGE.test(charge.name ?? ''));
    const otherCharges = charges.filter((charge) => !SHIPPING_CHARGE.test(charge.name ?? ''));
    const tip = minorUnits(record.total_tip_money);

    const lines: CanonicalLine[] = items.map((item, index) => itemLine(item, index + 1, currency, id));
    for (const charge of otherCharges) lines.push(chargeLine(charge, lines.length + 1, currency, id));
    if (!tip.isZero()) lines.push({ lineNumber: lines.length + 1, sku: null, description: 'Tip', quantity: '1', amount: money(tip, 'tip'), discount: money(new Decimal(0), 'tip'), tax: money(new Decimal(0), 'tip'), taxCode: null });

    const shippingTotal = sumUnits(shipping.map((c) => minorUnits(c.total_money)));
    const shippingTax = sumUnits(shipping.map((c) => minorUnits(c.total_tax_money)));
    const tax = minorUnits(record.total_tax_money);
    const discount = minorUnits(record.total_discount_money);
    const total = minorUnits(record.total_money);
    const subtotal = sumUnits(lines.map((line) => new Decimal(line.amount))).mul(new Decimal(10).pow(digitsOf(currency, id)));
    const taxes = taxBreakdown([...items, ...charges], record.taxes ?? [], currency, id);
    const review = reviewOf([
      [subtotal.minus(discount).plus(shippingTotal.minus(shippingTax)).plus(tax).equals(total), 'the lines, discount, shipping and tax do not add up to the total'],
      [sumUnits(taxes.map((t) => new Decimal(t.amount))).equals(new Decimal(money(tax, 'tax'))), 'the applied taxes do not add up to the order tax'],
      // An exchange: Square's totals are the new items only; what came back is in `returns`, refunded (if at all) apart.
      [(record.returns?.length ?? 0) === 0, 'an exchange: the items returned in this order are not subtracted here'],
    ]);
    const location = record.location ?? null;
    const shipTo = shipToOf(record.fulfillments ?? []) ?? addressOf(location?.address);
    return {
      kind: 'transaction',
      externalId: id,
      type: 'sale',
      status: record.state === 'COMPLETED' ? 'active' : 'voided',
      transactionDate: timestamp(record.state === 'COMPLETED' || record.state === 'CANCELED' ? (record.closed_at ?? record.created_at) : record.created_at, 'created_at', id),
      documentNumber: record.reference_id ?? record.id,
      currency,
      subtotal: money(subtotal, 'subtotal'),
      discount: money(discount, 'total_discount_money'),
      shipping: money(shippingTotal.minus(shippingTax), 'shipping'),
      shippingTax: money(shippingTax, 'shipping tax'),
      tax: money(tax, 'total_tax_money'),
      total: money(total, 'total_money'),
      taxExempt: false,
      shipFrom: addressOf(location?.address),
      shipTo,
      originalExternalId: null,
      reviewRequired: review !== null,
      reviewMessage: review,
      sourceModifiedAt: record.updated_at ? timestamp(record.updated_at, 'updated_at', id) : null,
      lines,
      taxes,
    };
  } catch (error) {
    throw withId(error, id);
  }
}

/**
 * A Square payment refund. COMPLETED counts; PENDING is not refunded yet, REJECTED and FAILED never
 * were: those are voided. When the refund names a return order (Square's itemized refunds), its
 * `returns` give the lines, the returned taxes by name and rate, the returned shipping and the
 * tax exactly; the original sale is the return's source order. An amount-only refund (no return
 * order) has no breakdown at Square: it is kept with its amount as untaxed and flagged for review.
 */
export function refundToRefund(record: SquareRefundRecord): CanonicalTransaction {
  const id = externalIdOf(record);
  try {
    const currency = currencyOf(record.amount_money, id);
    const money = (units: Decimal, field: string) => fromMinorUnits(units, currency, field);
    const amount = minorUnits(record.amount_money);
    const returns = record.order?.returns ?? [];
    const location = record.location ?? null;
    const base = {
      kind: 'transaction' as const,
      externalId: id,
      type: 'refund' as const,
      status: record.status === 'COMPLETED' ? ('active' as const) : ('voided' as const),
      transactionDate: timestamp(record.created_at, 'created_at', id),
      documentNumber: record.id,
      currency,
      total: money(amount, 'amount_money'),
      taxExempt: false,
      shipFrom: addressOf(location?.address),
      shipTo: addressOf(location?.address),
      sourceModifiedAt: record.updated_at ? timestamp(record.updated_at, 'updated_at', id) : null,
    };
    if (returns.length === 0) {
      const zero = money(new Decimal(0), 'zero');
      return {
        ...base,
        subtotal: money(amount, 'amount_money'),
        discount: zero,
        shipping: zero,
        shippingTax: zero,
        tax: zero,
        originalExternalId: record.order?.id ?? record.order_id ?? null,
        reviewRequired: true,
        reviewMessage: 'Amount-only refund: Square does not say how much of it is tax',
        lines: [],
        taxes: [],
      };
    }
    const items = returns.flatMap((r) => r.return_line_items ?? []);
    const charges = returns.flatMap((r) => r.return_service_charges ?? []);
    const shipping = charges.filter((charge) => SHIPPING_CHARGE.test(charge.name ?? ''));
    const lines: CanonicalLine[] = items.map((item, index) => itemLine(item, index + 1, currency, id));
    for (const charge of charges.filter((c) => !SHIPPING_CHARGE.test(c.name ?? ''))) lines.push(chargeLine(charge, lines.length + 1, currency, id));
    const shippingTotal = sumUnits(shipping.map((c) => minorUnits(c.total_money)));
    const shippingTax = sumUnits(shipping.map((c) => minorUnits(c.total_tax_money)));
    const amounts = returns.map((r) => r.return_amounts ?? {});
    const returnedTotal = sumUnits(amounts.map((a) => minorUnits(a.total_money)));
    const tax = sumUnits(amounts.map((a) => minorUnits(a.tax_money)));
    const discount = sumUnits(amounts.map((a) => minorUnits(a.discount_money)));
    const subtotal = sumUnits(lines.map((line) => new Decimal(line.amount))).mul(new Decimal(10).pow(digitsOf(currency, id)));
    const taxes = taxBreakdown([...items, ...charges], returns.flatMap((r) => r.return_taxes ?? []), currency, id);
    const review = reviewOf([
      [returnedTotal.equals(amount), `the refund (${money(amount, 'amount')}) is not what its return order returns (${money(returnedTotal, 'returned')})`],
      [subtotal.minus(discount).plus(shippingTotal.minus(shippingTax)).plus(tax).equals(returnedTotal), 'the returned lines, discount, shipping and tax do not add up to the returned total'],
    ]);
    return {
      ...base,
      subtotal: money(subtotal, 'subtotal'),
      discount: money(discount, 'discount_money'),
      shipping: money(shippingTotal.minus(shippingTax), 'shipping'),
      shippingTax: money(shippingTax, 'shipping tax'),
      tax: money(tax, 'tax_money'),
      originalExternalId: returns.find((r) => r.source_order_id)?.source_order_id ?? null,
      reviewRequired: review !== null,
      reviewMessage: review,
      lines,
      taxes,
    };
  } catch (error) {
    throw withId(error, id);
  }
}

function itemLine(item: SquareLineItem, lineNumber: number, currency: string, id: string): CanonicalLine {
  const tax = minorUnits(item.total_tax_money);
  const discount = minorUnits(item.total_discount_money);
  const charges = minorUnits(item.total_service_charge_money);
  // Before tax and discount: total - tax + discount - apportioned charges (so inclusive taxes come out of the price too).
  const amount = minorUnits(item.total_money).minus(tax).plus(discount).minus(charges);
  return {
    lineNumber,
    sku: item.catalog_object_id ?? null,
    description: [item.name, item.variation_name].filter(Boolean).join(', ') || null,
    quantity: decimal(item.quantity, `line ${lineNumber} quantity`),
    amount: fromMinorUnits(amount, currency, `line ${lineNumber}`),
    discount: fromMinorUnits(discount, currency, `line ${lineNumber} discount`),
    tax: fromMinorUnits(tax, currency, `line ${lineNumber} tax`),
    taxCode: null,
  };
}

function chargeLine(charge: SquareServiceCharge, lineNumber: number, currency: string, id: string): CanonicalLine {
  const tax = minorUnits(charge.total_tax_money);
  return {
    lineNumber,
    sku: null,
    description: charge.name ?? 'Service charge',
    quantity: '1',
    amount: fromMinorUnits(minorUnits(charge.total_money).minus(tax), currency, `service charge ${charge.uid ?? lineNumber} of ${id}`),
    discount: fromMinorUnits(new Decimal(0), currency, 'zero'),
    tax: fromMinorUnits(tax, currency, `service charge ${charge.uid ?? lineNumber} tax`),
    taxCode: null,
  };
}

/** Applied taxes of lines and charges, summed per tax, named and rated from the order's (or return's) taxes. */
function taxBreakdown(charged: readonly SquareChargedItem[], definitions: readonly SquareTax[], currency: string, id: string): CanonicalTax[] {
  const byUid = new Map(definitions.map((tax) => [tax.uid, tax]));
  const totals = new Map<string, Decimal>();
  for (const item of charged) {
    for (const applied of item.applied_taxes ?? []) totals.set(applied.tax_uid, (totals.get(applied.tax_uid) ?? new Decimal(0)).plus(minorUnits(applied.applied_money)));
  }
  return [...totals].map(([uid, units]) => {
    const definition = byUid.get(uid);
    if (!definition) throw new TransformError(`an applied tax names tax ${uid.slice(0, 40)}, which the order does not list`, id);
    return {
      name: definition.name ?? uid,
      rate: definition.percentage !== undefined ? new Decimal(decimal(definition.percentage, `tax ${uid} percentage`)).div(100).toString() : null,
      amount: fromMinorUnits(units, currency, `tax ${uid}`),
    };
  });
}

function shipToOf(fulfillments: readonly SquareFulfillment[]): CanonicalAddress | null {
  for (const fulfillment of fulfillments) {
    if (fulfillment.state === 'CANCELED' || fulfillment.state === 'FAILED') continue;
    const address = fulfillment.type === 'SHIPMENT' ? fulfillment.shipment_details?.recipient?.address : fulfillment.type === 'DELIVERY' ? fulfillment.delivery_details?.recipient?.address : undefined;
    if (address) return addressOf(address);
  }
  return null;
}

function addressOf(address: SquareAddress | undefined): CanonicalAddress | null {
  if (!address) return null;
  return {
    line1: address.address_line_1 ?? null,
    line2: address.address_line_2 ?? null,
    city: address.locality ?? null,
    region: address.administrative_district_level_1 ?? null,
    postalCode: address.postal_code ?? null,
    country: address.country ?? null,
  };
}

function currencyOf(money: SquareMoney | undefined, id: string): string {
  if (!money?.currency || typeof money.currency !== 'string') throw new TransformError('the document has no currency', id);
  digitsOf(money.currency, id);
  return money.currency;
}

function digitsOf(currency: string, id: string): number {
  return minorUnitDigits(currency, `currency of ${id}`);
}

function sumUnits(values: readonly Decimal[]): Decimal {
  return values.reduce((acc, value) => acc.plus(value), new Decimal(0));
}

function reviewOf(checks: ReadonlyArray<readonly [boolean, string]>): string | null {
  const failed = checks.filter(([ok]) => !ok).map(([, message]) => message);
  return failed.length ? failed.join('; ') : null;
}

function timestamp(value: string | undefined, field: string, id: string): string {
  const time = value ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new TransformError(`${field} is not a timestamp: ${JSON.stringify(value)?.slice(0, 40)}`, id);
  return new Date(time).toISOString();
}

function externalIdOf(record: { id?: unknown }): string {
  if (typeof record?.id !== 'string' || !record.id) throw new TransformError('the record has no id');
  return record.id;
}

function withId(error: unknown, id: string): unknown {
  if (error instanceof TransformError && !error.externalId) return new TransformError(error.message, id);
  return error;
}

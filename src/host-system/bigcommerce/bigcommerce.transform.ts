import {
  compareAmounts,
  decimal,
  isZeroAmount,
  money,
  net,
  percentToFraction,
  sum,
  TransformError,
  type CanonicalAddress,
  type CanonicalLine,
  type CanonicalTax,
  type CanonicalTransaction,
} from '../canonical.js';

/**
 * BigCommerce records to the canonical model. Orders are v2 order bodies with their `products`,
 * `shipping_addresses` and `taxes` attached (see readOrders); refunds are v3 refund bodies. Every
 * amount must be a decimal string (the HTTP client's numbersAsStrings keeps JSON numbers exact);
 * a JavaScript number is refused.
 */

type Source = Record<string, unknown>;

/** Incomplete (0), Cancelled (5) and Declined (6) orders never became sales. */
const VOIDED_STATUS_IDS = new Set([0, 5, 6]);

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const RFC_2822 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function orderToSale(order: Source): CanonicalTransaction {
  const externalId = recordId(order.id, 'order id');
  return withExternalId(externalId, () => {
    const review: string[] = [];
    const missing: string[] = [];
    const amount = (field: string): string => {
      const value = order[field];
      if (value === undefined || value === null || value === '') {
        missing.push(field);
        return '0.0000';
      }
      return money(value, field);
    };

    if (order.total_inc_tax === undefined || order.total_inc_tax === null || order.total_inc_tax === '') {
      throw new TransformError('total_inc_tax is missing');
    }
    const total = money(order.total_inc_tax, 'total_inc_tax');
    const subtotalExTax = amount('subtotal_ex_tax');
    const discount = sum([amount('discount_amount'), amount('coupon_discount')]);
    const shippingExTax = amount('shipping_cost_ex_tax');
    const shippingTax = amount('shipping_cost_tax');
    const handlingExTax = amount('handling_cost_ex_tax');
    const handlingTax = amount('handling_cost_tax');
    const wrappingExTax = amount('wrapping_cost_ex_tax');
    const wrappingTax = amount('wrapping_cost_tax');
    const tax = amount('total_tax');

    const taxRows = records(order.taxes);
    const products = records(order.products);
    const lines = products.map((product, index) => productLine(product, index + 1, taxRows));
    // Gift wrapping is taxed like the goods it wraps, so it is a line of the subtotal.
    if (!isZeroAmount(wrappingExTax) || !isZeroAmount(wrappingTax)) {
      lines.push({
        lineNumber: lines.length + 1, sku: null, description: 'Gift wrapping', quantity: '1',
        amount: wrappingExTax, discount: '0.0000', tax: wrappingTax, taxCode: null,
      });
    }
    const subtotal = sum([subtotalExTax, wrappingExTax]);
    // Handling is a delivery charge (taxed as shipping is), so it is part of shipping.
    const shipping = sum([shippingExTax, handlingExTax]);
    const shippingAndHandlingTax = sum([shippingTax, handlingTax]);

    const taxes = taxBreakdown(taxRows);
    const breakdownTotal = sum(taxes.map((entry) => entry.amount));
    if (compareAmounts(breakdownTotal, tax) !== 0) review.push(`the tax lines sum to ${breakdownTotal} but total_tax is ${tax}`);
    const itemTaxes = sum([...lines.map((line) => line.tax), shippingAndHandlingTax]);
    if (products.length > 0 && compareAmounts(itemTaxes, tax) !== 0) {
      review.push(`product, shipping, handling and wrapping taxes sum to ${itemTaxes} but total_tax is ${tax}`);
    }
    const taxable = net([subtotal, shipping], [discount]);
    const parts = sum([taxable, tax]);
    if (compareAmounts(parts, total) !== 0) {
      review.push(`total_inc_tax is ${total} but subtotal − discounts + shipping + handling + wrapping + tax is ${parts}`);
    }
    if (missing.length > 0) review.unshift(`missing amounts, taken as 0: ${missing.join(', ')}`);

    const addresses = records(order.shipping_addresses);
    if (addresses.length > 1) review.push(`the order ships to ${addresses.length} addresses; shipTo is the first`);

    // default_currency_code is the transactional currency, the one the amounts are in;
    // currency_code is only the storefront's display currency.
    const currency = text(order.default_currency_code);
    if (currency === null) review.push('default_currency_code (the transactional currency) is missing');
    const statusId = order.status_id === undefined || order.status_id === null ? null : integer(order.status_id, 'status_id');
    if (statusId === null) review.push('status_id is missing, so the order is taken as an active sale');

    return {
      kind: 'transaction',
      externalId,
      type: 'sale',
      status: statusId !== null && VOIDED_STATUS_IDS.has(statusId) ? 'voided' : 'active',
      transactionDate: rfc2822(order.date_created, 'date_created'),
      documentNumber: externalId,
      currency,
      subtotal,
      discount,
      shipping,
      shippingTax: shippingAndHandlingTax,
      tax,
      total,
      taxExempt: isTaxExempt(order, tax, taxRows, taxable),
      shipFrom: null,
      shipTo: address(addresses[0] ?? recordOrNull(order.billing_address)),
      originalExternalId: null,
      reviewRequired: review.length > 0,
      reviewMessage: review.length > 0 ? review.join('; ') : null,
      sourceModifiedAt: order.date_modified === undefined || order.date_modified === null ? null : rfc2822(order.date_modified, 'date_modified'),
      lines,
      taxes,
    };
  });
}

export function refundToRefund(refund: Source): CanonicalTransaction {
  const externalId = recordId(refund.id, 'refund id');
  return withExternalId(externalId, () => {
    const review: string[] = [];
    if (refund.total_amount === undefined || refund.total_amount === null) throw new TransformError('total_amount is missing');
    const total = money(refund.total_amount, 'total_amount');
    let tax = '0.0000';
    if (refund.total_tax === undefined || refund.total_tax === null) review.push('total_tax is missing, so the tax refunded is unknown (taken as 0)');
    else tax = money(refund.total_tax, 'total_tax');

    const items = records(refund.items);
    if (items.length === 0) review.push('the refund has no items: what was refunded (products, shipping) is unknown');
    const lines: CanonicalLine[] = [];
    const shippingAmounts: string[] = [];
    const requested: string[] = [];
    const orderLevel: string[] = [];
    for (const [index, item] of items.entries()) {
      const type = text(item.item_type);
      const amount = money(item.requested_amount, `items[${index}].requested_amount`);
      requested.push(amount);
      if (type === 'SHIPPING' || type === 'HANDLING') shippingAmounts.push(amount);
      else if (type === 'PRODUCT' || type === 'GIFT_WRAPPING') {
        lines.push({
          lineNumber: lines.length + 1,
          sku: null,
          description: type === 'GIFT_WRAPPING' ? 'Gift wrapping' : item.item_id === undefined ? null : `Order product ${text(item.item_id)}`,
          quantity: quantity(item.quantity ?? 1, `items[${index}].quantity`),
          amount,
          discount: '0.0000',
          tax: '0.0000',
          taxCode: null,
        });
      } else if (type === 'ORDER') orderLevel.push(amount);
      else review.push(`item ${index + 1} has an unknown item_type ${JSON.stringify(item.item_type)}`);
    }
    if (orderLevel.length > 0) {
      review.push(`${sum(orderLevel)} was refunded as an order-level amount (item_type ORDER), for which BigCommerce does not recalculate tax: its tax portion is unknown`);
    }
    if (items.length > 0 && compareAmounts(sum([...requested, tax]), total) !== 0) review.push(`the items (${sum(requested)}) plus tax (${tax}) differ from total_amount ${total}`);
    for (const payment of records(refund.payments)) {
      if (payment.is_declined === true) review.push(`the refund payment ${text(payment.id) ?? ''} was declined: ${text(payment.declined_message) ?? 'no reason given'}`);
    }

    const shipping = sum(shippingAmounts);
    // v3 refunds give one total_tax; it is put on an item only when that item is all that was taxable.
    const shippingOnly = lines.length === 0 && orderLevel.length === 0 && shippingAmounts.length > 0;
    if (lines.length === 1 && shippingAmounts.length === 0 && orderLevel.length === 0) lines[0] = { ...lines[0], tax };

    const created = rfc3339(refund.created, 'created');
    return {
      kind: 'transaction',
      externalId,
      type: 'refund',
      status: 'active',
      transactionDate: created,
      documentNumber: externalId,
      currency: null,
      subtotal: net([total], [tax, shipping]),
      discount: '0.0000',
      shipping,
      shippingTax: shippingOnly ? tax : '0.0000',
      tax,
      total,
      taxExempt: false,
      shipFrom: null,
      shipTo: null,
      originalExternalId: recordId(refund.order_id, 'order_id'),
      reviewRequired: review.length > 0,
      reviewMessage: review.length > 0 ? review.join('; ') : null,
      sourceModifiedAt: created,
      lines,
      taxes: [],
    };
  });
}

function productLine(product: Source, lineNumber: number, taxRows: readonly Source[]): CanonicalLine {
  const field = (name: string) => `products[${lineNumber - 1}].${name}`;
  const discounts = records(product.applied_discounts).map((discount, index) => money(discount.amount, field(`applied_discounts[${index}].amount`)));
  return {
    lineNumber,
    sku: text(product.sku),
    description: text(product.name),
    quantity: quantity(product.quantity, field('quantity')),
    amount: money(product.total_ex_tax, field('total_ex_tax')),
    discount: sum(discounts),
    tax: money(product.total_tax, field('total_tax')),
    taxCode: taxClass(product, taxRows),
  };
}

/** The merchant's tax class of the product, from its tax rows, when they name exactly one. */
function taxClass(product: Source, taxRows: readonly Source[]): string | null {
  const productId = text(product.id);
  const classes = new Set(
    taxRows.filter((row) => productId !== null && text(row.order_product_id) === productId).map((row) => text(row.class)),
  );
  const [only] = classes;
  return classes.size === 1 && only && only !== 'Automatic Tax' ? only : null;
}

/** One entry per jurisdiction (name and rate): BigCommerce gives one row per taxed item. */
function taxBreakdown(rows: readonly Source[]): CanonicalTax[] {
  const groups = new Map<string, { name: string; rate: string | null; amounts: string[] }>();
  for (const [index, row] of rows.entries()) {
    const name = text(row.name) ?? 'Tax';
    const rate = row.rate === undefined || row.rate === null || row.rate === '' ? null : percentToFraction(decimal(row.rate, `taxes[${index}].rate`));
    const key = rate === null ? `-:${name}` : `${rate}:${name}`; // a rate has no colon
    const group = groups.get(key) ?? { name, rate, amounts: [] };
    group.amounts.push(money(row.line_amount, `taxes[${index}].line_amount`));
    groups.set(key, group);
  }
  return [...groups.values()].map(({ name, rate, amounts }) => ({ name, rate, amount: sum(amounts) }));
}

/**
 * v2 orders carry no exemption flag: BigCommerce applies a customer's tax-exempt category by
 * charging no tax at all. So an order is exempt when it names such a category (if a reader adds
 * the customer's `tax_exempt_category`), or when it has something taxable yet no tax and no tax
 * rows. A zero-rated jurisdiction (rows at rate 0) is taxable, not exempt.
 */
function isTaxExempt(order: Source, tax: string, taxRows: readonly Source[], taxable: string): boolean {
  if (text(order.tax_exempt_category) !== null) return true;
  return isZeroAmount(tax) && taxRows.length === 0 && compareAmounts(taxable, '0') > 0;
}

function address(source: Source | null): CanonicalAddress | null {
  if (!source) return null;
  return {
    line1: text(source.street_1),
    line2: text(source.street_2),
    city: text(source.city),
    region: text(source.state),
    postalCode: text(source.zip),
    country: text(source.country_iso2),
  };
}

function withExternalId<T>(externalId: string, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof TransformError && error.externalId === undefined) throw new TransformError(error.message, externalId);
    throw error;
  }
}

function recordId(value: unknown, field: string): string {
  if ((typeof value === 'number' && Number.isSafeInteger(value) && value > 0) || (typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value))) {
    return String(value);
  }
  throw new TransformError(`${field} is not a positive integer: ${JSON.stringify(value)?.slice(0, 40)}`);
}

/** Integer fields arrive as JSON numbers, or as their source text under numbersAsStrings. */
function integer(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  throw new TransformError(`${field} is not an integer: ${JSON.stringify(value)?.slice(0, 40)}`);
}

/** A whole-number quantity is exact as a JavaScript number; fractional ones must be decimal strings. */
function quantity(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return decimal(value, field);
}

function rfc2822(value: unknown, field: string): string {
  const match = typeof value === 'string' ? RFC_2822.exec(value.trim()) : null;
  if (!match) throw new TransformError(`${field} is not an RFC 2822 date: ${JSON.stringify(value)?.slice(0, 40)}`);
  const [, day, month, year, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  return utc(field, value, Number(year), MONTHS[month], Number(day), Number(hour), Number(minute), Number(second), 0, offset);
}

function rfc3339(value: unknown, field: string): string {
  const match = typeof value === 'string' ? RFC_3339.exec(value.trim()) : null;
  if (!match) throw new TransformError(`${field} is not an RFC 3339 date-time: ${JSON.stringify(value)?.slice(0, 40)}`);
  const [, year, month, day, hour, minute, second, fractionText, zone] = match;
  const offset = zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const millis = fractionText ? Number(fractionText.slice(1, 4).padEnd(3, '0')) : 0;
  return utc(field, value, Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis, offset);
}

function utc(field: string, value: unknown, year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offsetMinutes: number): string {
  const local = new Date(Date.UTC(year, month, day, hour, minute, second, millis));
  // Date.UTC rolls 31 Feb over into March; a real date survives the round trip.
  const valid = local.getUTCFullYear() === year && local.getUTCMonth() === month && local.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid || Math.abs(offsetMinutes) >= 24 * 60) throw new TransformError(`${field} is not a valid date: ${JSON.stringify(value)?.slice(0, 40)}`);
  return new Date(local.getTime() - offsetMinutes * 60_000).toISOString();
}

function records(value: unknown): Source[] {
  return Array.isArray(value) ? value.filter((entry): entry is Source => typeof entry === 'object' && entry !== null) : [];
}

function recordOrNull(value: unknown): Source | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Source) : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

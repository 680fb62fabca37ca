import { Decimal } from 'decimal.js';

/**
 * A Square seller's data, as Square would compute it (square.subset.openapi.json's Order,
 * PaymentRefund, Location): locations in the US (USD), Japan (JPY, tax-inclusive prices) and
 * Kuwait (KWD, three decimals); orders with several tax lines (line-scoped and order-scoped),
 * line discounts, shipping and other service charges, tips, shipment fulfillments; OPEN,
 * COMPLETED and CANCELED orders; itemized partial returns (return orders with their payment
 * refund), amount-only refunds and pending refunds. Amounts are integers of minor units, rounded
 * half up per applied tax as Square does. Deterministic for a seed.
 */

export interface Money {
  amount: number;
  currency: string;
}
type Json = Record<string, unknown>;

export interface SquareDataOptions {
  readonly orders: number;
  readonly seed?: number;
  /** created_at of the first order; the others follow `spacingMs` apart. */
  readonly start?: Date;
  readonly spacingMs?: number;
  /** Locations beyond the three trading ones (no orders), to exceed SearchOrders' 10 ids per request. */
  readonly idleLocations?: number;
  /** Share of COMPLETED orders that get an itemized partial return. */
  readonly returnRate?: number;
}

interface TaxDef {
  readonly name: string;
  readonly percentage: string;
  readonly type: 'ADDITIVE' | 'INCLUSIVE';
  readonly scope: 'ORDER' | 'LINE_ITEM';
}

interface LocationDef {
  readonly location: Json & { id: string; currency: string };
  readonly taxes: readonly TaxDef[];
  readonly prices: readonly [number, number];
  readonly shipping: number;
}

export interface DailyTotals {
  day: string;
  currency: string;
  sales: number;
  total: string;
  tax: string;
  shipping: string;
  refunds: number;
  refundTotal: string;
  refundTax: string;
}

export const MERCHANT_ID = 'MLQ7ZK3R9TB2X';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = ['Cold brew 12oz', 'Oat latte', 'Ceramic mug', 'Espresso beans 1kg', 'Matcha tin', 'Pour-over kettle', 'Tote bag', 'Croissant', 'Gift card reload'];
const DIGITS: Record<string, number> = { USD: 2, JPY: 0, KWD: 3 };

/** Half-up rounding to an integer of minor units, as Square rounds applied taxes. */
function round(value: Decimal): number {
  return value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

export class SquareSellerData {
  readonly locations: Json[];
  readonly orders = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  /** Bumped by every change made through this class (the fake's search index follows it). */
  revision = 0;
  private readonly random: () => number;
  private readonly defs: LocationDef[];
  private sequence = 0;

  constructor(options: SquareDataOptions) {
    this.random = mulberry32(options.seed ?? 1);
    this.defs = [
      {
        location: { id: 'L1NYCBROOKLYN', name: 'Brooklyn Roastery', merchant_id: MERCHANT_ID, status: 'ACTIVE', currency: 'USD', country: 'US', timezone: 'America/New_York', address: { address_line_1: '240 Kent Ave', locality: 'Brooklyn', administrative_district_level_1: 'NY', postal_code: '11249', country: 'US' } },
        taxes: [
          { name: 'NY State Sales Tax', percentage: '4', type: 'ADDITIVE', scope: 'ORDER' },
          { name: 'NYC Local Sales Tax', percentage: '4.5', type: 'ADDITIVE', scope: 'ORDER' },
          { name: 'MCTD Surcharge', percentage: '0.375', type: 'ADDITIVE', scope: 'LINE_ITEM' },
        ],
        prices: [199, 8999],
        shipping: 899,
      },
      {
        location: { id: 'L2TOKYOSHIBUYA', name: 'Shibuya Kiosk', merchant_id: MERCHANT_ID, status: 'ACTIVE', currency: 'JPY', country: 'JP', timezone: 'Asia/Tokyo', address: { address_line_1: '1-2-3 Jinnan', locality: 'Shibuya-ku', administrative_district_level_1: 'Tokyo', postal_code: '150-0041', country: 'JP' } },
        taxes: [{ name: '消費税 Consumption tax', percentage: '10', type: 'INCLUSIVE', scope: 'ORDER' }],
        prices: [180, 12000],
        shipping: 800,
      },
      {
        location: { id: 'L3KUWAITCITY', name: 'Kuwait City Pop-up', merchant_id: MERCHANT_ID, status: 'ACTIVE', currency: 'KWD', country: 'KW', timezone: 'Asia/Kuwait', address: { address_line_1: 'Gulf Road 12', locality: 'Kuwait City', administrative_district_level_1: 'Al Asimah', postal_code: '15000', country: 'KW' } },
        taxes: [{ name: 'Municipal fee', percentage: '2.5', type: 'ADDITIVE', scope: 'ORDER' }],
        prices: [750, 45500],
        shipping: 1250,
      },
    ];
    const idle = Array.from({ length: options.idleLocations ?? 9 }, (_, i) => ({
      id: `L9IDLE${String(i).padStart(2, '0')}`,
      name: `Closed branch ${i}`,
      merchant_id: MERCHANT_ID,
      status: 'INACTIVE',
      currency: 'USD',
      country: 'US',
      address: { address_line_1: `${i + 1} Main St`, locality: 'Albany', administrative_district_level_1: 'NY', postal_code: '12207', country: 'US' },
    }));
    this.locations = [...this.defs.map((d) => d.location), ...idle];
    const start = options.start ?? new Date('2024-01-02T08:00:00Z');
    const spacing = options.spacingMs ?? 37 * 60_000;
    for (let i = 0; i < options.orders; i += 1) {
      const createdAt = new Date(start.getTime() + i * spacing);
      const order = this.newOrder(createdAt, this.pickState());
      if (order.state === 'COMPLETED' && this.random() < (options.returnRate ?? 0.15)) {
        this.addReturn(String(order.id), new Date(createdAt.getTime() + (1 + Math.floor(this.random() * 5)) * 86_400_000 + 3_600_000));
      }
    }
    // One amount-only refund and one pending refund.
    const completed = [...this.orders.values()].filter((o) => o.state === 'COMPLETED' && !(o.returns as unknown[] | undefined));
    if (completed.length > 2) {
      this.addAmountOnlyRefund(String(completed[1].id), new Date(Date.parse(String(completed[1].closed_at)) + 7_200_000));
      this.addAmountOnlyRefund(String(completed[2].id), new Date(Date.parse(String(completed[2].closed_at)) + 7_200_000), 'PENDING');
    }
  }

  private pickState(): 'COMPLETED' | 'OPEN' | 'CANCELED' {
    const r = this.random();
    return r < 0.8 ? 'COMPLETED' : r < 0.9 ? 'OPEN' : 'CANCELED';
  }

  private id(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${this.sequence.toString(36).toUpperCase().padStart(6, '0')}${Math.floor(this.random() * 1e6).toString(36).toUpperCase()}`;
  }

  /** A new order at `createdAt` (its location, lines, taxes and charges drawn at random). */
  newOrder(createdAt: Date, state: 'COMPLETED' | 'OPEN' | 'CANCELED', locationIndex?: number): Json {
    const def = this.defs[locationIndex ?? Math.floor(this.random() * this.defs.length)];
    const currency = def.location.currency;
    const taxes = def.taxes.map((tax, i) => ({ uid: `tax-${i}`, name: tax.name, percentage: tax.percentage, type: tax.type, scope: tax.scope }));
    const lineCount = 1 + Math.floor(this.random() * 4);
    const items = Array.from({ length: lineCount }, (_, i) => {
      const [min, max] = def.prices;
      const price = min + Math.floor(this.random() * (max - min));
      const quantity = 1 + Math.floor(this.random() * 3);
      const discount = this.random() < 0.2 ? Math.floor(price * quantity * 0.1) : 0;
      return { uid: `li-${i}`, name: PRODUCTS[Math.floor(this.random() * PRODUCTS.length)], variation_name: this.random() < 0.5 ? 'Regular' : 'Large', catalog_object_id: `VAR${Math.floor(this.random() * 1e8).toString(36).toUpperCase()}`, price, quantity, discount };
    });
    const shipped = this.random() < 0.35;
    const serviceFee = this.random() < 0.15;
    const tip = this.random() < 0.25 ? Math.floor(def.prices[0] * (1 + this.random() * 3)) : 0;
    const order: Json = {
      id: this.id('ORD'),
      location_id: def.location.id,
      reference_id: this.random() < 0.5 ? `POS-${this.sequence}` : undefined,
      source: { name: shipped ? 'Square Online' : 'Square Point of Sale' },
      state,
      version: 1,
      created_at: createdAt.toISOString(),
    };
    this.price(order, currency, def, taxes, items, shipped ? def.shipping : 0, serviceFee, tip);
    if (shipped) {
      order.fulfillments = [
        {
          uid: 'ful-0',
          type: 'SHIPMENT',
          state: state === 'COMPLETED' ? 'COMPLETED' : state === 'CANCELED' ? 'CANCELED' : 'PROPOSED',
          shipment_details: {
            recipient: {
              display_name: 'Jordan Rivera',
              address: { address_line_1: `${100 + Math.floor(this.random() * 800)} Elm St`, address_line_2: 'Apt 4', locality: 'Austin', administrative_district_level_1: 'TX', postal_code: '78701', country: 'US' },
            },
            carrier: 'USPS',
          },
        },
      ];
    } else {
      order.fulfillments = [{ uid: 'ful-0', type: 'PICKUP', state: state === 'COMPLETED' ? 'COMPLETED' : 'PROPOSED', pickup_details: { recipient: { display_name: 'Walk-in' } } }];
    }
    this.stamp(order, createdAt, state);
    this.orders.set(String(order.id), order);
    this.revision += 1;
    return order;
  }

  /** Prices an order as Square does: per line and charge, each applicable tax applied and rounded half up. */
  private price(
    order: Json,
    currency: string,
    def: LocationDef,
    taxes: Json[],
    items: Array<{ uid: string; name: string; variation_name: string; catalog_object_id: string; price: number; quantity: number; discount: number }>,
    shippingAmount: number,
    serviceFee: boolean,
    tip: number,
  ): void {
    const m = (amount: number): Money => ({ amount, currency });
    const applied = new Map<string, number>();
    const apply = (base: number, scope: 'all' | 'order'): Array<{ uid: string; tax_uid: string; applied_money: Money }> =>
      def.taxes.flatMap((tax, i) => {
        if (scope === 'order' && tax.scope !== 'ORDER') return [];
        const rate = new Decimal(tax.percentage).div(100);
        const amount = tax.type === 'INCLUSIVE' ? round(new Decimal(base).mul(rate).div(rate.plus(1))) : round(new Decimal(base).mul(rate));
        applied.set(`tax-${i}`, (applied.get(`tax-${i}`) ?? 0) + amount);
        return [{ uid: `at-${i}-${applied.size}`, tax_uid: `tax-${i}`, applied_money: m(amount) }];
      });
    const inclusive = def.taxes.some((t) => t.type === 'INCLUSIVE');
    const lineItems = items.map((item) => {
      const gross = item.price * item.quantity;
      const taxable = gross - item.discount;
      const appliedTaxes = apply(taxable, 'all');
      const tax = appliedTaxes.reduce((s, a) => s + a.applied_money.amount, 0);
      const total = inclusive ? taxable : taxable + tax;
      return {
        uid: item.uid,
        name: item.name,
        variation_name: item.variation_name,
        catalog_object_id: item.catalog_object_id,
        quantity: String(item.quantity),
        item_type: 'ITEM',
        base_price_money: m(item.price),
        variation_total_price_money: m(gross),
        gross_sales_money: m(gross),
        applied_taxes: appliedTaxes,
        ...(item.discount ? { applied_discounts: [{ uid: `ad-${item.uid}`, discount_uid: 'disc-0', applied_money: m(item.discount) }] } : {}),
        total_discount_money: m(item.discount),
        total_tax_money: m(tax),
        total_service_charge_money: m(0),
        total_money: m(total),
      };
    });
    const charges: Json[] = [];
    if (shippingAmount) {
      const appliedTaxes = apply(shippingAmount, 'order');
      const tax = appliedTaxes.reduce((s, a) => s + a.applied_money.amount, 0);
      charges.push({
        uid: 'sc-ship',
        name: 'Shipping',
        amount_money: m(shippingAmount),
        applied_money: m(inclusive ? shippingAmount - tax : shippingAmount),
        calculation_phase: 'SUBTOTAL_PHASE',
        taxable: true,
        applied_taxes: appliedTaxes,
        total_tax_money: m(tax),
        total_money: m(inclusive ? shippingAmount : shippingAmount + tax),
        type: 'CUSTOM',
        treatment_type: 'APPORTIONED_TREATMENT',
        scope: 'ORDER',
      });
    }
    if (serviceFee) {
      const subtotal = lineItems.reduce((s, l) => s + l.gross_sales_money.amount - l.total_discount_money.amount, 0);
      const fee = round(new Decimal(subtotal).mul('0.18'));
      charges.push({ uid: 'sc-fee', name: 'Large party service charge', percentage: '18', applied_money: m(fee), calculation_phase: 'TOTAL_PHASE', taxable: false, total_tax_money: m(0), total_money: m(fee), type: 'AUTO_GRATUITY', treatment_type: 'APPORTIONED_TREATMENT', scope: 'ORDER' });
    }
    const lineTotal = lineItems.reduce((s, l) => s + l.total_money.amount, 0);
    const chargeTotal = charges.reduce((s, c) => s + (c.total_money as Money).amount, 0);
    const tax = lineItems.reduce((s, l) => s + l.total_tax_money.amount, 0) + charges.reduce((s, c) => s + (c.total_tax_money as Money).amount, 0);
    const discount = lineItems.reduce((s, l) => s + l.total_discount_money.amount, 0);
    order.line_items = lineItems;
    order.taxes = taxes.map((t) => ({ ...t, applied_money: m(applied.get(String(t.uid)) ?? 0) }));
    if (discount) order.discounts = [{ uid: 'disc-0', name: '10% off', type: 'FIXED_PERCENTAGE', percentage: '10', scope: 'LINE_ITEM', applied_money: m(discount) }];
    order.service_charges = charges;
    order.total_money = m(lineTotal + chargeTotal + tip);
    order.total_tax_money = m(tax);
    order.total_discount_money = m(discount);
    order.total_tip_money = m(tip);
    order.total_service_charge_money = m(charges.reduce((s, c) => s + (c.applied_money as Money).amount, 0));
    order.net_amounts = { total_money: m(lineTotal + chargeTotal + tip), tax_money: m(tax), discount_money: m(discount), tip_money: m(tip), service_charge_money: order.total_service_charge_money };
  }

  private stamp(order: Json, at: Date, state: string): void {
    order.updated_at = new Date(at.getTime() + (state === 'OPEN' ? 0 : 4 * 60_000)).toISOString();
    if (state !== 'OPEN') order.closed_at = order.updated_at;
    else delete order.closed_at;
  }

  /**
   * An itemized partial return of a completed sale: one unit of its first line (and, for a shipped
   * order, its shipping), as a return order and the payment refund that pays it back.
   */
  addReturn(saleId: string, at: Date, status: 'COMPLETED' | 'PENDING' = 'COMPLETED'): Json {
    const sale = this.orders.get(saleId)!;
    const currency = (sale.total_money as Money).currency;
    const m = (amount: number): Money => ({ amount, currency });
    const line = (sale.line_items as Json[])[0];
    const quantity = Number(line.quantity);
    const share = (amount: number) => round(new Decimal(amount).div(quantity)); // one unit of the line
    const returnTaxes = (sale.taxes as Json[]).map((t) => ({ uid: `rt-${String(t.uid)}`, source_tax_uid: t.uid, name: t.name, percentage: t.percentage, type: t.type, scope: t.scope, applied_money: m(0) }));
    const taxTotals = new Map<string, number>();
    const returnApplied = (appliedTaxes: Json[], portion: (n: number) => number) =>
      appliedTaxes.map((a) => {
        const amount = portion((a.applied_money as Money).amount);
        taxTotals.set(`rt-${String(a.tax_uid)}`, (taxTotals.get(`rt-${String(a.tax_uid)}`) ?? 0) + amount);
        return { uid: `r${String(a.uid)}`, tax_uid: `rt-${String(a.tax_uid)}`, applied_money: m(amount) };
      });
    const lineApplied = returnApplied(line.applied_taxes as Json[], share);
    const lineTax = lineApplied.reduce((s, a) => s + a.applied_money.amount, 0);
    const lineDiscount = share((line.total_discount_money as Money).amount);
    const lineTotal = share((line.total_money as Money).amount);
    // Shares rounded apart may not add up: Square's return line total is its own figure; keep ours consistent.
    const inclusive = (sale.taxes as Json[]).some((t) => t.type === 'INCLUSIVE');
    const gross = inclusive ? lineTotal + lineDiscount : lineTotal - lineTax + lineDiscount;
    const returnLine = {
      uid: `rli-${String(line.uid)}`,
      source_line_item_uid: line.uid,
      name: line.name,
      variation_name: line.variation_name,
      catalog_object_id: line.catalog_object_id,
      quantity: '1',
      item_type: 'ITEM',
      base_price_money: line.base_price_money,
      gross_return_money: m(gross),
      applied_taxes: lineApplied,
      total_discount_money: m(lineDiscount),
      total_tax_money: m(lineTax),
      total_service_charge_money: m(0),
      total_money: m(lineTotal),
    };
    const returnCharges: Json[] = [];
    const ship = (sale.service_charges as Json[]).find((c) => c.name === 'Shipping');
    if (ship && this.random() < 0.5) {
      const applied = returnApplied(ship.applied_taxes as Json[], (n) => n);
      returnCharges.push({ uid: 'rsc-ship', source_service_charge_uid: ship.uid, name: ship.name, amount_money: ship.amount_money, applied_money: ship.applied_money, calculation_phase: ship.calculation_phase, taxable: true, applied_taxes: applied, total_tax_money: ship.total_tax_money, total_money: ship.total_money, treatment_type: ship.treatment_type, scope: ship.scope });
    }
    const tax = lineTax + returnCharges.reduce((s, c) => s + (c.total_tax_money as Money).amount, 0);
    const total = lineTotal + returnCharges.reduce((s, c) => s + (c.total_money as Money).amount, 0);
    const returnAmounts = { total_money: m(total), tax_money: m(tax), discount_money: m(lineDiscount), tip_money: m(0), service_charge_money: m(returnCharges.reduce((s, c) => s + (c.applied_money as Money).amount, 0)) };
    const returnOrder: Json = {
      id: this.id('RET'),
      location_id: sale.location_id,
      source: { name: 'Square Point of Sale' },
      state: 'COMPLETED',
      version: 1,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      closed_at: at.toISOString(),
      returns: [
        {
          uid: 'ret-0',
          source_order_id: sale.id,
          return_line_items: [returnLine],
          return_service_charges: returnCharges,
          return_taxes: returnTaxes.filter((t) => taxTotals.has(String(t.uid))).map((t) => ({ ...t, applied_money: m(taxTotals.get(String(t.uid))!) })),
          return_amounts: returnAmounts,
        },
      ],
      return_amounts: returnAmounts,
      net_amounts: { total_money: m(-total), tax_money: m(-tax), discount_money: m(-lineDiscount), tip_money: m(0), service_charge_money: m(0) },
      total_money: m(0),
      total_tax_money: m(0),
      total_discount_money: m(0),
      total_tip_money: m(0),
      total_service_charge_money: m(0),
    };
    this.orders.set(String(returnOrder.id), returnOrder);
    const refund: Json = {
      id: this.id('RFD'),
      status,
      location_id: sale.location_id,
      amount_money: m(total),
      payment_id: `PAY${String(sale.id)}`,
      order_id: returnOrder.id,
      reason: 'Returned goods',
      destination_type: 'CARD',
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    this.refunds.set(String(refund.id), refund);
    this.revision += 1;
    return refund;
  }

  /** A refund of part of a sale's amount without a return order (no itemization at Square). */
  addAmountOnlyRefund(saleId: string, at: Date, status: 'COMPLETED' | 'PENDING' = 'COMPLETED'): Json {
    const sale = this.orders.get(saleId)!;
    const money = sale.total_money as Money;
    const refund: Json = {
      id: this.id('RFD'),
      status,
      location_id: sale.location_id,
      amount_money: { amount: Math.max(1, Math.floor(money.amount / 4)), currency: money.currency },
      payment_id: `PAY${String(sale.id)}`,
      order_id: sale.id,
      reason: 'Goodwill',
      destination_type: 'CARD',
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    this.refunds.set(String(refund.id), refund);
    return refund;
  }

  /**
   * Amends an OPEN order the way UpdateOrder does (a line's quantity changes, so its taxes and
   * totals are priced again), then optionally completes or cancels it; version and updated_at move.
   */
  amend(orderId: string, at: Date, then?: 'COMPLETED' | 'CANCELED'): Json {
    const order = this.orders.get(orderId)!;
    if (order.state !== 'OPEN') throw new Error(`order ${orderId} is ${String(order.state)}: Square updates only OPEN orders`);
    const def = this.defs.find((d) => d.location.id === order.location_id)!;
    const items = (order.line_items as Json[]).map((line, i) => ({
      uid: String(line.uid),
      name: String(line.name),
      variation_name: String(line.variation_name),
      catalog_object_id: String(line.catalog_object_id),
      price: (line.base_price_money as Money).amount,
      quantity: Number(line.quantity) + (i === 0 ? 2 : 0),
      discount: (line.total_discount_money as Money).amount,
    }));
    const ship = (order.service_charges as Json[]).find((c) => c.name === 'Shipping');
    const fee = (order.service_charges as Json[]).some((c) => c.uid === 'sc-fee');
    const taxes = (order.taxes as Json[]).map(({ applied_money: _, ...t }) => t);
    this.price(order, def.location.currency, def, taxes, items, ship ? (ship.amount_money as Money).amount : 0, fee, (order.total_tip_money as Money).amount);
    order.version = Number(order.version) + 1;
    order.state = then ?? 'OPEN';
    for (const f of (order.fulfillments as Json[] | undefined) ?? []) if (then) f.state = then === 'COMPLETED' ? 'COMPLETED' : 'CANCELED';
    order.updated_at = at.toISOString();
    if (then) order.closed_at = at.toISOString();
    this.revision += 1;
    return order;
  }

  /** The seller's own per-day figures (UTC) per currency: what Square's sales and refunds reports add up. */
  dailyTotals(): DailyTotals[] {
    const days = new Map<string, { sales: number; total: number; tax: number; shipping: number; refunds: number; refundTotal: number; refundTax: number; currency: string; day: string }>();
    const at = (day: string, currency: string) => {
      const key = `${day}/${currency}`;
      if (!days.has(key)) days.set(key, { day, currency, sales: 0, total: 0, tax: 0, shipping: 0, refunds: 0, refundTotal: 0, refundTax: 0 });
      return days.get(key)!;
    };
    for (const order of this.orders.values()) {
      if (order.state !== 'COMPLETED' || !(order.line_items as unknown[] | undefined)?.length) continue;
      const money = order.total_money as Money;
      const day = at(String(order.closed_at).slice(0, 10), money.currency);
      day.sales += 1;
      day.total += money.amount;
      day.tax += (order.total_tax_money as Money).amount;
      for (const charge of (order.service_charges as Json[]) ?? []) {
        if (charge.name === 'Shipping') day.shipping += (charge.total_money as Money).amount - (charge.total_tax_money as Money).amount;
      }
    }
    for (const refund of this.refunds.values()) {
      if (refund.status !== 'COMPLETED') continue;
      const money = refund.amount_money as Money;
      const day = at(String(refund.created_at).slice(0, 10), money.currency);
      day.refunds += 1;
      day.refundTotal += money.amount;
      const order = this.orders.get(String(refund.order_id));
      const returned = (order?.returns as Json[] | undefined)?.[0];
      if (returned) day.refundTax += ((returned.return_amounts as Json).tax_money as Money).amount;
    }
    const decimal = (units: number, currency: string) => new Decimal(units).div(new Decimal(10).pow(DIGITS[currency])).toFixed(DIGITS[currency]);
    return [...days.values()]
      .sort((a, b) => (a.day + a.currency < b.day + b.currency ? -1 : 1))
      .map((d) => ({ day: d.day, currency: d.currency, sales: d.sales, total: decimal(d.total, d.currency), tax: decimal(d.tax, d.currency), shipping: decimal(d.shipping, d.currency), refunds: d.refunds, refundTotal: decimal(d.refundTotal, d.currency), refundTax: decimal(d.refundTax, d.currency) }));
  }

  openOrders(): Json[] {
    return [...this.orders.values()].filter((o) => o.state === 'OPEN');
  }

  completedSales(): Json[] {
    return [...this.orders.values()].filter((o) => o.state === 'COMPLETED' && (o.line_items as unknown[] | undefined)?.length);
  }
}

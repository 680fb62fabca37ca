import { Decimal } from 'decimal.js';

/**
 * A BigCommerce store's data, deterministic and computed per order id (nothing is materialized,
 * so a million orders cost nothing until read), in the v2 order / v3 refund shapes of
 * shared/vendor-specs/bigcommerce. Amounts are computed in BigInt ten-thousandths of the
 * currency unit (exact, and fast enough for 100,000 orders a second) and rendered as the
 * 4-decimal strings v2 returns; their totals add up exactly, as BigCommerce's do.
 */

export interface BigCommerceStoreDataOptions {
  readonly orders: number;
  /** Every k-th order gets a refund ('some': every 10th); none when absent. */
  readonly refunds?: 'some' | number;
  /** The first order's original date_modified (default 2024-01-01T00:00:00Z). */
  readonly start?: Date;
  /** Consecutive orders sharing one date_modified second (default 1). */
  readonly ordersPerSecond?: number;
  readonly seed?: number;
  /** Base of the resource links in order bodies. */
  readonly storeUrl?: string;
}

export type V2Order = Record<string, unknown> & { id: number; date_created: string; date_modified: string; status_id: number };
export type V2Product = Record<string, unknown> & { id: number; order_id: number };
export type V2ShippingAddress = Record<string, unknown> & { id: number; order_id: number };
export type V2Tax = Record<string, unknown> & { id: number; order_id: number; line_amount: string };
/** A v3 refund with its amounts as the exact decimal text of the JSON numbers BigCommerce sends. */
export type V3Refund = Record<string, unknown> & { id: number; order_id: number; created: string; total_amount: string; total_tax: string };
/** An order as the readers yield it: the v2 body with its products, shipping addresses and taxes. */
export type DetailedOrder = V2Order & { products: V2Product[]; shipping_addresses: V2ShippingAddress[]; taxes: V2Tax[] };

/** The store's own figures for one UTC day and currency (sales by date_created, refunds by created). */
export interface SourceDailyTotals {
  readonly day: string;
  readonly currency: string;
  /** Non-voided orders (status other than Incomplete, Cancelled, Declined). */
  readonly sales: number;
  readonly totalIncTax: string;
  readonly totalTax: string;
  readonly shippingExTax: string;
  readonly handlingExTax: string;
  readonly wrappingExTax: string;
  readonly refunds: number;
  readonly refundTotal: string;
  readonly refundTax: string;
}

interface Currency {
  readonly code: string;
  readonly id: number;
  /** Smallest amount, in ten-thousandths: a cent, or a whole yen. */
  readonly step: bigint;
  /** Price conversion from the store's USD price list, as a ratio. */
  readonly num: bigint;
  readonly den: bigint;
  readonly fromStoreDefault: string;
}

interface Jurisdiction {
  readonly name: string;
  /** Percent with four decimals, as BigCommerce gives it. */
  readonly rate: string;
  /** The rate in ten-thousandths of a percent. */
  readonly units: bigint;
  readonly rateId: number;
}

interface Region {
  readonly street: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly country: string;
  readonly countryIso2: string;
  readonly zone: string;
  readonly shippingTaxable: boolean;
  readonly jurisdictions: readonly Jurisdiction[];
}

interface CatalogProduct {
  readonly productId: number;
  readonly sku: string;
  readonly name: string;
  readonly usdCents: bigint;
  readonly digital: boolean;
  readonly weight: string;
}

interface Line {
  readonly id: number;
  readonly product: CatalogProduct;
  readonly quantity: number;
  readonly unit: bigint;
  readonly total: bigint;
  readonly manual: bigint;
  readonly coupon: bigint;
  readonly unitTax: bigint;
  /** Per jurisdiction, on the discounted amount. */
  readonly taxes: readonly bigint[];
  readonly tax: bigint;
}

interface Charge {
  readonly exTax: bigint;
  readonly taxes: readonly bigint[];
  readonly tax: bigint;
}

interface Model {
  readonly id: number;
  readonly revision: number;
  readonly currency: Currency;
  readonly display: Currency;
  readonly region: Region;
  readonly exempt: boolean;
  readonly digital: boolean;
  readonly status: readonly [number, string];
  readonly createdSecond: number;
  readonly modifiedSecond: number;
  readonly customerId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly lines: readonly Line[];
  readonly shipping: Charge;
  readonly handling: Charge;
  readonly wrapping: Charge;
  readonly manual: bigint;
  readonly coupon: bigint;
  readonly subtotal: bigint;
  readonly subtotalTax: bigint;
  readonly totalTax: bigint;
  readonly totalExTax: bigint;
  readonly totalIncTax: bigint;
}

type RefundKind = 'full' | 'product' | 'shipping' | 'order-level';

interface Refund {
  readonly body: V3Refund;
  readonly total: bigint;
  /** Indexes of the order's products it refunds. */
  readonly lines: readonly number[];
}

const UNIT = 10_000n;
const VOIDED = new Set([0, 5, 6]);
/** Orders are created up to this long before their first date_modified (they are then processed). */
const MAX_CREATION_LAG_SECONDS = 5_400;
/** A refund is created this long after its order was last processed. */
const REFUND_LAG_SECONDS = 3_600;

const CURRENCIES: Record<string, Currency> = {
  USD: { code: 'USD', id: 1, step: 100n, num: 1n, den: 1n, fromStoreDefault: '1.0000000000' },
  EUR: { code: 'EUR', id: 2, step: 100n, num: 92n, den: 100n, fromStoreDefault: '0.9200000000' },
  CAD: { code: 'CAD', id: 3, step: 100n, num: 136n, den: 100n, fromStoreDefault: '1.3600000000' },
  JPY: { code: 'JPY', id: 4, step: UNIT, num: 150n, den: 1n, fromStoreDefault: '150.0000000000' },
};

const j = (name: string, rate: string, rateId: number): Jurisdiction => ({ name, rate, units: rateUnits(rate), rateId });
const REGIONS: Record<string, readonly Region[]> = {
  USD: [
    { street: '500 Congress Ave', city: 'Austin', state: 'Texas', zip: '78701', country: 'United States', countryIso2: 'US', zone: 'United States', shippingTaxable: true,
      jurisdictions: [j('TX State Tax', '6.2500', 11), j('Travis County MTA Tax', '1.0000', 12), j('Austin City Tax', '1.0000', 13)] },
    { street: '200 N Spring St', city: 'Los Angeles', state: 'California', zip: '90012', country: 'United States', countryIso2: 'US', zone: 'United States', shippingTaxable: false,
      jurisdictions: [j('CA State Tax', '6.0000', 21), j('Los Angeles County Tax', '2.2500', 22), j('Los Angeles City Tax', '1.2500', 23)] },
    { street: '350 5th Ave', city: 'New York', state: 'New York', zip: '10118', country: 'United States', countryIso2: 'US', zone: 'United States', shippingTaxable: true,
      jurisdictions: [j('NY State Tax', '4.0000', 31), j('MCTD Tax', '0.3750', 32), j('New York City Tax', '4.5000', 33)] },
    { street: '400 Pine St', city: 'Seattle', state: 'Washington', zip: '98101', country: 'United States', countryIso2: 'US', zone: 'United States', shippingTaxable: true,
      jurisdictions: [j('WA State Tax', '6.5000', 41), j('King County Tax', '1.4000', 42), j('Seattle City Tax', '2.4500', 43)] },
    { street: '233 S Wacker Dr', city: 'Chicago', state: 'Illinois', zip: '60606', country: 'United States', countryIso2: 'US', zone: 'United States', shippingTaxable: false,
      jurisdictions: [j('IL State Tax', '6.2500', 51), j('Cook County Tax', '1.7500', 52), j('Chicago City Tax', '2.2500', 53)] },
    { street: '100 Biscayne Blvd', city: 'Miami', state: 'Florida', zip: '33132', country: 'United States', countryIso2: 'US', zone: 'United States', shippingTaxable: false,
      jurisdictions: [j('FL State Tax', '6.0000', 61), j('Miami-Dade County Tax', '1.0000', 62)] },
    { street: '1701 Wynkoop St', city: 'Denver', state: 'Colorado', zip: '80202', country: 'United States', countryIso2: 'US', zone: 'United States', shippingTaxable: false,
      jurisdictions: [j('CO State Tax', '2.9000', 71), j('RTD Tax', '1.0000', 72), j('Denver City Tax', '4.8100', 73)] },
  ],
  EUR: [
    { street: 'Unter den Linden 5', city: 'Berlin', state: 'Berlin', zip: '10117', country: 'Germany', countryIso2: 'DE', zone: 'Europe', shippingTaxable: true, jurisdictions: [j('DE VAT', '19.0000', 81)] },
    { street: '12 Rue de Rivoli', city: 'Paris', state: 'Île-de-France', zip: '75001', country: 'France', countryIso2: 'FR', zone: 'Europe', shippingTaxable: true, jurisdictions: [j('FR TVA', '20.0000', 82)] },
  ],
  CAD: [
    { street: '100 King St W', city: 'Toronto', state: 'Ontario', zip: 'M5X 1A9', country: 'Canada', countryIso2: 'CA', zone: 'Canada', shippingTaxable: true, jurisdictions: [j('ON HST', '13.0000', 91)] },
    { street: '800 Robson St', city: 'Vancouver', state: 'British Columbia', zip: 'V6Z 2E7', country: 'Canada', countryIso2: 'CA', zone: 'Canada', shippingTaxable: true,
      jurisdictions: [j('CA GST', '5.0000', 92), j('BC PST', '7.0000', 93)] },
  ],
  JPY: [
    { street: '1-1 Marunouchi', city: 'Chiyoda-ku', state: 'Tokyo', zip: '100-0005', country: 'Japan', countryIso2: 'JP', zone: 'Japan', shippingTaxable: true, jurisdictions: [j('JP Consumption Tax', '10.0000', 99)] },
  ],
};

const p = (productId: number, sku: string, name: string, usdCents: bigint, weight: string, digital = false): CatalogProduct => ({ productId, sku, name, usdCents, digital, weight });
const PHYSICAL: readonly CatalogProduct[] = [
  p(77, 'S-ORAN', 'Fog Linen Chambray Towel - Beige Stripe', 5599n, '1.0000'),
  p(80, 'OFSUC', 'Orbit Terrarium - Small', 8900n, '2.0000'),
  p(81, 'OTL', 'Orbit Terrarium - Large', 10900n, '3.5000'),
  p(86, 'ABS', 'Able Brewing System', 22500n, '4.0000'),
  p(88, 'CC3C', 'Chemex Coffeemaker 3 Cup', 4950n, '1.5000'),
  p(93, 'SLCTBS', 'Sample - Tiered Wire Basket', 11995n, '2.2000'),
  p(97, 'TWB', 'Tiered Wire Basket', 11995n, '2.2000'),
  p(98, 'OCG', 'Oak Cheese Grater', 3495n, '0.5000'),
  p(103, 'CGLD', '1 L Le Parfait Jar', 749n, '0.8000'),
  p(104, 'DPB', 'Dustpan & Brush', 3495n, '0.6000'),
  p(107, 'SMG', 'Smith Journal 13', 2500n, '0.4000'),
  p(111, 'TPB', 'Tote Bag - Natural', 1899n, '0.3000'),
  p(112, 'HMG', 'Hand-Thrown Mug', 2850n, '0.7000'),
  p(113, 'LNC', 'Linen Napkins (set of 4)', 4200n, '0.5000'),
  p(114, 'CBRD', 'Walnut Cutting Board', 7800n, '1.8000'),
  p(115, 'CNDL', 'Soy Candle - Cedar', 2299n, '0.4000'),
];
const DIGITAL: readonly CatalogProduct[] = [
  p(201, 'EBK-BRW', 'Home Brewing Guide (e-book)', 1499n, '0.0000', true),
  p(202, 'PTN-QLT', 'Quilt Pattern Download', 899n, '0.0000', true),
  p(203, 'CRS-CER', 'Ceramics Video Course', 4900n, '0.0000', true),
];
const FIRST_NAMES = ['Jane', 'John', 'Maria', 'Wei', 'Aisha', 'Lukas', 'Sofia', 'Kenji', 'Olivia', 'Mateo', 'Chloe', 'Noah'];
const LAST_NAMES = ['Doe', 'Smith', 'Garcia', 'Chen', 'Khan', 'Müller', 'Rossi', 'Tanaka', 'Brown', 'Silva', 'Martin', 'Nguyen'];
/** Shipping rates and fees in the USD price list, in cents. */
const SHIPPING_CENTS = [0n, 599n, 999n, 1495n];
const HANDLING_CENTS = 200n;
const WRAPPING_CENTS = 499n;
const MANUAL_DISCOUNT_CENTS = 500n;
const AMENDMENT_DISCOUNT_CENTS = 300n;
const REFUND_REASONS = ['Damaged in transit', 'Wrong size', 'Customer changed their mind', 'Item not as described'];

const STATUS = {
  INCOMPLETE: [0, 'Incomplete'],
  SHIPPED: [2, 'Shipped'],
  REFUNDED: [4, 'Refunded'],
  CANCELLED: [5, 'Cancelled'],
  DECLINED: [6, 'Declined'],
  AWAITING_PAYMENT: [7, 'Awaiting Payment'],
  COMPLETED: [10, 'Completed'],
  AWAITING_FULFILLMENT: [11, 'Awaiting Fulfillment'],
  PARTIALLY_REFUNDED: [14, 'Partially Refunded'],
} as const satisfies Record<string, readonly [number, string]>;
const PAYMENT_STATUS: Record<number, string> = { 0: '', 2: 'captured', 4: 'refunded', 5: 'void', 6: 'declined', 7: 'pending', 10: 'captured', 11: 'captured', 14: 'partially refunded' };

// Salts: one per independent decision about an order.
const S = { currency: 1, region: 2, exempt: 3, lines: 4, product: 5, quantity: 6, shipping: 7, handling: 8, wrapping: 9, manual: 10, coupon: 11, status: 12, lag: 13, customer: 14, display: 15, street: 16 } as const;

export class BigCommerceStoreData {
  readonly orderCount: number;
  /** Every refundEvery-th order is refunded (0: none). */
  readonly refundEvery: number;
  private readonly startSecond: number;
  private readonly perSecond: number;
  private readonly seed: number;
  private readonly storeUrl: string;
  private readonly amendments = new Map<number, { revision: number; second: number }>();
  private readonly models = new Map<number, Model>();
  private readonly refunds = new Map<number, Refund | null>();

  constructor(options: BigCommerceStoreDataOptions) {
    this.orderCount = options.orders;
    this.refundEvery = options.refunds === 'some' ? 10 : (options.refunds ?? 0);
    this.startSecond = Math.floor((options.start ?? new Date('2024-01-01T00:00:00Z')).getTime() / 1000);
    this.perSecond = options.ordersPerSecond ?? 1;
    this.seed = options.seed ?? 1;
    this.storeUrl = options.storeUrl ?? 'https://api.bigcommerce.com/stores/abc123';
  }

  get refundCount(): number {
    return this.refundEvery > 0 ? Math.floor(this.orderCount / this.refundEvery) : 0;
  }

  /** date_modified of the order, in epoch seconds: its last amendment, else its original one (ascending with id). */
  modifiedSecond(id: number): number {
    return this.amendments.get(id)?.second ?? this.originalModifiedSecond(id);
  }

  createdSecond(id: number): number {
    const lag = this.rand(id, S.lag) % 4 === 0 ? 0 : this.rand(id, S.lag + 100) % MAX_CREATION_LAG_SECONDS;
    return this.originalModifiedSecond(id) - lag;
  }

  /** Ids of amended orders (their date_modified no longer follows their id). */
  amendedIds(): number[] {
    return [...this.amendments.keys()];
  }

  /**
   * A merchant edits the order at `at`: each revision adds one to its first product's quantity,
   * every second one also adds a manual discount; totals and taxes follow. Returns the revision.
   */
  amend(id: number, edit: { at: Date }): number {
    this.check(id);
    const revision = (this.amendments.get(id)?.revision ?? 0) + 1;
    this.amendments.set(id, { revision, second: Math.floor(edit.at.getTime() / 1000) });
    return revision;
  }

  /** The v2 order body; `secondOverride` replaces its date_modified (epoch seconds). */
  order(id: number, secondOverride?: number): V2Order {
    const m = this.model(id);
    const c = m.currency;
    const modified = secondOverride ?? m.modifiedSecond;
    const physical = !m.digital;
    const itemsTotal = m.lines.reduce((total, line) => total + line.quantity, 0);
    const shipped = itemsShipped(m) > 0;
    const refund = this.refundOf(id);
    const link = (resource: string) => ({ url: `${this.storeUrl}/v2/orders/${id}/${resource}`, resource: `/orders/${id}/${resource}` });
    return {
      id,
      customer_id: m.customerId,
      date_created: rfc2822(m.createdSecond),
      date_modified: rfc2822(modified),
      date_shipped: shipped ? rfc2822(m.modifiedSecond) : '',
      status_id: m.status[0],
      status: m.status[1],
      subtotal_ex_tax: fmt(m.subtotal),
      subtotal_inc_tax: fmt(m.subtotal + m.subtotalTax),
      subtotal_tax: fmt(m.subtotalTax),
      base_shipping_cost: fmt(m.shipping.exTax),
      shipping_cost_ex_tax: fmt(m.shipping.exTax),
      shipping_cost_inc_tax: fmt(m.shipping.exTax + m.shipping.tax),
      shipping_cost_tax: fmt(m.shipping.tax),
      shipping_cost_tax_class_id: 2,
      base_handling_cost: fmt(m.handling.exTax),
      handling_cost_ex_tax: fmt(m.handling.exTax),
      handling_cost_inc_tax: fmt(m.handling.exTax + m.handling.tax),
      handling_cost_tax: fmt(m.handling.tax),
      handling_cost_tax_class_id: 2,
      base_wrapping_cost: fmt(m.wrapping.exTax),
      wrapping_cost_ex_tax: fmt(m.wrapping.exTax),
      wrapping_cost_inc_tax: fmt(m.wrapping.exTax + m.wrapping.tax),
      wrapping_cost_tax: fmt(m.wrapping.tax),
      wrapping_cost_tax_class_id: 3,
      total_ex_tax: fmt(m.totalExTax),
      total_inc_tax: fmt(m.totalIncTax),
      total_tax: fmt(m.totalTax),
      items_total: itemsTotal,
      items_shipped: itemsShipped(m),
      payment_method: m.status[0] === 0 ? '' : 'Credit Card',
      payment_provider_id: m.status[0] === 0 ? '' : `ch_${hex(this.rand(id, 40))}`,
      payment_status: PAYMENT_STATUS[m.status[0]],
      refunded_amount: fmt(refund?.total ?? 0n),
      order_is_digital: m.digital,
      store_credit_amount: '0.0000',
      gift_certificate_amount: '0.0000',
      ip_address: `203.0.113.${(id % 254) + 1}`,
      geoip_country: m.region.country,
      geoip_country_iso2: m.region.countryIso2,
      currency_id: m.display.id,
      currency_code: m.display.code,
      currency_exchange_rate: m.display.fromStoreDefault,
      default_currency_id: c.id,
      default_currency_code: c.code,
      staff_notes: '',
      customer_message: '',
      discount_amount: fmt(m.manual),
      coupon_discount: fmt(m.coupon),
      shipping_address_count: physical ? 1 : 0,
      is_deleted: false,
      ebay_order_id: '0',
      cart_id: uuid(this.rand(id, 30), this.rand(id, 31)),
      billing_address: {
        first_name: m.firstName,
        last_name: m.lastName,
        company: m.exempt ? `${m.region.city} Unified School District` : '',
        street_1: this.street(id, m.region),
        street_2: '',
        city: m.region.city,
        state: m.region.state,
        zip: m.region.zip,
        country: m.region.country,
        country_iso2: m.region.countryIso2,
        phone: '555-0100',
        email: this.email(m),
        form_fields: [],
      },
      is_email_opt_in: this.rand(id, 50) % 3 === 0,
      credit_card_type: null,
      order_source: 'www',
      channel_id: 1,
      external_source: null,
      products: link('products'),
      shipping_addresses: link('shipping_addresses'),
      coupons: link('coupons'),
      external_id: null,
      external_merchant_id: null,
      tax_provider_id: 'BasicTaxProvider',
      store_default_currency_code: 'USD',
      store_default_to_transactional_exchange_rate: c.fromStoreDefault,
      custom_status: m.status[1],
      customer_locale: 'en',
      is_tax_inclusive_pricing: false,
    };
  }

  products(id: number): V2Product[] {
    const m = this.model(id);
    const refund = this.refundOf(id);
    return m.lines.map((line, index) => {
      const wrapped = index === 0 && m.wrapping.exTax > 0n;
      const refunded = refund?.lines.includes(index) ?? false;
      const discounts: Array<Record<string, unknown>> = [];
      if (line.manual > 0n) discounts.push({ id: 'manual-discount', amount: fmt(line.manual), name: 'Manual Discount', code: null, target: 'order' });
      if (line.coupon > 0n) discounts.push({ id: 'total-coupon', amount: fmt(line.coupon), name: '10% off', code: 'SAVE10', target: 'order' });
      return {
        id: line.id,
        order_id: id,
        product_id: line.product.productId,
        variant_id: line.product.productId + 1000,
        order_address_id: m.digital ? 0 : id,
        name: line.product.name,
        name_customer: line.product.name,
        name_merchant: line.product.name,
        sku: line.product.sku,
        upc: '',
        type: line.product.digital ? 'digital' : 'physical',
        base_price: fmt(line.unit),
        price_ex_tax: fmt(line.unit),
        price_inc_tax: fmt(line.unit + line.unitTax),
        price_tax: fmt(line.unitTax),
        base_total: fmt(line.total),
        total_ex_tax: fmt(line.total),
        total_inc_tax: fmt(line.total + line.tax),
        total_tax: fmt(line.tax),
        weight: line.product.weight,
        quantity: line.quantity,
        base_cost_price: '0.0000',
        cost_price_inc_tax: '0.0000',
        cost_price_ex_tax: '0.0000',
        cost_price_tax: '0.0000',
        is_refunded: refunded,
        quantity_refunded: refunded ? line.quantity : 0,
        refund_amount: refunded ? fmt(line.total - line.manual - line.coupon + line.tax) : '0.0000',
        return_id: 0,
        wrapping_name: wrapped ? 'Gift Box' : '',
        base_wrapping_cost: fmt(wrapped ? m.wrapping.exTax : 0n),
        wrapping_cost_ex_tax: fmt(wrapped ? m.wrapping.exTax : 0n),
        wrapping_cost_inc_tax: fmt(wrapped ? m.wrapping.exTax + m.wrapping.tax : 0n),
        wrapping_cost_tax: fmt(wrapped ? m.wrapping.tax : 0n),
        wrapping_message: wrapped ? 'Happy birthday!' : '',
        quantity_shipped: itemsShipped(m) > 0 ? line.quantity : 0,
        event_name: null,
        event_date: null,
        fixed_shipping_cost: '0.0000',
        ebay_item_id: '',
        ebay_transaction_id: '',
        option_set_id: null,
        parent_order_product_id: null,
        is_bundled_product: false,
        bin_picking_number: '',
        external_id: null,
        fulfillment_source: '',
        applied_discounts: discounts,
        product_options: [],
      };
    });
  }

  shippingAddresses(id: number): V2ShippingAddress[] {
    const m = this.model(id);
    if (m.digital) return [];
    const itemsTotal = m.lines.reduce((total, line) => total + line.quantity, 0);
    return [{
      id,
      order_id: id,
      first_name: m.firstName,
      last_name: m.lastName,
      company: '',
      street_1: this.street(id, m.region),
      street_2: id % 5 === 0 ? `Apt ${(id % 40) + 1}` : '',
      city: m.region.city,
      state: m.region.state,
      zip: m.region.zip,
      country: m.region.country,
      country_iso2: m.region.countryIso2,
      phone: '555-0100',
      email: this.email(m),
      items_total: itemsTotal,
      items_shipped: itemsShipped(m),
      shipping_method: m.shipping.exTax === 0n ? 'Free Shipping' : 'Flat Rate',
      base_cost: fmt(m.shipping.exTax),
      cost_ex_tax: fmt(m.shipping.exTax),
      cost_inc_tax: fmt(m.shipping.exTax + m.shipping.tax),
      cost_tax: fmt(m.shipping.tax),
      cost_tax_class_id: 2,
      base_handling_cost: fmt(m.handling.exTax),
      handling_cost_ex_tax: fmt(m.handling.exTax),
      handling_cost_inc_tax: fmt(m.handling.exTax + m.handling.tax),
      handling_cost_tax: fmt(m.handling.tax),
      handling_cost_tax_class_id: 2,
      shipping_zone_id: REGIONS[m.currency.code].indexOf(m.region) + m.currency.id * 10,
      shipping_zone_name: m.region.zone,
      form_fields: [],
      shipping_quotes: { url: `${this.storeUrl}/v2/orders/${id}/shipping_addresses/${id}/shipping_quotes`, resource: `/orders/${id}/shipping_addresses/${id}/shipping_quotes` },
    }];
  }

  /** One row per taxed item and jurisdiction, as v2 /orders/{id}/taxes returns them; none when exempt. */
  taxes(id: number): V2Tax[] {
    const m = this.model(id);
    const rows: V2Tax[] = [];
    const addressId = m.digital ? 0 : id;
    const push = (taxes: readonly bigint[], type: string, productId: number | null, taxClassId: number, taxClass: string) => {
      taxes.forEach((amount, index) => {
        const jurisdiction = m.region.jurisdictions[index];
        rows.push({
          id: id * 64 + rows.length,
          order_id: id,
          order_address_id: addressId,
          tax_rate_id: jurisdiction.rateId,
          tax_class_id: taxClassId,
          name: jurisdiction.name,
          class: taxClass,
          rate: jurisdiction.rate,
          priority: 0,
          priority_amount: fmt(amount),
          line_amount: fmt(amount),
          order_product_id: productId === null ? null : String(productId),
          line_item_type: type,
        });
      });
    };
    if (m.exempt) return rows;
    for (const line of m.lines) push(line.taxes, 'item', line.id, line.product.digital ? 5 : 0, line.product.digital ? 'Digital Goods' : 'Default Tax Class');
    push(m.shipping.taxes, 'shipping', null, 2, 'Shipping');
    push(m.handling.taxes, 'handling', null, 2, 'Shipping');
    push(m.wrapping.taxes, 'gift-wrapping', null, 3, 'Gift Wrapping');
    return rows;
  }

  /** The order as the readers yield it: its body with products, shipping addresses and taxes. */
  detailedOrder(id: number, secondOverride?: number): DetailedOrder {
    return { ...this.order(id, secondOverride), products: this.products(id), shipping_addresses: this.shippingAddresses(id), taxes: this.taxes(id) };
  }

  refundOrderId(refundId: number): number {
    return refundId * this.refundEvery;
  }

  /** The refund's creation time in epoch seconds: ascending with its id. */
  refundCreatedSecond(refundId: number): number {
    return this.originalModifiedSecond(this.refundOrderId(refundId)) + REFUND_LAG_SECONDS;
  }

  /** Refund ids created within [min, max] (inclusive, as v3's created:min/max), or null when none. */
  refundIdsCreatedBetween(min: Date, max: Date): { first: number; last: number } | null {
    const from = Math.ceil(min.getTime() / 1000);
    const to = Math.floor(max.getTime() / 1000);
    const first = firstAtLeast(1, this.refundCount, (r) => this.refundCreatedSecond(r) >= from);
    const last = firstAtLeast(1, this.refundCount, (r) => this.refundCreatedSecond(r) > to) - 1;
    return first <= last ? { first, last } : null;
  }

  /**
   * The v3 refund, amounts as decimal text: 2 decimals at most, trailing zeros dropped, as JSON
   * numbers print. Made from the order as it was first placed; an ORDER-level refund has
   * total_tax 0, since BigCommerce does not recalculate tax for it.
   */
  refund(refundId: number): V3Refund {
    const built = this.buildRefund(refundId);
    if (!built) throw new RangeError(`no refund ${refundId}`);
    return built.body;
  }

  /**
   * The store's own per-day, per-currency figures for orders created and refunds created in
   * [from, to), summed with decimal.js from the bodies it serves.
   */
  sourceDailyTotals(from: Date, to: Date): SourceDailyTotals[] {
    const fromSecond = Math.ceil(from.getTime() / 1000);
    const toSecond = Math.ceil(to.getTime() / 1000);
    type Sums = { sales: number; total: Decimal; tax: Decimal; shipping: Decimal; handling: Decimal; wrapping: Decimal; refunds: number; refundTotal: Decimal; refundTax: Decimal };
    const rows = new Map<string, Sums>();
    const row = (second: number, currency: string): Sums => {
      const key = `${new Date(second * 1000).toISOString().slice(0, 10)}|${currency}`;
      let sums = rows.get(key);
      if (!sums) {
        const zero = new Decimal(0);
        sums = { sales: 0, total: zero, tax: zero, shipping: zero, handling: zero, wrapping: zero, refunds: 0, refundTotal: zero, refundTax: zero };
        rows.set(key, sums);
      }
      return sums;
    };
    const firstId = Math.max(1, this.firstIdModifiedFrom(fromSecond));
    const lastId = Math.min(this.orderCount, this.firstIdModifiedFrom(toSecond + MAX_CREATION_LAG_SECONDS) - 1);
    for (let id = firstId; id <= lastId; id += 1) {
      const created = this.createdSecond(id);
      if (created < fromSecond || created >= toSecond) continue;
      const order = this.order(id);
      if (VOIDED.has(order.status_id)) continue;
      const sums = row(created, String(order.default_currency_code));
      sums.sales += 1;
      sums.total = sums.total.plus(String(order.total_inc_tax));
      sums.tax = sums.tax.plus(String(order.total_tax));
      sums.shipping = sums.shipping.plus(String(order.shipping_cost_ex_tax));
      sums.handling = sums.handling.plus(String(order.handling_cost_ex_tax));
      sums.wrapping = sums.wrapping.plus(String(order.wrapping_cost_ex_tax));
    }
    const refunds = this.refundIdsCreatedBetween(new Date(fromSecond * 1000), new Date((toSecond - 1) * 1000));
    for (let r = refunds?.first ?? 1; refunds && r <= refunds.last; r += 1) {
      const refund = this.refund(r);
      const sums = row(this.refundCreatedSecond(r), String(this.order(refund.order_id).default_currency_code));
      sums.refunds += 1;
      sums.refundTotal = sums.refundTotal.plus(refund.total_amount);
      sums.refundTax = sums.refundTax.plus(refund.total_tax);
    }
    return [...rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, sums]) => {
        const [day, currency] = key.split('|');
        return {
          day, currency, sales: sums.sales,
          totalIncTax: sums.total.toFixed(4), totalTax: sums.tax.toFixed(4), shippingExTax: sums.shipping.toFixed(4),
          handlingExTax: sums.handling.toFixed(4), wrappingExTax: sums.wrapping.toFixed(4),
          refunds: sums.refunds, refundTotal: sums.refundTotal.toFixed(4), refundTax: sums.refundTax.toFixed(4),
        };
      });
  }

  private originalModifiedSecond(id: number): number {
    return this.startSecond + Math.floor((id - 1) / this.perSecond);
  }

  /** The smallest id whose original date_modified is at or after `second`. */
  private firstIdModifiedFrom(second: number): number {
    return Math.max(1, (second - this.startSecond) * this.perSecond + 1);
  }

  private check(id: number): void {
    if (!Number.isSafeInteger(id) || id < 1 || id > this.orderCount) throw new RangeError(`no order ${id}`);
  }

  private rand(id: number, salt: number): number {
    return mix(this.seed, id, salt);
  }

  private street(id: number, region: Region): string {
    return this.rand(id, S.street) % 3 === 0 ? region.street : `${(this.rand(id, S.street + 100) % 900) + 100} ${region.street.replace(/^[\d-]+ /, '')}`;
  }

  private email(m: Model): string {
    return `${m.firstName}.${m.lastName}${m.customerId}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  }

  private statusOf(id: number): readonly [number, string] {
    const refund = this.refundKind(id);
    if (refund) return refund === 'full' ? STATUS.REFUNDED : STATUS.PARTIALLY_REFUNDED;
    const roll = this.rand(id, S.status) % 100;
    if (roll < 52) return STATUS.COMPLETED;
    if (roll < 78) return STATUS.SHIPPED;
    if (roll < 85) return STATUS.AWAITING_FULFILLMENT;
    if (roll < 89) return STATUS.CANCELLED;
    if (roll < 92) return STATUS.DECLINED;
    if (roll < 96) return STATUS.INCOMPLETE;
    return STATUS.AWAITING_PAYMENT;
  }

  private refundKind(id: number): RefundKind | null {
    if (this.refundEvery === 0 || id % this.refundEvery !== 0) return null;
    const kinds: RefundKind[] = ['full', 'product', 'product', 'shipping', 'product', 'shipping', 'order-level'];
    return kinds[(id / this.refundEvery) % kinds.length];
  }

  private model(id: number, revision = this.amendments.get(id)?.revision ?? 0): Model {
    this.check(id);
    const model = this.models.get(id);
    if (model?.revision === revision) return model;
    if (model) this.models.delete(id);
    return cached(this.models, id, () => this.build(id, revision));
  }

  private build(id: number, revision: number): Model {
    const r = (salt: number) => this.rand(id, salt);
    const currencyRoll = r(S.currency) % 100;
    const currency = CURRENCIES[currencyRoll < 75 ? 'USD' : currencyRoll < 85 ? 'EUR' : currencyRoll < 93 ? 'CAD' : 'JPY'];
    // Some USD orders were placed by shoppers browsing in CAD: the display currency differs.
    const display = currency.code === 'USD' && r(S.display) % 25 === 0 ? CURRENCIES.CAD : currency;
    const regions = REGIONS[currency.code];
    const region = regions[r(S.region) % regions.length];
    const exempt = r(S.exempt) % 20 === 0;
    const digital = r(S.exempt) % 20 === 1;
    const jurisdictions = exempt ? [] : region.jurisdictions;
    const price = (cents: bigint) => roundTo(cents * 100n * currency.num, currency.den * currency.step) * currency.step;
    const taxesOn = (base: bigint) => jurisdictions.map((jurisdiction) => roundTo(base * jurisdiction.units, 1_000_000n * currency.step) * currency.step);

    const catalog = digital ? DIGITAL : PHYSICAL;
    const count = 1 + (r(S.lines) % 4);
    const items = Array.from({ length: count }, (_, index) => {
      const product = catalog[(r(S.product) + index * 7) % catalog.length];
      const extra = index === 0 ? Math.ceil(revision / 2) : 0;
      const quantity = (digital ? 1 : 1 + (mix(this.seed, id, S.quantity + index * 100) % 3)) + extra;
      const unit = price(product.usdCents);
      return { product, quantity, unit, total: unit * BigInt(quantity) };
    });
    const subtotal = items.reduce((total, item) => total + item.total, 0n);

    let manual = (r(S.manual) % 10 === 0 ? price(MANUAL_DISCOUNT_CENTS) : 0n) + price(AMENDMENT_DISCOUNT_CENTS) * BigInt(Math.floor(revision / 2));
    const cap = (subtotal / 2n / currency.step) * currency.step;
    if (manual > cap) manual = cap;
    const hasCoupon = r(S.coupon) % 6 === 0;
    // The manual discount is spread over the products in proportion to their totals (the last takes the rest).
    let allocated = 0n;
    const lines: Line[] = items.map((item, index) => {
      const share = index === items.length - 1 ? manual - allocated : roundTo(manual * item.total, subtotal * currency.step) * currency.step;
      allocated += share;
      const coupon = hasCoupon ? roundTo((item.total - share) * 10n, 100n * currency.step) * currency.step : 0n;
      const taxes = taxesOn(item.total - share - coupon);
      return {
        id: id * 10 + index,
        ...item,
        manual: share,
        coupon,
        unitTax: taxesOn(item.unit).reduce((total, tax) => total + tax, 0n),
        taxes,
        tax: taxes.reduce((total, tax) => total + tax, 0n),
      };
    });
    const charge = (exTax: bigint, taxable: boolean): Charge => {
      const taxes = taxable && exTax > 0n ? taxesOn(exTax) : [];
      return { exTax, taxes, tax: taxes.reduce((total, tax) => total + tax, 0n) };
    };
    const shipping = charge(digital ? 0n : price(SHIPPING_CENTS[r(S.shipping) % SHIPPING_CENTS.length]), region.shippingTaxable);
    const handling = charge(!digital && r(S.handling) % 8 === 0 ? price(HANDLING_CENTS) : 0n, region.shippingTaxable);
    const wrapping = charge(!digital && r(S.wrapping) % 15 === 0 ? price(WRAPPING_CENTS) : 0n, true);
    const coupon = lines.reduce((total, line) => total + line.coupon, 0n);
    const subtotalTax = lines.reduce((total, line) => total + line.tax, 0n);
    const totalTax = subtotalTax + shipping.tax + handling.tax + wrapping.tax;
    const totalExTax = subtotal - manual - coupon + shipping.exTax + handling.exTax + wrapping.exTax;
    const customer = r(S.customer);
    const status = this.statusOf(id);
    return {
      id, revision, currency, display, region, exempt, digital,
      status: digital && status === STATUS.SHIPPED ? STATUS.COMPLETED : status,
      createdSecond: this.createdSecond(id),
      modifiedSecond: this.modifiedSecond(id),
      customerId: customer % 10 === 0 ? 0 : 1 + (customer % 20_000),
      firstName: FIRST_NAMES[customer % FIRST_NAMES.length],
      lastName: LAST_NAMES[(customer >>> 8) % LAST_NAMES.length],
      lines, shipping, handling, wrapping, manual, coupon, subtotal, subtotalTax, totalTax, totalExTax,
      totalIncTax: totalExTax + totalTax,
    };
  }

  private refundOf(orderId: number): Refund | null {
    return this.refundKind(orderId) === null ? null : this.buildRefund(orderId / this.refundEvery);
  }

  private buildRefund(refundId: number): Refund | null {
    return cached(this.refunds, refundId, () => this.makeRefund(refundId));
  }

  private makeRefund(refundId: number): Refund | null {
    if (!Number.isSafeInteger(refundId) || refundId < 1 || refundId > this.refundCount) return null;
    const orderId = this.refundOrderId(refundId);
    const m = this.model(orderId, 0);
    let kind = this.refundKind(orderId)!;
    if (kind === 'shipping' && m.shipping.exTax === 0n) kind = 'product';
    const reason = REFUND_REASONS[refundId % REFUND_REASONS.length];
    const items: Array<Record<string, unknown>> = [];
    const lines: number[] = [];
    let tax = 0n;
    const product = (index: number) => {
      const line = m.lines[index];
      lines.push(index);
      items.push({ item_type: 'PRODUCT', item_id: line.id, reason, quantity: line.quantity, requested_amount: jsonAmount(line.total - line.manual - line.coupon) });
      tax += line.tax;
    };
    const amountItem = (type: string, itemId: number, charge: Charge) => {
      if (charge.exTax === 0n) return;
      items.push({ item_type: type, item_id: itemId, reason, quantity: 1, requested_amount: jsonAmount(charge.exTax) });
      tax += charge.tax;
    };
    let requested = 0n;
    if (kind === 'full') {
      m.lines.forEach((_, index) => product(index));
      amountItem('SHIPPING', orderId, m.shipping);
      amountItem('HANDLING', orderId, m.handling);
      amountItem('GIFT_WRAPPING', m.lines[0].id, m.wrapping);
      requested = m.totalExTax;
    } else if (kind === 'product') {
      const index = refundId % m.lines.length;
      product(index);
      requested = m.lines[index].total - m.lines[index].manual - m.lines[index].coupon;
    } else if (kind === 'shipping') {
      amountItem('SHIPPING', orderId, m.shipping);
      requested = m.shipping.exTax;
    } else {
      // A goodwill credit of a tenth of the order: an ORDER item, no tax recalculated.
      requested = roundTo(m.totalIncTax, 10n * m.currency.step) * m.currency.step || m.currency.step;
      items.push({ item_type: 'ORDER', item_id: orderId, reason: 'Goodwill credit', requested_amount: jsonAmount(requested) });
    }
    const total = requested + tax;
    const body: V3Refund = {
      id: refundId,
      order_id: orderId,
      user_id: 1 + (refundId % 3),
      created: new Date(this.refundCreatedSecond(refundId) * 1000).toISOString().replace('.000Z', '+00:00'),
      reason: kind === 'order-level' ? 'Goodwill credit' : reason,
      total_amount: jsonAmount(total),
      total_tax: jsonAmount(tax),
      items,
      payments: [{ id: refundId, provider_id: refundId % 3 === 0 ? 'storecredit' : 'braintree', amount: jsonAmount(total), offline: false, is_declined: false, declined_message: '' }],
    };
    return { body, total, lines };
  }
}

const AMOUNT_FIELDS = new Set(['total_amount', 'total_tax', 'requested_amount', 'amount']);
const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * JSON text of a refund (or of a page of them) with its amount fields as bare JSON numbers
 * (`"total_amount":12.34`), written from their decimal text: no float is ever involved.
 */
export function toJsonWithNumbers(value: unknown, key?: string): string {
  if (typeof value === 'string' && key !== undefined && AMOUNT_FIELDS.has(key)) {
    if (!DECIMAL_TEXT.test(value)) throw new TypeError(`${key} is not decimal text: ${value}`);
    return value;
  }
  if (Array.isArray(value)) return `[${value.map((entry) => toJsonWithNumbers(entry)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, entry]) => entry !== undefined);
    return `{${fields.map(([name, entry]) => `${JSON.stringify(name)}:${toJsonWithNumbers(entry, name)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const SHIPPED_STATUSES = new Set([2, 4, 10, 14]);

function itemsShipped(m: Model): number {
  return !m.digital && SHIPPED_STATUSES.has(m.status[0]) ? m.lines.reduce((total, line) => total + line.quantity, 0) : 0;
}

/** Ten-thousandths to BigCommerce's 4-decimal text. */
function fmt(units: bigint): string {
  if (units === 0n) return '0.0000';
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(5, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** Ten-thousandths to JSON-number text: at most 2 decimals (v3 Amount), no trailing zeros. */
function jsonAmount(units: bigint): string {
  if (units % 100n !== 0n) throw new RangeError(`${fmt(units)} is not a whole number of cents`);
  return fmt(units).replace(/0+$/, '').replace(/\.$/, '');
}

/** value / divisor, rounded half up (value ≥ 0). */
function roundTo(value: bigint, divisor: bigint): bigint {
  return (value * 2n + divisor) / (divisor * 2n);
}

/** "8.2500" (percent) → 82500n. */
function rateUnits(rate: string): bigint {
  const [whole, fraction = ''] = rate.split('.');
  return BigInt(whole + fraction.padEnd(4, '0').slice(0, 4));
}

const DATES = new Map<number, string>();

function rfc2822(second: number): string {
  return cached(DATES, second, () => `${new Date(second * 1000).toUTCString().slice(0, -3)}+0000`);
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

function uuid(a: number, b: number): string {
  const [ha, hb] = [hex(a), hex(b)];
  return `${ha}-${hb.slice(0, 4)}-4${hb.slice(5)}-a${ha.slice(1, 4)}-${hb}${ha.slice(4)}`;
}

/** The fake reads an order's body and details in turn: the last few hundred models are kept. */
function cached<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  if (cache.has(key)) return cache.get(key)!;
  const value = make();
  if (cache.size >= 512) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** The smallest n in [low, high] with test(n), or high + 1; test must be monotone. */
function firstAtLeast(low: number, high: number, test: (n: number) => boolean): number {
  let lo = low;
  let hi = high + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A well-mixed 32-bit hash of (seed, id, salt). */
function mix(seed: number, id: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id, 0xc2b2ae35) ^ Math.imul(salt + 0x165667b1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

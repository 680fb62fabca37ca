/**
 * The push wire format TrustFile is assumed to speak. Avalara publishes the rules (batches of at
 * most 1000, create-or-update by item id, the refund flag, addresses, `reviewRequired`) but not
 * the paths and fields, so everything assumed lives here and only here; see
 * ../shared/specs/trustfile-push-and-connector-api.md, section 2. The path is TRUSTFILE_ITEMS_PATH.
 */

export interface WireAddress {
  readonly line1: string | null;
  readonly line2?: string | null;
  readonly city: string | null;
  readonly region: string | null;
  readonly postalCode: string | null;
  readonly country: string | null;
}

export interface WireLine {
  readonly lineNumber: number;
  readonly sku: string | null;
  readonly description: string | null;
  readonly quantity: string;
  readonly amount: string;
  readonly discount: string;
  readonly tax: string;
  readonly taxCode: string | null;
}

export interface WireTax {
  readonly name: string;
  readonly rate: string | null;
  readonly amount: string;
}

export interface WireItem {
  readonly itemId: string;
  readonly revision: number;
  readonly refund: boolean;
  readonly status: 'active' | 'voided';
  readonly transactionDate: string;
  readonly documentNumber: string | null;
  readonly currency: string | null;
  readonly subtotal: string;
  readonly discount: string;
  readonly shipping: string;
  readonly shippingTax: string;
  readonly tax: string;
  readonly total: string;
  readonly taxExempt: boolean;
  readonly shipFromAddress: WireAddress | null;
  readonly shipToAddress: WireAddress | null;
  readonly lines: readonly WireLine[];
  readonly taxes: readonly WireTax[];
  readonly originalItemId: string | null;
  readonly reviewRequired: boolean;
  readonly reviewMessage: string | null;
}

export interface WirePushRequest {
  readonly companyToken: string;
  readonly items: readonly WireItem[];
}

export type WireItemStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface WireItemError {
  readonly field: string | null;
  readonly message: string;
}

export interface WireItemResult {
  readonly itemId: string;
  readonly status: WireItemStatus;
  readonly errors: readonly WireItemError[];
}

/** A document of the extraction store as the push reads it (money as exact decimal text). */
export interface PushDocument {
  readonly connector: string;
  readonly stream: string;
  readonly externalId: string;
  readonly revision: number;
  readonly type: 'sale' | 'refund';
  readonly status: 'active' | 'voided';
  readonly transactionDate: Date;
  readonly documentNumber: string | null;
  readonly currency: string | null;
  readonly subtotal: string;
  readonly discount: string;
  readonly shipping: string;
  readonly shippingTax: string;
  readonly tax: string;
  readonly total: string;
  readonly taxExempt: boolean;
  readonly shipFrom: WireAddress | null;
  readonly shipTo: WireAddress | null;
  readonly originalExternalId: string | null;
  /** The stream the original sale is in (refunds of BigCommerce orders refund `orders`). */
  readonly originalStream: string | null;
  readonly reviewRequired: boolean;
  readonly reviewMessage: string | null;
  readonly lines: readonly WireLine[];
  readonly taxes: readonly WireTax[];
}

/** Stable per connection and document, whatever the revision: TrustFile updates an item by it. */
export function itemIdOf(connector: string, stream: string, externalId: string): string {
  return `${connector}:${stream}:${externalId}`;
}

export function toWireItem(document: PushDocument): WireItem {
  return {
    itemId: itemIdOf(document.connector, document.stream, document.externalId),
    revision: document.revision,
    refund: document.type === 'refund',
    status: document.status,
    transactionDate: document.transactionDate.toISOString().replace(/\.000Z$/, 'Z'),
    documentNumber: document.documentNumber,
    currency: document.currency,
    subtotal: document.subtotal,
    discount: document.discount,
    shipping: document.shipping,
    shippingTax: document.shippingTax,
    tax: document.tax,
    total: document.total,
    taxExempt: document.taxExempt,
    shipFromAddress: document.shipFrom,
    shipToAddress: document.shipTo,
    lines: document.lines,
    taxes: document.taxes,
    originalItemId:
      document.originalExternalId && document.originalStream ? itemIdOf(document.connector, document.originalStream, document.originalExternalId) : null,
    reviewRequired: document.reviewRequired,
    reviewMessage: document.reviewMessage,
  };
}

export class TrustFileProtocolError extends Error {
  override name = 'TrustFileProtocolError';
}

const STATUSES = new Set<WireItemStatus>(['created', 'updated', 'unchanged', 'rejected']);

/** TrustFile's answer to a push: one result per item sent, matched by itemId. Anything else is a protocol error. */
export function parsePushAnswer(body: unknown, sent: readonly WireItem[]): Map<string, WireItemResult> {
  const results = (body as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) throw new TrustFileProtocolError('the answer has no results array');
  const expected = new Set(sent.map((item) => item.itemId));
  const byId = new Map<string, WireItemResult>();
  for (const result of results as Array<Record<string, unknown>>) {
    const itemId = result?.itemId;
    const status = result?.status as WireItemStatus;
    if (typeof itemId !== 'string' || !expected.has(itemId)) throw new TrustFileProtocolError(`a result names an item that was not sent: ${String(itemId).slice(0, 200)}`);
    if (!STATUSES.has(status)) throw new TrustFileProtocolError(`item ${itemId} has an unknown status ${String(status).slice(0, 40)}`);
    const errors = Array.isArray(result.errors)
      ? (result.errors as Array<Record<string, unknown>>).map((e) => ({
          field: typeof e?.field === 'string' ? e.field.slice(0, 255) : null,
          message: String(e?.message ?? 'rejected').slice(0, 1024),
        }))
      : [];
    byId.set(itemId, { itemId, status, errors });
  }
  if (byId.size !== expected.size) throw new TrustFileProtocolError(`the answer has ${byId.size} results for ${expected.size} items`);
  return byId;
}

/**
 * The push wire format TrustFile is assumed to speak. Avalara publishes the rules (batches of at
 * most 1000, create-or-update by item id, the refund flag, addresses, `reviewRequired`) but not
 * the paths and fields, so everything assumed lives here and only here; see
 * ../shared/specs/trustfile-push-and-connector-api.md, section 2. The path is TRUSTFILE_ITEMS_PATH.
 *
 * Items are built by PostgreSQL from the extraction store (ITEM_JSON below): a batch of 1000
 * documents becomes JSON text without a JavaScript object per field, and money goes from
 * `numeric` to a JSON string without ever being a number.
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

/** One item of `POST {TRUSTFILE_API_URL}{TRUSTFILE_ITEMS_PATH}`: what ITEM_JSON builds. */
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

/** The item id of a document: stable per connection and document, whatever the revision. SQL over `connector`, `t`. */
export const ITEM_ID = `(c.connector || ':' || t.stream || ':' || t.external_id)`;

/** A nullable text column as JSON: a quoted, escaped string or null. */
const text = (column: string) => `COALESCE(to_json(${column})::text, 'null')`;
/** A numeric column as a JSON string of its decimal digits (never a JSON number). */
const decimal = (column: string) => `'"' || ${column}::text || '"'`;

/**
 * The JSON text of one item, over `t` (extracted_transactions), `c` (its connection), `l.lines`
 * and `x.taxes` (the document's lines and taxes as JSON array text) and `s.stream` (the stream of
 * the sale a refund refunds, when it is known). Written by concatenation rather than with
 * json_build_object, which looks up every argument's type on every row: about 40% less
 * database CPU for a batch of 1000 (`npm run bench:push`).
 */
export const ITEM_JSON = `'{"itemId":' || to_json(${ITEM_ID})::text
    || ',"revision":' || t.revision
    || ',"refund":' || (t.type = 'refund')::text
    || ',"status":' || to_json(t.status)::text
    || ',"transactionDate":"' || to_char(t.transaction_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
    || ',"documentNumber":' || ${text('t.document_number')}
    || ',"currency":' || ${text('t.currency')}
    || ',"subtotal":' || ${decimal('t.subtotal')} || ',"discount":' || ${decimal('t.discount')}
    || ',"shipping":' || ${decimal('t.shipping')} || ',"shippingTax":' || ${decimal('t.shipping_tax')}
    || ',"tax":' || ${decimal('t.tax')} || ',"total":' || ${decimal('t.total')}
    || ',"taxExempt":' || t.tax_exempt::text
    || ',"shipFromAddress":' || COALESCE(t.ship_from::text, 'null')
    || ',"shipToAddress":' || COALESCE(t.ship_to::text, 'null')
    || ',"lines":' || COALESCE(l.lines, '[]')
    || ',"taxes":' || COALESCE(x.taxes, '[]')
    || ',"originalItemId":' || CASE WHEN s.stream IS NULL THEN 'null' ELSE to_json(c.connector || ':' || s.stream || ':' || t.original_external_id)::text END
    || ',"reviewRequired":' || t.review_required::text
    || ',"reviewMessage":' || ${text('t.review_message')}
    || '}'`;

/** A line of `l.lines`, over `el` (extracted_transaction_lines). */
export const LINE_JSON = `'{"lineNumber":' || el.line_number || ',"sku":' || ${text('el.sku')} || ',"description":' || ${text('el.description')}
    || ',"quantity":' || ${decimal('el.quantity')} || ',"amount":' || ${decimal('el.amount')} || ',"discount":' || ${decimal('el.discount')}
    || ',"tax":' || ${decimal('el.tax')} || ',"taxCode":' || ${text('el.tax_code')} || '}'`;

/** A tax of `x.taxes`, over `et` (extracted_transaction_taxes). */
export const TAX_JSON = `'{"name":' || to_json(et.name)::text || ',"rate":' || CASE WHEN et.rate IS NULL THEN 'null' ELSE ${decimal('et.rate')} END
    || ',"amount":' || ${decimal('et.amount')} || '}'`;

/** The request body around items already serialized. */
export function pushRequestText(companyToken: string, itemsJson: readonly string[]): string {
  return `{"companyToken":${JSON.stringify(companyToken)},"items":[${itemsJson.join(',')}]}`;
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

export class TrustFileProtocolError extends Error {
  override name = 'TrustFileProtocolError';
}

const STATUSES = new Set<WireItemStatus>(['created', 'updated', 'unchanged', 'rejected']);

/** TrustFile's answer to a push: one result per item sent, matched by itemId. Anything else is a protocol error. */
export function parsePushAnswer(body: unknown, sentItemIds: readonly string[]): Map<string, WireItemResult> {
  const results = (body as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) throw new TrustFileProtocolError('the answer has no results array');
  const expected = new Set(sentItemIds);
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

import { compareAmounts, net } from '../host-system/canonical.js';

/** One document as reconciliation compares it: from the source (re-read) or from the store. */
export interface ComparedDocument {
  readonly stream: string;
  readonly externalId: string;
  readonly type: 'sale' | 'refund';
  readonly status: 'active' | 'voided';
  /** UTC day of the transaction date. */
  readonly day: string;
  readonly currency: string | null;
  readonly total: string;
  readonly tax: string;
  readonly shipping: string;
  readonly contentHash: string;
  /** Source documents: UTC day of the host's modification time (what a window re-sync reads by). */
  readonly modifiedDay?: string | null;
  /** Stored documents: TrustFile holds their current revision. */
  readonly pushed?: boolean;
}

export interface DayFigures {
  readonly salesCount: number;
  readonly refundCount: number;
  /** Net: sales minus refunds, as the transactions summary counts them. */
  readonly total: string;
  readonly tax: string;
  readonly shipping: string;
}

export interface ReconciledDay {
  readonly day: string;
  readonly currency: string | null;
  readonly source: DayFigures;
  readonly extracted: DayFigures;
  /** Null when the push is not configured. */
  readonly pushed: DayFigures | null;
  readonly matched: boolean;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly different: readonly string[];
}

export interface Difference {
  readonly stream: string;
  readonly externalId: string;
  readonly kind: 'missing' | 'extra' | 'different';
  readonly day: string;
  readonly modifiedDay: string | null;
}

export interface ReconciliationOutcome {
  readonly matched: boolean;
  readonly days: readonly ReconciledDay[];
  readonly differences: readonly Difference[];
}

const key = (document: Pick<ComparedDocument, 'stream' | 'externalId'>) => `${document.stream}\u0000${document.externalId}`;

/**
 * Compares what the source holds with what was extracted, per UTC day and currency (active
 * documents only, as the summary counts them), and names the documents that differ: missing
 * (the source has it, the store does not, or not as active), extra (the store counts it, the
 * source does not have it or has voided it), different (both, with a different content hash).
 */
export function reconcile(source: readonly ComparedDocument[], stored: readonly ComparedDocument[], pushConfigured: boolean): ReconciliationOutcome {
  const sourceActive = new Map(source.filter((d) => d.status === 'active').map((d) => [key(d), d]));
  const storedActive = new Map(stored.filter((d) => d.status === 'active').map((d) => [key(d), d]));
  const differences: Difference[] = [];
  for (const [id, document] of sourceActive) {
    const mine = storedActive.get(id);
    if (!mine) differences.push({ stream: document.stream, externalId: document.externalId, kind: 'missing', day: document.day, modifiedDay: document.modifiedDay ?? null });
    else if (mine.contentHash !== document.contentHash) differences.push({ stream: document.stream, externalId: document.externalId, kind: 'different', day: document.day, modifiedDay: document.modifiedDay ?? null });
  }
  const sourceAll = new Map(source.map((d) => [key(d), d]));
  for (const [id, document] of storedActive) {
    if (!sourceActive.has(id)) differences.push({ stream: document.stream, externalId: document.externalId, kind: 'extra', day: document.day, modifiedDay: sourceAll.get(id)?.modifiedDay ?? null });
  }

  const groups = new Map<string, { day: string; currency: string | null }>();
  const groupOf = (d: ComparedDocument) => {
    const id = `${d.day}/${d.currency ?? ''}`;
    if (!groups.has(id)) groups.set(id, { day: d.day, currency: d.currency });
    return id;
  };
  const bySource = collect([...sourceActive.values()], groupOf);
  const byStore = collect([...storedActive.values()], groupOf);
  const byPushed = collect([...storedActive.values()].filter((d) => d.pushed), groupOf);
  const differingByGroup = new Map<string, Difference[]>();
  for (const difference of differences) {
    const document = sourceAll.get(key(difference)) ?? storedActive.get(key(difference))!;
    const id = groupOf(document);
    differingByGroup.set(id, [...(differingByGroup.get(id) ?? []), difference]);
  }

  const days = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { day, currency }]): ReconciledDay => {
      const sourceFigures = figures(bySource.get(id));
      const extracted = figures(byStore.get(id));
      const differing = differingByGroup.get(id) ?? [];
      return {
        day,
        currency,
        source: sourceFigures,
        extracted,
        pushed: pushConfigured ? figures(byPushed.get(id)) : null,
        matched: differing.length === 0 && sameFigures(sourceFigures, extracted),
        missing: differing.filter((d) => d.kind === 'missing').map((d) => d.externalId),
        extra: differing.filter((d) => d.kind === 'extra').map((d) => d.externalId),
        different: differing.filter((d) => d.kind === 'different').map((d) => d.externalId),
      };
    });
  return { matched: days.every((d) => d.matched), days, differences };
}

function collect(documents: readonly ComparedDocument[], groupOf: (d: ComparedDocument) => string): Map<string, ComparedDocument[]> {
  const groups = new Map<string, ComparedDocument[]>();
  for (const document of documents) {
    const id = groupOf(document);
    const group = groups.get(id);
    if (group) group.push(document);
    else groups.set(id, [document]);
  }
  return groups;
}

function figures(documents: readonly ComparedDocument[] = []): DayFigures {
  const sales = documents.filter((d) => d.type === 'sale');
  const refunds = documents.filter((d) => d.type === 'refund');
  const netOf = (field: 'total' | 'tax' | 'shipping') => net(sales.map((d) => d[field]), refunds.map((d) => d[field]));
  return { salesCount: sales.length, refundCount: refunds.length, total: netOf('total'), tax: netOf('tax'), shipping: netOf('shipping') };
}

function sameFigures(a: DayFigures, b: DayFigures): boolean {
  return (
    a.salesCount === b.salesCount &&
    a.refundCount === b.refundCount &&
    compareAmounts(a.total, b.total) === 0 &&
    compareAmounts(a.tax, b.tax) === 0 &&
    compareAmounts(a.shipping, b.shipping) === 0
  );
}

import { DAY_MS } from '../../kernel/days';
import { BatchBuilder, num } from '../batch';
import type { LocatedTable } from '../detect';
import { ImportError, type Note } from '../problems';
import { type ReadContext, TableReader } from '../rows';
import { FINAL_CLASSES, type StatusClass, statusClass } from '../status';
import { type FieldType, storedFields } from './spec';
import { ORDERS } from './ordersSpec';
import { DateSpan, type KindOutput, periodFromFileName } from './output';

const SEP = '\u001f';

const CLAIM_TIMES = ['claim_submitted_at', 'claim_approved_at', 'claim_paid_at', 'claim_rejected_at'] as const;

/** The claim facts of a failed-delivery export: one per order (its columns repeat on every line). */
class ClaimFacts {
  private readonly b = new BatchBuilder();
  private readonly seen = new Set<string>();
  private readonly text = {
    line_key: this.b.text('line_key'),
    order_id: this.b.text('order_id'),
    failed_status: this.b.text('failed_status'),
    claim_status: this.b.text('claim_status'),
  };
  private readonly times = {
    submitted_at: this.b.num('submitted_at'),
    approved_at: this.b.num('approved_at'),
    paid_at: this.b.num('paid_at'),
    rejected_at: this.b.num('rejected_at'),
  };
  private readonly compensation = this.b.num('compensation');

  add(
    orderId: string,
    failed: string | null,
    claim: string | null,
    times: readonly (number | null)[],
    compensation: number | null,
  ): void {
    if (this.seen.has(orderId)) return;
    this.seen.add(orderId);
    this.text.line_key.push(orderId);
    this.text.order_id.push(orderId);
    this.text.failed_status.push(failed);
    this.text.claim_status.push(claim);
    Object.values(this.times).forEach((col, k) => {
      col.push(num(times[k]));
    });
    this.compensation.push(num(compensation));
    this.b.endRow();
  }

  get count(): number {
    return this.seen.size;
  }

  finish() {
    return this.b.finish();
  }
}

/**
 * Reads the order lines of located order tables into a batch for `stage_order_lines`. Each line gets its
 * line key (order id, product, variation, SKU, and the occurrence index inside the order in this file).
 */
export function readOrderLines(tables: readonly LocatedTable[], ctx: ReadContext, spec = ORDERS): KindOutput {
  const b = new BatchBuilder();
  const derived = {
    line_key: b.text('line_key'),
    status_text: b.text('status_text'),
    status_class: b.text('status_class'),
    is_final: b.bool('is_final'),
  };
  // Every stored field of the spec, as text or as a number column (times as naive ms, money in minor units).
  const stored = storedFields(spec);
  const texts = new Map(stored.filter((f) => f.type === 'text').map((f) => [f.id, b.text(f.id)]));
  const nums = new Map(stored.filter((f) => f.type !== 'text').map((f) => [f.id, b.num(f.id)]));
  const lastText = (id: string) => texts.get(id)?.last() ?? null;
  const lastNum = (id: string) => {
    const col = nums.get(id);
    const v = col ? col[col.length - 1] : Number.NaN;
    return Number.isNaN(v) ? null : v;
  };

  const occurrences = new Map<string, number>();
  // The status each order was first seen with in this file, and where: one order has one status.
  const orderStatus = new Map<string, { status: string; row: number }>();
  // No order is created after the period in the file name, nor after today (a day of slack for time zones).
  const period = periodFromFileName(ctx.fileName);
  const periodEnd = period ? period[1] + DAY_MS : Number.POSITIVE_INFINITY;
  const latestCreated = Math.min(periodEnd, Date.now() + 2 * DAY_MS);
  const emptyBuyerOrders = new Set<string>();
  const unknownStatus = new Map<string, number>();
  const unknownColumns = new Set<string>();
  // The snapshot is the latest of all four timestamp columns; the period is that of creation.
  const snapshot = new DateSpan();
  const created = new DateSpan();
  let blank = 0;
  let summary = 0;
  let rowsRead = 0;
  let claims: ClaimFacts | null = null;

  for (const table of tables) {
    for (const u of table.unknownColumns) unknownColumns.add(u);
    const r = new TableReader(table, ctx);
    const hasClaims = table.columns.has('claim_status') || table.columns.has('failed_status');
    if (hasClaims) claims ??= new ClaimFacts();
    const claimGet = {
      failed: r.rowGetter('failed_status', 'text'),
      claim: r.rowGetter('claim_status', 'text'),
      times: CLAIM_TIMES.map((f) => r.rowGetter(f, 'datetime')),
      compensation: r.rowGetter('compensation', 'money'),
    };
    const status = r.rowGetter('status', 'text', true);
    const textCopy = stored.flatMap((f) => {
      const col = texts.get(f.id);
      return col ? [r.textCopier(f.id, col, f.notEmpty)] : [];
    });
    const numGet = stored
      .filter((f) => f.type !== 'text')
      .map(
        (f) =>
          [nums.get(f.id) ?? [], r.rowGetter(f.id, f.type as Exclude<FieldType, 'text'>, f.notEmpty), f.type] as const,
      );

    const skipped = r.forEachDataView('order_id', (row, i) => {
      rowsRead++;
      for (const copy of textCopy) copy(row, i);
      for (const [col, get, type] of numGet) {
        const v = get(row, i);
        col.push(num(v));
        // The snapshot is the latest of the timestamps a line carries.
        if (type === 'datetime' && v !== null) snapshot.add(v);
      }
      const orderId = lastText('order_id') as string;
      const productName = lastText('product_name') as string;
      const statusText = status(row, i) as string;
      const qty = lastNum('qty') as number;
      if (qty < 0) r.refuse('qty', row, i, 'not_negative');
      const seen = orderStatus.get(orderId);
      if (!seen) orderStatus.set(orderId, { status: statusText, row: r.rowNumber(i) });
      else if (seen.status !== statusText) {
        throw new ImportError('conflicting_status', {
          file: ctx.fileName,
          sheet: table.sheet.name,
          order: orderId,
          rows: `${seen.row} (${seen.status}), ${r.rowNumber(i)} (${statusText})`,
        });
      }
      const cls: StatusClass = statusClass(statusText);
      if (cls === 'unknown') unknownStatus.set(statusText, (unknownStatus.get(statusText) ?? 0) + 1);

      // A file without a subtotal column gives it as deal price × quantity.
      const dealPrice = lastNum('deal_price');
      const subtotals = nums.get('subtotal');
      if (subtotals && lastNum('subtotal') === null && dealPrice !== null)
        subtotals[subtotals.length - 1] = dealPrice * qty;
      const returned = lastNum('returned_qty');
      if (returned !== null && returned < 0) r.refuse('returned_qty', row, i, 'not_negative');

      const base =
        orderId + SEP + productName + SEP + (lastText('variation') ?? '') + SEP + (lastText('sku_ref') ?? '');
      const occ = occurrences.get(base) ?? 0;
      occurrences.set(base, occ + 1);

      const createdAt = lastNum('created_at') as number;
      if (createdAt >= latestCreated)
        r.refuse('created_at', row, i, period && periodEnd <= latestCreated ? 'date_in_period' : 'date_not_future');
      created.add(createdAt);
      if (!lastText('buyer') && cls !== 'unknown') emptyBuyerOrders.add(orderId);

      derived.line_key.push(base + SEP + occ);
      derived.status_text.push(statusText);
      derived.status_class.push(cls);
      derived.is_final.push(FINAL_CLASSES.has(cls));
      b.endRow();
      if (hasClaims)
        claims?.add(
          orderId,
          claimGet.failed(row, i),
          claimGet.claim(row, i),
          claimGet.times.map((g) => g(row, i)),
          claimGet.compensation(row, i),
        );
    });
    blank += skipped.blank;
    summary += skipped.summary;
  }

  const notes: Note[] = [];
  if (emptyBuyerOrders.size)
    notes.push({ code: 'empty_buyer', level: 'info', params: { count: emptyBuyerOrders.size } });
  if (unknownStatus.size) {
    notes.push({
      code: 'unknown_status',
      level: 'warning',
      params: {
        texts: [...unknownStatus.keys()].join('; '),
        count: [...unknownStatus.values()].reduce((a, c) => a + c, 0),
      },
    });
  }
  if (unknownColumns.size)
    notes.push({ code: 'unknown_columns', level: 'info', params: { columns: [...unknownColumns].join(', ') } });
  if (blank || summary) notes.push({ code: 'skipped_rows', level: 'info', params: { blank, summary } });
  if (claims) notes.push({ code: 'claim_facts', level: 'info', params: { count: claims.count } });

  return {
    target: 'order_lines',
    staged: b.finish(),
    rowsRead,
    notes,
    snapshotAt: snapshot.last,
    dateRange: created.range,
    coversAll: !spec.partialFiles?.test(ctx.fileName),
    ...(claims ? { extra: [{ target: 'claims' as const, staged: claims.finish() }] } : {}),
  };
}

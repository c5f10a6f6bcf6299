import type { SqlConnection } from '../db/connection';
import { type Currency, currency } from '../kernel/currency';
import { type DateRange, dayOfMs, type IsoDay, isoDay, type RangeRequest } from '../kernel/days';
import { sqlString } from '../db/connection';
import type { CalendarOverrides } from '../calendar/events';
import type { DatasetInfo } from './api';
import type { QueryOp } from './ops';
import { applyScope, type ShopScope } from '../db/scope';
import { listShops, type Shop } from '../db/shops';

const todayIso = () => dayOfMs(Date.now());

/** How many page results are kept (a seller moving through ranges and pages returns to recent ones). */
const QUERY_CACHE_SIZE = 64;

/** Which shops an engine reads: every shop of the workspace, or some by id (METRICS.md, "Shops"). */
export type ShopSelection = 'all' | readonly number[];

/** A selection as text: `all`, or its ids ascending. */
export const selectionKey = (selection: ShopSelection) =>
  selection === 'all' ? 'all' : [...new Set(selection)].sort((a, b) => a - b).join(',');

/** The temporary tables the models keep for the shops they were computed for (metrics/customers.ts). */
const MODEL_TABLES = ['buyer_stats', 'seg_rfm', 'seg_kmeans', 'rec_next', 'rec_again', 'rec_pairs'];
/** The cached results that those tables back. */
const MODEL_TABLE_KEYS = ['|segments:', '|recs'];

/** What every selection's core shares: the connection, the queue, the caches and the scope now applied. */
class Shared {
  queue: Promise<unknown> = Promise.resolve();
  /** datasetInfo() of the current data, per selection; dropped by every write. */
  info = new Map<string, DatasetInfo>();
  /** Results kept for one dataset version, by selection, operation and parameters. */
  cache = new Map<string, Promise<unknown>>();
  /** Page operations' results, by selection, operation and arguments, oldest use first. */
  queries = new Map<string, Promise<unknown>>();
  cacheVersion = -1;
  shops: Shop[] | null = null;
  /** The selection the models' temporary tables were made for. */
  modelScope: string | null = null;
  constructor(readonly db: SqlConnection) {}
}

/**
 * What the engine's parts share: one SQL connection, the queue that runs their work one task at a time (so
 * an import and a query never interleave inside a transaction), the dataset facts and the cache of results
 * kept for one dataset version. Each core reads one selection of shops: before each task it runs, the
 * tables' names show those shops' rows (db/scope.ts); a core for writes sees the tables themselves.
 */
export class EngineCore {
  private readonly shared: Shared;

  constructor(
    db: SqlConnection | Shared,
    readonly selection: ShopSelection = 'all',
    /** Whether tasks see the tables themselves, every shop's rows (the importer and the backups). */
    private readonly writes = false,
  ) {
    this.shared = db instanceof Shared ? db : new Shared(db);
  }

  get db(): SqlConnection {
    return this.shared.db;
  }

  /** The core of another selection, sharing this one's queue and caches. */
  forShops(selection: ShopSelection, writes = this.writes): EngineCore {
    return new EngineCore(this.shared, selection, writes);
  }

  private get key(): string {
    return selectionKey(this.selection);
  }

  /** The workspace's shops, read once per change. Call it inside the queue. */
  async shops(): Promise<Shop[]> {
    this.shared.shops ??= await listShops(this.db);
    return this.shared.shops;
  }

  /** The selection's shops as ids, checked: an unknown id is an error, not an empty page. */
  async selectedShops(): Promise<ShopScope> {
    const shops = (await this.shops()).map((s) => s.id);
    if (this.selection === 'all') return { shops, all: true };
    const picked = [...new Set(this.selection)].sort((a, b) => a - b);
    const unknown = picked.filter((id) => !shops.includes(id));
    if (unknown.length) throw new Error(`no shop ${unknown.join(', ')} in this workspace`);
    return { shops: picked, all: picked.length === shops.length };
  }

  /** Makes the tables' names show what this core reads. Call it inside the queue. */
  private async useScope(): Promise<void> {
    const scope = this.writes ? null : await this.selectedShops();
    await applyScope(this.db, scope);
    if (!scope || this.shared.modelScope === this.key) return;
    // The models' tables were another selection's: they are made again when asked for.
    for (const t of MODEL_TABLES) await this.db.exec(`DROP TABLE IF EXISTS temp.main.${t}`);
    for (const k of [...this.shared.cache.keys()])
      if (MODEL_TABLE_KEYS.some((m) => k.includes(m))) this.shared.cache.delete(k);
    this.shared.modelScope = this.key;
  }

  /**
   * Runs `read` over the rows of other shops, inside this core's task; this core's shops are shown again
   * after. Call it inside the queue.
   */
  async readShops<T>(selection: ShopSelection, read: () => Promise<T>): Promise<T> {
    await this.forShops(selection, false).useScope();
    try {
      return await read();
    } finally {
      await this.useScope();
    }
  }

  /** The dataset's facts as this core's selection reads them, from a core for writes too. Call it inside the queue. */
  async readInfo(): Promise<DatasetInfo> {
    const reader = this.writes ? this.forShops(this.selection, false) : this;
    await reader.useScope();
    return reader.info();
  }

  /** Forgets the dataset facts and the shops (after a write). */
  dropInfo(): void {
    this.shared.info.clear();
    this.shared.shops = null;
  }

  /** Forgets every kept result (the calendar changed, or a backup was restored). */
  dropCaches(): void {
    this.shared.cache.clear();
    this.shared.queries.clear();
  }

  /** A result kept with the current version's others, without checking the version: call it inside the queue. */
  memo<R>(key: string, compute: () => Promise<R>): Promise<R> {
    const full = `${this.key}|${key}`;
    let hit = this.shared.cache.get(full) as Promise<R> | undefined;
    if (!hit) {
      hit = compute();
      this.shared.cache.set(full, hit);
      hit.catch(() => this.shared.cache.delete(full));
    }
    return hit;
  }

  /** Runs `task` after every task queued before it, whatever their outcome, seeing this core's shops. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = async () => {
      await this.useScope();
      return task();
    };
    const next = this.shared.queue.then(run, run);
    this.shared.queue = next.catch(() => undefined);
    return next;
  }

  /** The dataset's facts (counts, first and last days, version, currency), read once per write. */
  async info(): Promise<DatasetInfo> {
    const kept = this.shared.info.get(this.key);
    if (kept) return kept;
    const [r] = await this.db.query<{
      imports: number;
      lines: number;
      orders: number;
      first_order: IsoDay | null;
      last_order: IsoDay | null;
      income_orders: number;
      first_release: IsoDay | null;
      last_release: IsoDay | null;
    }>(`SELECT
      (SELECT count(*) FROM imports) AS imports,
      (SELECT count(*) FROM order_lines) AS lines,
      (SELECT count(*) FROM orders) AS orders,
      (SELECT strftime(min(created_date), '%Y-%m-%d') FROM orders) AS first_order,
      (SELECT strftime(max(created_date), '%Y-%m-%d') FROM orders) AS last_order,
      (SELECT count(*) FROM income) AS income_orders,
      (SELECT strftime(min(released_at), '%Y-%m-%d') FROM income) AS first_release,
      (SELECT strftime(max(released_at), '%Y-%m-%d') FROM income) AS last_release`);
    const info: DatasetInfo = {
      version: Number((await this.meta('dataset_version')) ?? 0),
      currency: await this.currency(),
      imports: r.imports,
      orderLines: r.lines,
      orders: r.orders,
      firstOrderDate: r.first_order,
      lastOrderDate: r.last_order,
      incomeOrders: r.income_orders,
      firstReleaseDate: r.first_release,
      lastReleaseDate: r.last_release,
      shops: await this.shops(),
      selectedShops: this.writes ? [] : [...(await this.selectedShops()).shops],
    };
    this.shared.info.set(this.key, info);
    return info;
  }

  /** The dataset's currency, as the first import stored it; null before any. */
  async currency(): Promise<Currency | null> {
    const code = await this.meta('currency');
    return code ? currency(code) : null;
  }

  async meta(key: string): Promise<string | null> {
    const rows = await this.db.query<{ value: string | null }>(`SELECT value FROM meta WHERE key = ${sqlString(key)}`);
    return rows.length ? rows[0].value : null;
  }

  async setMeta(key: string, value: string | null): Promise<void> {
    await this.db.exec(`DELETE FROM meta WHERE key = ${sqlString(key)}`);
    await this.db.exec(`INSERT INTO meta VALUES (${sqlString(key)}, ${value === null ? 'NULL' : sqlString(value)})`);
  }

  async bumpVersion(): Promise<number> {
    this.dropInfo();
    const v = Number((await this.meta('dataset_version')) ?? 0) + 1;
    await this.setMeta('dataset_version', String(v));
    return v;
  }

  /** Runs `body` in one transaction; on any error, rolls back and rethrows. */
  async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.db.exec('BEGIN TRANSACTION');
    let result: T;
    try {
      result = await body();
      await this.db.exec('COMMIT');
    } catch (e) {
      await this.db.exec('ROLLBACK');
      throw e;
    }
    return result;
  }

  /** Writes committed changes into the database file, so that nothing is lost if the page goes away. */
  async persist(): Promise<void> {
    await (this.db.checkpoint ? this.db.checkpoint() : this.db.exec('CHECKPOINT'));
  }

  /** Fills a missing bound with the start or end of the imported data (or today when there is none). */
  async resolveRange(range: RangeRequest): Promise<DateRange> {
    const info = await this.info();
    const dataFrom = [info.firstOrderDate, info.firstReleaseDate].filter((d): d is IsoDay => !!d).sort()[0];
    const dataTo = [info.lastOrderDate, info.lastReleaseDate]
      .filter((d): d is IsoDay => !!d)
      .sort()
      .at(-1);
    // The ends asked for are parsed here, where a request enters the engine.
    return {
      from: range.from ? isoDay(range.from) : (dataFrom ?? todayIso()),
      to: range.to ? isoDay(range.to) : (dataTo ?? todayIso()),
    };
  }

  /** The seller's shop-calendar corrections, kept in the database with the data they apply to. */
  async calendarOverrides(): Promise<CalendarOverrides> {
    return JSON.parse((await this.meta('calendar_overrides')) ?? '{}') as CalendarOverrides;
  }

  /** A result kept until the dataset version changes (the models, and the inputs they share). */
  async cached<R>(key: string, compute: () => Promise<R>): Promise<R> {
    await this.serial(() => this.keepVersion());
    return this.memo(key, compute);
  }

  /** Forgets every kept result when the data changed since they were computed. */
  private async keepVersion(): Promise<void> {
    const { version } = await this.info();
    if (version === this.shared.cacheVersion) return;
    this.dropCaches();
    this.shared.cacheVersion = version;
  }

  /**
   * A page operation's result, run in the queue and kept by (operation, arguments) for the current dataset
   * version; the most recent QUERY_CACHE_SIZE are kept. Each caller gets its own copy, so one that sorts
   * or edits a result cannot change what the next one reads.
   */
  query<R>(op: QueryOp, args: readonly unknown[], compute: () => Promise<R>): Promise<R> {
    return this.serial(async () => {
      await this.keepVersion();
      const key = `${this.key}|${op}:${JSON.stringify(args)}`;
      const queries = this.shared.queries;
      let hit = queries.get(key) as Promise<R> | undefined;
      if (hit) queries.delete(key);
      else {
        hit = compute();
        hit.catch(() => queries.delete(key));
      }
      queries.set(key, hit);
      if (queries.size > QUERY_CACHE_SIZE) queries.delete(queries.keys().next().value as string);
      return structuredClone(await hit);
    });
  }
}

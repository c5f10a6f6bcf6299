import type { SqlConnection } from '../db/connection';
import { type Currency, currency } from '../kernel/currency';
import { type DateRange, dayOfMs, type IsoDay, isoDay, type RangeRequest } from '../kernel/days';
import { sqlString } from '../db/connection';
import type { CalendarOverrides } from '../calendar/events';
import type { DatasetInfo } from './api';
import type { QueryOp } from './ops';

const todayIso = () => dayOfMs(Date.now());

/** How many page results are kept (a seller moving through ranges and pages returns to recent ones). */
const QUERY_CACHE_SIZE = 64;

/**
 * What the engine's parts share: one SQL connection, the queue that runs their work one task at a time (so
 * an import and a query never interleave inside a transaction), the dataset facts and the cache of results
 * kept for one dataset version.
 */
export class EngineCore {
  private queue: Promise<unknown> = Promise.resolve();
  /** datasetInfo() of the current data; dropped by every write. */
  private cachedInfo: DatasetInfo | null = null;
  /** Results kept for one dataset version, by operation and parameters. */
  private cache = new Map<string, Promise<unknown>>();
  /** Page operations' results, by operation and arguments, oldest use first. */
  private queries = new Map<string, Promise<unknown>>();
  private cacheVersion = -1;

  constructor(readonly db: SqlConnection) {}

  /** Forgets the dataset facts (after a write). */
  dropInfo(): void {
    this.cachedInfo = null;
  }

  /** Forgets every kept result (the calendar changed, or a backup was restored). */
  dropCaches(): void {
    this.cache.clear();
    this.queries.clear();
  }

  /** A result kept with the current version's others, without checking the version: call it inside the queue. */
  memo<R>(key: string, compute: () => Promise<R>): Promise<R> {
    let hit = this.cache.get(key) as Promise<R> | undefined;
    if (!hit) {
      hit = compute();
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  /** Runs `task` after every task queued before it, whatever their outcome. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The dataset's facts (counts, first and last days, version, currency), read once per write. */
  async info(): Promise<DatasetInfo> {
    if (this.cachedInfo) return this.cachedInfo;
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
    this.cachedInfo = {
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
    };
    return this.cachedInfo;
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
    this.cachedInfo = null;
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
    if (version === this.cacheVersion) return;
    this.cache.clear();
    this.queries.clear();
    this.cacheVersion = version;
  }

  /**
   * A page operation's result, run in the queue and kept by (operation, arguments) for the current dataset
   * version; the most recent QUERY_CACHE_SIZE are kept. Each caller gets its own copy, so one that sorts
   * or edits a result cannot change what the next one reads.
   */
  query<R>(op: QueryOp, args: readonly unknown[], compute: () => Promise<R>): Promise<R> {
    return this.serial(async () => {
      await this.keepVersion();
      const key = `${op}:${JSON.stringify(args)}`;
      let hit = this.queries.get(key) as Promise<R> | undefined;
      if (hit) this.queries.delete(key);
      else {
        hit = compute();
        hit.catch(() => this.queries.delete(key));
      }
      this.queries.set(key, hit);
      if (this.queries.size > QUERY_CACHE_SIZE) this.queries.delete(this.queries.keys().next().value as string);
      return structuredClone(await hit);
    });
  }
}

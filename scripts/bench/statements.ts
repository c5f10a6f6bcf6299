/** Wall time of every statement a connection runs: the merge's heaviest statements, for the bench. */
import type { SqlConnection } from '../../src/db/connection';

export interface StatementTimes {
  /** The `n` statements (by their first words, summed over repeats) that took longest. */
  top(n: number): { sql: string; ms: number; runs: number }[];
}

/** Wraps `db`'s exec, query and insertArrow in place, timing each call from now on. */
export function timeStatements(db: SqlConnection): StatementTimes {
  const times = new Map<string, { ms: number; runs: number }>();
  const timed =
    <A extends unknown[], R>(label: (a: A) => string, f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t = performance.now();
      try {
        return await f(...a);
      } finally {
        const key = label(a).replace(/\s+/g, ' ').slice(0, 110);
        const s = times.get(key) ?? { ms: 0, runs: 0 };
        s.ms += performance.now() - t;
        s.runs++;
        times.set(key, s);
      }
    };
  db.exec = timed(([sql]) => sql, db.exec.bind(db));
  db.query = timed(([sql]) => sql, db.query.bind(db)) as SqlConnection['query'];
  db.insertArrow = timed(([table]) => `insert Arrow into ${table}`, db.insertArrow.bind(db));
  return {
    top: (n) =>
      [...times]
        .map(([sql, s]) => ({ sql, ...s }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, n),
  };
}

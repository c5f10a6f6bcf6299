/**
 * The units of the app's figures: a metric's unit (METRICS.md) is one of `Unit`; a cell of a table or a
 * report may also be a plain decimal, text or a date. One vocabulary for the pages, the reports, Excel and CSV.
 */
export type Unit = 'money' | 'count' | 'ratio' | 'duration';
export type Fmt = Unit | 'decimal' | 'text' | 'date';

/**
 * A figure of a unit: a number that carries its unit in its type, so that only figures of the same unit
 * combine (see `sum`). Money is in minor units (`Minor`).
 */
export type Quantity<U extends Unit> = number & { readonly __unit: U };
export type Minor = Quantity<'money'>;
export type Count = Quantity<'count'>;
export type Ratio = Quantity<'ratio'>;

/** The units whose figures add up (over days, groups, shops). A ratio does not: recompute it from its parts. */
export type Additive = Exclude<Unit, 'ratio'>;

/** True for a union of several units (money and counts mixed), false for one unit. */
type Mixed<U, All = U> = U extends unknown ? ([All] extends [U] ? false : true) : never;

/** The total of figures of one additive unit: money with money, counts with counts, never the two mixed. */
export function sum<U extends Additive>(
  figures: readonly Quantity<U>[] & (true extends Mixed<U> ? never : unknown),
): Quantity<U> {
  let total = 0;
  for (const f of figures) total += f;
  return total as Quantity<U>;
}

/** A figure read where it enters (a SQL result, a file), declared in its unit. */
export const quantity = <U extends Unit>(value: number, _unit: U): Quantity<U> => value as Quantity<U>;

/** The floor of issue 21: DuckDB's own CSV reader on the bench file, as SQL for Node and for the tab. */

/** DuckDB's own reader on the bench CSV: its 50 columns as text. */
export function floorSource(file: string): string {
  const cols = Array.from({ length: 50 }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv('${file}', header = true, columns = {${cols}}, null_padding = true, strict_mode = false)`;
}

/** The floor: the 25 columns the app keeps, loaded as text into a table. */
export const floorSql = (file: string): string =>
  `CREATE TABLE raw AS SELECT ${Array.from({ length: 25 }, (_, i) => `c${i * 2}`).join(', ')} FROM ${floorSource(file)}`;

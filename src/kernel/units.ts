/**
 * The units of the app's figures: a metric's unit (METRICS.md) is one of `Unit`; a cell of a table or a
 * report may also be a plain decimal, text or a date. One vocabulary for the pages, the reports, Excel and CSV.
 */
export type Unit = 'money' | 'count' | 'ratio' | 'duration';
export type Fmt = Unit | 'decimal' | 'text' | 'date';

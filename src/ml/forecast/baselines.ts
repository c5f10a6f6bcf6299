/**
 * The baselines every forecast is measured against, written by us: seasonal naive (the same weekday of the
 * last week) and ETS (ets.ts).
 */
import { seasonalNaive } from './forecast';

export { seasonalNaive };

export { etsForecast } from './ets';

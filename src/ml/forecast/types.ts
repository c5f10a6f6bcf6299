import type { CalendarOverrides } from '../../calendar/events';
import type { IsoDay } from '../../kernel/days';
import type { Priors } from './fit';

/** The forecaster's options and result (forecast.ts), apart so that robust.ts can name them. */

export type ForecastMethod =
  | 'model'
  | 'model_after_shift'
  | 'ets'
  | 'seasonal_naive'
  | 'intermittent'
  | 'zero'
  | 'constant';

export interface ForecastOptions {
  /** ISO date of the first value. */
  start: string;
  horizon: number;
  /** Yearly seasonality: on with two years of history unless forced. */
  yearly?: boolean;
  weekly?: boolean;
  /** Calendar regressors (double dates, payday, Ramadan, Lebaran, holidays). Default on. */
  calendar?: boolean;
  overrides?: CalendarOverrides;
  changepoints?: number;
  changepointRange?: number;
  priors?: Partial<Priors>;
  /** Daily damping of the trend's last slope in the future (1 = Prophet's straight extrapolation); by default each series' backtests choose it. */
  trendDamping?: number;
  /** Calibrate the intervals on rolling-origin errors (default on). */
  calibrate?: boolean;
  /** Progress of a batch, for the UI. */
  onProgress?: (done: number, total: number) => void;
  /** Stops a long batch between steps. */
  signal?: AbortSignal;
  /** Re-choose the method of a series whose level shifted (robust.ts). Default on. */
  breaks?: boolean;
}

export interface Forecast {
  method: ForecastMethod;
  transform: 'log1p' | 'none';
  /** The future days, `horizon` of them. */
  dates: IsoDay[];
  yhat: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
  /** Whether the intervals come from the series' own backtest errors (else from the model alone). */
  calibrated: boolean;
  /** In-sample fit and components over history + future, in the model's scale (null for guards). */
  components: { trend: number[]; weekly: number[]; yearly: number[]; events: number[] } | null;
  /** The first day of the last level shift found in the history, when there is one. */
  levelShift?: IsoDay;
}

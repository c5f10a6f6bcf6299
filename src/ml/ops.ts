import type { MlBackend } from './predictions';

/* A module of names only: the db worker imports it without pulling the models into its bundle. */

/** Every operation of the ML backend, by name: the db worker forwards exactly these. */
export const ML_OPS = [
  'warm',
  'forecastSeries',
  'modelPerformance',
  'anomalies',
  'predictChurn',
  'forecastDemand',
  'cancelDemand',
  'segmentBuyers',
  'optimizeMarketing',
  'recommend',
] as const satisfies readonly (keyof MlBackend)[];

/** A compile error when an operation of MlBackend is missing from ML_OPS. */
export const ML_OPS_COMPLETE: Exclude<keyof MlBackend, (typeof ML_OPS)[number]> extends never ? true : never = true;

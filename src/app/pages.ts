/** Every page of the app, in navigation order; each is served at `/<id>`. */
export const PAGES = [
  'overview',
  'traffic',
  'sales',
  'campaigns',
  'service',
  'products',
  'predictions',
  'insights',
  'reports',
  'alerts',
  'data',
  'settings',
] as const;
export type PageId = (typeof PAGES)[number];

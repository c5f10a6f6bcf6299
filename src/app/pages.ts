/** Every page of the app, in navigation order; each is served at `/<id>`. */
export const PAGES = [
  'overview',
  'traffic',
  'sales',
  'cash',
  'campaigns',
  'service',
  'products',
  'predictions',
  'insights',
  'shops',
  'reports',
  'alerts',
  'data',
  'settings',
] as const;
export type PageId = (typeof PAGES)[number];

/** Rows a long table shows at first, and adds with "show more"; its downloads always hold every row. */
export const TABLE_PAGE_SIZE = 25;

import { normalizeLabel } from './values';

/** Status classes of METRICS.md. `unknown` marks a text no rule matches: it is reported, never guessed. */
export type StatusClass = 'unpaid' | 'to_ship' | 'shipping' | 'completed' | 'cancelled' | 'unknown';

/** Exact status texts (normalised) per class, Indonesian and English. */
const EXACT: Record<string, StatusClass> = {
  'belum bayar': 'unpaid',
  unpaid: 'unpaid',
  'perlu dikirim': 'to_ship',
  'to ship': 'to_ship',
  'sedang dikirim': 'shipping',
  'telah dikirim': 'shipping',
  shipping: 'shipping',
  shipped: 'shipping',
  selesai: 'completed',
  completed: 'completed',
  batal: 'cancelled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/** Texts that start with these prefixes (normalised) belong to the class. */
const PREFIXES: readonly [string, StatusClass][] = [['pesanan diterima', 'completed']];

/** Final statuses win over non-final ones when the same line appears in two exports. */
export const FINAL_CLASSES: ReadonlySet<StatusClass> = new Set(['completed', 'cancelled']);

/**
 * Maps a status text to its class, ignoring case and surrounding or repeated spaces.
 * @example statusClass('Pesanan diterima, namun Pembeli masih dapat ...') // 'completed'
 */
export function statusClass(text: string): StatusClass {
  const t = normalizeLabel(text);
  const exact = EXACT[t];
  if (exact) return exact;
  for (const [prefix, cls] of PREFIXES) if (t.startsWith(prefix)) return cls;
  return 'unknown';
}

import type { SqlConnection } from './connection';
import { sqlString } from './connection';
import { SELLER_FILE_NAME } from '../ingest/seller';

/**
 * The shops of a workspace (METRICS.md, "Shops"). Every stored row carries its shop id; a shop is a row of
 * `shops`. The buyer rollups hold the buyer counts over all shops as shop ALL_SHOPS (no shop has that id).
 */
export const ALL_SHOPS = 0;

export interface Shop {
  id: number;
  name: string;
  /** The seller username the shop's files carry (`Username (Penjual)`, or a file name's first part). */
  seller: string | null;
}

/** The seller username at the start of `imports.file_name` ('' where there is none): ingest/seller.ts. */
export const SELLER_OF_FILE_NAME = `lower(regexp_extract(file_name, '${SELLER_FILE_NAME}', 1, 'i'))`;

export async function listShops(db: SqlConnection): Promise<Shop[]> {
  return db.query<Shop>('SELECT id, name, seller FROM shops ORDER BY id');
}

/** Creates a shop (its name trimmed; a blank name is refused) and returns it. */
export async function createShop(db: SqlConnection, name: string, seller: string | null = null): Promise<Shop> {
  const clean = name.trim();
  if (!clean) throw new Error('a shop needs a name');
  const [{ id }] = await db.query<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM shops');
  await db.exec(`INSERT INTO shops VALUES (${id}, ${sqlString(clean)}, ${seller === null ? 'NULL' : sqlString(seller)},
    false, now()::TIMESTAMP)`);
  return { id, name: clean, seller };
}

export async function renameShop(db: SqlConnection, id: number, name: string): Promise<void> {
  const clean = name.trim();
  if (!clean) throw new Error('a shop needs a name');
  await db.exec(`UPDATE shops SET name = ${sqlString(clean)}, auto_name = false WHERE id = ${Number(id)}`);
}

/**
 * Records the seller username a shop's file carries, the first time one does; a shop still under the name
 * the app gave it ("Toko 1") takes the username as its name.
 */
export async function noteSeller(db: SqlConnection, id: number, seller: string): Promise<void> {
  await db.exec(`UPDATE shops SET seller = ${sqlString(seller)},
      name = CASE WHEN auto_name THEN ${sqlString(seller)} ELSE name END, auto_name = false
    WHERE id = ${Number(id)} AND seller IS NULL`);
}

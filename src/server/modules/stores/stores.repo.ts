import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/types.ts';

const COLUMNS = [
  'id',
  'name',
  'address_line1',
  'address_line2',
  'city',
  'postcode',
  'country',
  'latitude',
  'longitude',
  'time_zone',
  'gesture_budget',
] as const;

export type StoreRow = Selectable<Pick<DB['stores'], (typeof COLUMNS)[number]>>;

export interface StoreValues {
  name?: string;
  address_line1?: string | null;
  address_line2?: string | null;
  city?: string | null;
  postcode?: string | null;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  time_zone?: string;
  gesture_budget?: number;
}

export async function listStores(db: Kysely<DB>, retailerId: string, ids?: string[]): Promise<StoreRow[]> {
  let q = db.selectFrom('stores').select(COLUMNS).where('retailer_id', '=', retailerId);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.orderBy('name').execute();
}

export async function findStore(db: Kysely<DB>, retailerId: string, id: string): Promise<StoreRow | undefined> {
  return db.selectFrom('stores').select(COLUMNS).where('retailer_id', '=', retailerId).where('id', '=', id).executeTakeFirst();
}

export async function insertStore(
  db: Kysely<DB>,
  retailerId: string,
  id: string,
  values: StoreValues & { name: string; time_zone: string },
) {
  await db
    .insertInto('stores')
    .values({ retailer_id: retailerId, id, ...values })
    .execute();
}

export async function updateStore(db: Kysely<DB>, retailerId: string, id: string, values: StoreValues) {
  await db
    .updateTable('stores')
    .set({ ...values, updated_at: new Date() })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .execute();
}

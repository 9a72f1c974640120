import { type Kysely, sql } from 'kysely';
import type { DB, Role } from '../../db/types.ts';

export interface StaffRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  active: boolean;
  has_pin: boolean;
  deactivated_at: Date | null;
  created_at: Date;
  version: number;
  store_ids: string[];
}

function staffQuery(db: Kysely<DB>, retailerId: string) {
  return db
    .selectFrom('staff')
    .select([
      'staff.id',
      'staff.name',
      'staff.email',
      'staff.role',
      'staff.title',
      'staff.active',
      sql<boolean>`staff.pin_hash is not null`.as('has_pin'),
      'staff.deactivated_at',
      'staff.created_at',
      'staff.version',
      sql<string[]>`coalesce((select array_agg(ss.store_id order by ss.store_id) from staff_stores ss
        where ss.retailer_id = staff.retailer_id and ss.staff_id = staff.id), '{}')`.as('store_ids'),
    ])
    .where('staff.retailer_id', '=', retailerId);
}

export async function findStaff(db: Kysely<DB>, retailerId: string, id: string): Promise<StaffRow | undefined> {
  return staffQuery(db, retailerId).where('staff.id', '=', id).executeTakeFirst();
}

export async function listStaff(
  db: Kysely<DB>,
  retailerId: string,
  filter: { storeIds?: string[] | undefined; includeInactive: boolean },
): Promise<StaffRow[]> {
  let q = staffQuery(db, retailerId);
  if (!filter.includeInactive) q = q.where('staff.active', '=', true);
  if (filter.storeIds) {
    const storeIds = filter.storeIds;
    if (storeIds.length === 0) return [];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_stores')
          .select(sql`1`.as('one'))
          .whereRef('staff_stores.retailer_id', '=', 'staff.retailer_id')
          .whereRef('staff_stores.staff_id', '=', 'staff.id')
          .where('staff_stores.store_id', 'in', storeIds),
      ),
    );
  }
  return q.orderBy('staff.name').orderBy('staff.id').execute();
}

export async function insertStaff(
  db: Kysely<DB>,
  row: {
    retailer_id: string;
    id: string;
    name: string;
    email: string;
    role: Role;
    title: string | null;
    password_hash: string | null;
    pin_hash?: string | null;
  },
): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export async function replaceStaffStores(db: Kysely<DB>, retailerId: string, staffId: string, storeIds: string[]) {
  await db.deleteFrom('staff_stores').where('retailer_id', '=', retailerId).where('staff_id', '=', staffId).execute();
  if (storeIds.length > 0) {
    await db
      .insertInto('staff_stores')
      .values(storeIds.map((store_id) => ({ retailer_id: retailerId, staff_id: staffId, store_id })))
      .execute();
  }
}

/** Updates a person if `version` is still current; returns false when someone else changed them first. */
export async function updateStaff(
  db: Kysely<DB>,
  retailerId: string,
  id: string,
  version: number,
  changes: { name?: string; email?: string; role?: Role; title?: string | null; active?: boolean; deactivated_at?: Date | null },
): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ ...changes, updated_at: sql`now()`, version: sql`version + 1` })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countStoresOf(db: Kysely<DB>, retailerId: string, storeIds: string[]): Promise<number> {
  if (storeIds.length === 0) return 0;
  const row = await db
    .selectFrom('stores')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('retailer_id', '=', retailerId)
    .where('id', 'in', storeIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

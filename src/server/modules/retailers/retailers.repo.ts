import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/types.ts';

export type RetailerRow = Selectable<DB['retailers']>;

export async function findRetailer(db: Kysely<DB>, retailerId: string): Promise<RetailerRow | undefined> {
  return db.selectFrom('retailers').selectAll().where('id', '=', retailerId).executeTakeFirst();
}

export async function updateRetailer(
  db: Kysely<DB>,
  retailerId: string,
  values: { name?: string; country?: string; currency?: string; locale?: string; phone_region?: string },
) {
  await db
    .updateTable('retailers')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', retailerId)
    .execute();
}

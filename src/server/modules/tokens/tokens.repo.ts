import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/types.ts';

const COLUMNS = ['id', 'name', 'role', 'store_ids', 'all_stores', 'created_at', 'last_used_at', 'revoked_at'] as const;
export type TokenRow = Pick<Selectable<DB['api_tokens']>, (typeof COLUMNS)[number]>;

export async function listTokens(db: Kysely<DB>, retailerId: string): Promise<TokenRow[]> {
  return db.selectFrom('api_tokens').select(COLUMNS).where('retailer_id', '=', retailerId).orderBy('created_at', 'desc').execute();
}

export async function findToken(db: Kysely<DB>, retailerId: string, id: string): Promise<TokenRow | undefined> {
  return db.selectFrom('api_tokens').select(COLUMNS).where('retailer_id', '=', retailerId).where('id', '=', id).executeTakeFirst();
}

import type { Static } from 'typebox';
import type { TokenRow } from './tokens.repo.ts';
import type { TokenSchema } from './tokens.schemas.ts';

/** A token as listed: never its secret. */
export function presentToken(row: TokenRow): Static<typeof TokenSchema> {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    storeIds: row.store_ids,
    allStores: row.all_stores,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

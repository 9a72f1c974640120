import type { Role } from '../../../shared/domain/roles.ts';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { composeCredential, hashSecret, newSecret } from '../auth/secrets.ts';
import { countStoresOf } from '../staff/staff.repo.ts';
import { findToken, listTokens, type TokenRow } from './tokens.repo.ts';

export async function listApiTokens(deps: Deps, actor: Principal) {
  return listTokens(deps.db, actor.retailerId);
}

/** Creates an integration token bound to a role and stores. The secret is returned once and stored hashed. */
export async function createApiToken(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  input: { name: string; role: Role; storeIds?: string[] | undefined; allStores?: boolean | undefined },
): Promise<{ token: string; row: TokenRow }> {
  const storeIds = input.allStores ? [] : (input.storeIds ?? []);
  if (!input.allStores && storeIds.length === 0) throw invalidField('storeIds', 'Choose the stores this token may use, or allStores.');
  if ((await countStoresOf(deps.db, actor.retailerId, storeIds)) !== storeIds.length) {
    throw invalidField('storeIds', 'One of these stores does not exist.');
  }
  const id = newId('token');
  const secret = newSecret();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        retailer_id: actor.retailerId,
        id,
        name: input.name.trim(),
        role: input.role,
        store_ids: storeIds,
        all_stores: input.allStores ?? false,
        secret_hash: hashSecret(secret),
        created_by: audit.actorId ?? 'system',
      })
      .execute();
    await recordAudit(trx, audit, { action: 'token.created', subjectType: 'api_token', subjectId: id, details: { role: input.role } });
  });
  return { token: composeCredential(actor.retailerId, id, secret), row: (await findToken(deps.db, actor.retailerId, id)) as TokenRow };
}

export async function revokeApiToken(deps: Deps, actor: Principal, audit: AuditContext, id: string): Promise<void> {
  const row = await findToken(deps.db, actor.retailerId, id);
  if (!row) throw notFound('Token');
  if (row.revoked_at) return;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: deps.now() })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, audit, { action: 'token.revoked', subjectType: 'api_token', subjectId: id });
  });
}

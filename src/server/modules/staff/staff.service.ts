import type { Role } from '../../../shared/domain/roles.ts';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { endSessionsOfStaff } from '../auth/auth.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { composeCredential, hashPassword, hashSecret, newSecret } from '../auth/secrets.ts';
import { canAssign, canManageStaff, canViewStaff } from './staff.policy.ts';
import { countStoresOf, findStaff, insertStaff, listStaff, replaceStaffStores, type StaffRow, updateStaff } from './staff.repo.ts';

const RESET_HOURS = 48;

function target(row: StaffRow) {
  return { id: row.id, role: row.role, storeIds: row.store_ids };
}

async function visibleStaff(deps: Deps, actor: Principal, id: string): Promise<StaffRow> {
  const row = await findStaff(deps.db, actor.retailerId, id);
  if (!row || !canViewStaff(actor, target(row))) throw notFound('Staff member');
  return row;
}

async function checkStores(deps: Deps, actor: Principal, storeIds: string[], role: Role) {
  if ((await countStoresOf(deps.db, actor.retailerId, storeIds)) !== storeIds.length) {
    throw invalidField('storeIds', 'One of these stores does not exist.');
  }
  if (role !== 'owner' && storeIds.length === 0) throw invalidField('storeIds', 'Choose at least one store this person works in.');
  if (!canAssign(actor, role, storeIds)) throw forbidden('You cannot give this role or these stores.');
}

export async function getStaff(deps: Deps, actor: Principal, id: string) {
  return visibleStaff(deps, actor, id);
}

/** Staff the actor may see, optionally in one store. */
export async function listVisibleStaff(
  deps: Deps,
  actor: Principal,
  q: { storeId?: string | undefined; includeInactive?: boolean | undefined },
) {
  let storeIds: string[] | undefined = actor.allStores ? undefined : actor.storeIds;
  if (q.storeId) storeIds = storeIds ? storeIds.filter((s) => s === q.storeId) : [q.storeId];
  return listStaff(deps.db, actor.retailerId, { storeIds, includeInactive: q.includeInactive ?? false });
}

/** Adds a person to the team. Without a password they sign in first through a reset link. */
export async function createStaff(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  input: {
    name: string;
    email: string;
    role: Role;
    title?: string | null | undefined;
    storeIds: string[];
    password?: string | undefined;
    pin?: string | undefined;
  },
): Promise<StaffRow> {
  await checkStores(deps, actor, input.storeIds, input.role);
  const id = newId('staff');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const pinHash = input.pin ? await hashPassword(input.pin) : null;
  await deps.db.transaction().execute(async (trx) => {
    await insertStaff(trx, {
      retailer_id: actor.retailerId,
      id,
      name: input.name.trim(),
      email: input.email.trim().toLowerCase(),
      role: input.role,
      title: input.title?.trim() || null,
      password_hash: passwordHash,
      pin_hash: pinHash,
    });
    await replaceStaffStores(trx, actor.retailerId, id, input.storeIds);
    await recordAudit(trx, audit, { action: 'staff.created', subjectType: 'staff', subjectId: id, details: { role: input.role } });
  });
  return (await findStaff(deps.db, actor.retailerId, id)) as StaffRow;
}

/** Edits a person; refuses a stale `version` so a concurrent edit is never silently lost. */
export async function editStaff(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  id: string,
  input: {
    version: number;
    name?: string | undefined;
    email?: string | undefined;
    role?: Role | undefined;
    title?: string | null | undefined;
    storeIds?: string[] | undefined;
  },
): Promise<StaffRow> {
  const row = await visibleStaff(deps, actor, id);
  const isSelf = actor.kind === 'staff' && actor.staffId === id;
  const changesAccess = input.role !== undefined || input.storeIds !== undefined;
  if (!canManageStaff(actor, target(row)) && !(isSelf && !changesAccess)) throw forbidden('You cannot change this person.');
  if (changesAccess) {
    if (isSelf && actor.role !== 'owner') throw forbidden('Ask an owner to change your own role or stores.');
    await checkStores(deps, actor, input.storeIds ?? row.store_ids, input.role ?? row.role);
  }
  await deps.db.transaction().execute(async (trx) => {
    const ok = await updateStaff(trx, actor.retailerId, id, input.version, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.email !== undefined ? { email: input.email.trim().toLowerCase() } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.title !== undefined ? { title: input.title?.trim() || null } : {}),
    });
    if (!ok) throw new AppError('stale_version', 'Someone else changed this person since you opened them. Reload and try again.');
    if (input.storeIds) await replaceStaffStores(trx, actor.retailerId, id, input.storeIds);
    await recordAudit(trx, audit, {
      action: 'staff.updated',
      subjectType: 'staff',
      subjectId: id,
      details: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return (await findStaff(deps.db, actor.retailerId, id)) as StaffRow;
}

/** Deactivates or reactivates a person; deactivation ends every session they have at once. */
export async function setStaffActive(deps: Deps, actor: Principal, audit: AuditContext, id: string, active: boolean): Promise<StaffRow> {
  const row = await visibleStaff(deps, actor, id);
  if (!canManageStaff(actor, target(row))) throw forbidden('You cannot change this person.');
  if (!active && actor.kind === 'staff' && actor.staffId === id) throw forbidden('You cannot deactivate yourself.');
  if (row.active === active) return row;
  await deps.db.transaction().execute(async (trx) => {
    const ok = await updateStaff(trx, actor.retailerId, id, row.version, {
      active,
      deactivated_at: active ? null : deps.now(),
    });
    if (!ok) throw new AppError('stale_version', 'Someone else changed this person at the same time. Try again.');
    if (!active) await endSessionsOfStaff(trx, actor.retailerId, id);
    await recordAudit(trx, audit, { action: active ? 'staff.reactivated' : 'staff.deactivated', subjectType: 'staff', subjectId: id });
  });
  return (await findStaff(deps.db, actor.retailerId, id)) as StaffRow;
}

/** A one-time link an owner or manager gives a person to set a new password (valid 48 hours). */
export async function issueResetLink(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  const row = await visibleStaff(deps, actor, id);
  if (!canManageStaff(actor, target(row))) throw forbidden('You cannot reset this person’s password.');
  if (!row.active) throw new AppError('conflict', 'This person is deactivated. Reactivate them first.');
  const resetId = newId('reset');
  const secret = newSecret();
  const expiresAt = new Date(deps.now().getTime() + RESET_HOURS * 3_600_000);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_resets')
      .values({
        retailer_id: actor.retailerId,
        id: resetId,
        staff_id: id,
        secret_hash: hashSecret(secret),
        created_by: audit.actorId ?? 'system',
        expires_at: expiresAt,
      })
      .execute();
    await recordAudit(trx, audit, { action: 'staff.reset_link_issued', subjectType: 'staff', subjectId: id });
  });
  const token = composeCredential(actor.retailerId, resetId, secret);
  return { url: `${deps.config.publicUrl}/reset-password#${token}`, token, expiresAt };
}

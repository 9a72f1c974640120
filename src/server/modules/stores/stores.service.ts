import type { Static } from 'typebox';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { canViewStore } from './stores.policy.ts';
import { findStore, insertStore, listStores, type StoreRow, type StoreValues, updateStore } from './stores.repo.ts';
import type { CreateStoreBody, UpdateStoreBody } from './stores.schemas.ts';

/** True for an IANA zone name the runtime knows (Europe/London), false otherwise. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function toValues(input: Static<typeof UpdateStoreBody>): StoreValues {
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw invalidField('timeZone', `"${input.timeZone}" is not a time zone; use a name like Europe/London.`);
  }
  if ((input.latitude == null) !== (input.longitude == null) && (input.latitude !== undefined || input.longitude !== undefined)) {
    throw invalidField('longitude', 'Give both latitude and longitude, or neither.');
  }
  const a = input.address;
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    ...(input.latitude !== undefined ? { latitude: input.latitude } : {}),
    ...(input.longitude !== undefined ? { longitude: input.longitude } : {}),
    ...(input.gestureBudget !== undefined ? { gesture_budget: input.gestureBudget } : {}),
    ...(a?.line1 !== undefined ? { address_line1: a.line1 } : {}),
    ...(a?.line2 !== undefined ? { address_line2: a.line2 } : {}),
    ...(a?.city !== undefined ? { city: a.city } : {}),
    ...(a?.postcode !== undefined ? { postcode: a.postcode } : {}),
    ...(a?.country !== undefined ? { country: a.country } : {}),
  };
}

export async function listVisibleStores(deps: Deps, actor: Principal): Promise<StoreRow[]> {
  return listStores(deps.db, actor.retailerId, actor.allStores ? undefined : actor.storeIds);
}

export async function getStore(deps: Deps, actor: Principal, id: string): Promise<StoreRow> {
  const row = canViewStore(actor, id) ? await findStore(deps.db, actor.retailerId, id) : undefined;
  if (!row) throw notFound('Store');
  return row;
}

export async function createStore(deps: Deps, actor: Principal, audit: AuditContext, input: Static<typeof CreateStoreBody>) {
  const id = newId('store');
  const values = toValues(input) as StoreValues & { name: string; time_zone: string };
  await deps.db.transaction().execute(async (trx) => {
    await insertStore(trx, actor.retailerId, id, values);
    await recordAudit(trx, audit, { action: 'store.created', subjectType: 'store', subjectId: id, storeId: id });
  });
  return getStore(deps, actor, id);
}

export async function editStore(deps: Deps, actor: Principal, audit: AuditContext, id: string, input: Static<typeof UpdateStoreBody>) {
  await getStore(deps, actor, id);
  const values = toValues(input);
  await deps.db.transaction().execute(async (trx) => {
    await updateStore(trx, actor.retailerId, id, values);
    await recordAudit(trx, audit, { action: 'store.updated', subjectType: 'store', subjectId: id, storeId: id });
  });
  return getStore(deps, actor, id);
}

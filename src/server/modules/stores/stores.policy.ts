import type { Principal } from '../auth/principal.ts';

/** Owners (and all-store tokens) see every store; everyone else the stores they work in. */
export function canViewStore(actor: Principal, storeId: string): boolean {
  return actor.allStores || actor.storeIds.includes(storeId);
}

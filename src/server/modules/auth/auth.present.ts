import type { Static } from 'typebox';
import { PERMISSIONS, type Permission, roleCan } from '../../../shared/domain/roles.ts';
import type { MeSchema } from './auth.schemas.ts';
import type { StaffPrincipal } from './principal.ts';

/** What `GET /api/me` shows of the signed-in person: built from the request's principal, no query. */
export function presentMe(p: StaffPrincipal): Static<typeof MeSchema> {
  return {
    staff: { id: p.staffId, name: p.name, email: p.email, role: p.role, title: p.title, hasPin: p.hasPin },
    retailer: p.retailer,
    stores: p.stores,
    currentStoreId: p.currentStoreId ?? p.stores[0]?.id ?? null,
    device: p.device,
    retailers: p.linked.map((l) => ({ id: l.retailerId, name: l.retailerName })),
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((perm) => roleCan(p.role, perm)),
  };
}

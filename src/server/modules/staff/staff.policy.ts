import { assignableRoles, type Role } from '../../../shared/domain/roles.ts';
import type { Principal } from '../auth/principal.ts';

export interface StaffTarget {
  id: string;
  role: Role;
  storeIds: string[];
}

/** Owners see everyone; managers see people who work in one of their stores; everyone sees themselves. */
export function canViewStaff(actor: Principal, target: StaffTarget): boolean {
  if (actor.kind === 'staff' && actor.staffId === target.id) return true;
  if (actor.role === 'owner') return true;
  if (actor.role === 'manager') return target.storeIds.some((s) => actor.storeIds.includes(s));
  return false;
}

/** Owners manage anyone; managers manage associates and ambassadors whose stores are all theirs. */
export function canManageStaff(actor: Principal, target: StaffTarget): boolean {
  if (actor.role === 'owner') return true;
  if (actor.role !== 'manager') return false;
  return (
    assignableRoles('manager').includes(target.role) &&
    target.storeIds.length > 0 &&
    target.storeIds.every((s) => actor.storeIds.includes(s))
  );
}

/** Whether the actor may give this role and these stores to someone. */
export function canAssign(actor: Principal, role: Role, storeIds: string[]): boolean {
  if (!assignableRoles(actor.role).includes(role)) return false;
  return actor.allStores || storeIds.every((s) => actor.storeIds.includes(s));
}

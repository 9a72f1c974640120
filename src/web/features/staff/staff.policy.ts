import { assignableRoles } from '../../../shared/domain/roles.ts';
import type { Me } from '../auth/auth.api.ts';
import type { StaffMember } from './staff.api.ts';

/** Mirrors the server's canManageStaff so the screen offers only what the API allows. */
export function canManage(me: Me, target: StaffMember): boolean {
  if (me.staff.role === 'owner') return true;
  if (me.staff.role !== 'manager') return false;
  const mine = new Set(me.stores.map((s) => s.id));
  return assignableRoles('manager').includes(target.role) && target.storeIds.length > 0 && target.storeIds.every((s) => mine.has(s));
}

/** Whether the person may change the target's role and stores (nobody but an owner changes their own). */
export function canChangeAccess(me: Me, target: StaffMember): boolean {
  if (target.id === me.staff.id) return me.staff.role === 'owner';
  return canManage(me, target);
}

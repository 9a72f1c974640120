import type { Static } from 'typebox';
import type { StaffRow } from './staff.repo.ts';
import type { StaffSchema } from './staff.schemas.ts';

/** What a colleague may see of a staff member: never hashes. */
export function presentStaff(row: StaffRow): Static<typeof StaffSchema> {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    title: row.title,
    storeIds: row.store_ids,
    active: row.active,
    hasPin: row.has_pin,
    deactivatedAt: row.deactivated_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

import { describe, expect, it } from 'vitest';
import { assignableRoles, PERMISSIONS, ROLES, roleCan } from './roles.ts';

describe('roles table', () => {
  it('follows PRODUCT.md: owners do everything, ambassadors only assist', () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(roleCan('owner', p)).toBe(true);
    expect(roleCan('ambassador', 'selling.assist')).toBe(true);
    expect(roleCan('ambassador', 'customers.view')).toBe(false);
    expect(roleCan('associate', 'margins.view')).toBe(false);
    expect(roleCan('manager', 'margins.view')).toBe(true);
    expect(roleCan('manager', 'catalog.edit')).toBe(false);
    expect(roleCan('associate', 'customers.merge')).toBe(false);
  });

  it('lets owners give any role and managers only associate and ambassador', () => {
    expect(assignableRoles('owner')).toEqual([...ROLES]);
    expect(assignableRoles('manager')).toEqual(['associate', 'ambassador']);
    expect(assignableRoles('associate')).toEqual([]);
  });
});

/**
 * The roles table of PRODUCT.md as data: which role may do what. Server policies and the web
 * navigation both read it, so a screen never offers what the API would refuse.
 */
export const ROLES = ['owner', 'manager', 'associate', 'ambassador'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'customers.view': ['owner', 'manager', 'associate'],
  'customers.edit': ['owner', 'manager', 'associate'],
  'customers.merge': ['owner', 'manager'],
  /** Import customer files and export the whole customer list. */
  'customers.bulk': ['owner', 'manager'],
  'margins.view': ['owner', 'manager'],
  'selling.run': ['owner', 'manager', 'associate'],
  'selling.assist': ['owner', 'manager', 'associate', 'ambassador'],
  /** Write the question sets guided selling asks from. */
  'selling.configure': ['owner'],
  'sales.close': ['owner', 'manager', 'associate'],
  /** Import a till's sales history (which also creates the products and customers it names). */
  'sales.import': ['owner'],
  'stock.move': ['owner', 'manager'],
  'stock.count': ['owner', 'manager', 'associate'],
  'catalog.edit': ['owner'],
  'staff.view': ['owner', 'manager'],
  'staff.manage': ['owner', 'manager'],
  'stores.manage': ['owner'],
  'devices.manage': ['owner', 'manager'],
  'tokens.manage': ['owner'],
  'retailer.manage': ['owner'],
  'audit.view': ['owner'],
  /** A store's figures for coaching: gesture spend against budget, lost demand. */
  'store.reports': ['owner', 'manager'],
  /** What customers said about their visits: everyone sees the answers about visits they served. */
  'feedback.view': ['owner', 'manager', 'associate', 'ambassador'],
  /** Everyone's feedback in one's stores (all stores for owners), not only one's own. */
  'feedback.all': ['owner', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a role carries a permission (before any store scoping). */
export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles a person with `role` may give to staff they manage: managers may not create owners or managers. */
export function assignableRoles(role: Role): Role[] {
  if (role === 'owner') return [...ROLES];
  if (role === 'manager') return ['associate', 'ambassador'];
  return [];
}

export const ROLE_LABEL: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Store manager',
  associate: 'Associate',
  ambassador: 'Ambassador',
};

import { createContext, useContext } from 'react';
import { type Permission, ROLE_LABEL, type Role } from '../../../shared/domain/roles.ts';
import type { Me } from './auth.api.ts';

/** The signed-in person, provided by the signed-in layout to every page inside it. */
export const MeContext = createContext<Me | null>(null);

export function useSignedIn(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useSignedIn is only available inside the signed-in layout.');
  return me;
}

/** Whether the person's role allows a permission (the server checks again). */
export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** "Florist · Associate", or just the role when the title says the same thing. */
export function roleAndTitle(role: Role, title: string | null): string {
  const label = ROLE_LABEL[role];
  return title && title.trim().toLowerCase() !== label.toLowerCase() ? `${title} · ${label}` : label;
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

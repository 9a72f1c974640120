import type { Role } from '../../../shared/domain/roles.ts';
import type { LinkedStaff } from '../../db/types.ts';

export interface StoreRef {
  id: string;
  name: string;
  timeZone: string;
}

export interface RetailerRef {
  id: string;
  name: string;
  slug: string;
  country: string;
  currency: string;
  locale: string;
  phoneRegion: string;
}

/** Who is making a request: a person signed in (possibly on a store device) or an integration token. */
export type Principal = StaffPrincipal | TokenPrincipal | SystemPrincipal;

interface PrincipalBase {
  retailerId: string;
  role: Role;
  /** Stores this principal may act in; owners (and all-store tokens) have every store. */
  storeIds: string[];
  allStores: boolean;
}

export interface StaffPrincipal extends PrincipalBase {
  kind: 'staff';
  staffId: string;
  sessionId: string;
  name: string;
  email: string;
  title: string | null;
  hasPin: boolean;
  retailer: RetailerRef;
  stores: StoreRef[];
  currentStoreId: string | null;
  device: { id: string; name: string; storeId: string } | null;
  linked: LinkedStaff[];
}

export interface TokenPrincipal extends PrincipalBase {
  kind: 'token';
  tokenId: string;
}

/** The operator at the command line (`ones staff add …`): acts as an owner, audited as the system. */
export interface SystemPrincipal extends PrincipalBase {
  kind: 'system';
}

export function systemPrincipal(retailerId: string): SystemPrincipal {
  return { kind: 'system', retailerId, role: 'owner', storeIds: [], allStores: true };
}

/** The id recorded as the actor in the audit log. */
export function actorId(p: Principal): string | null {
  if (p.kind === 'staff') return p.staffId;
  if (p.kind === 'token') return p.tokenId;
  return null;
}

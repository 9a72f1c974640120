import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../shared/domain/roles.ts';
import { api } from '../../api.ts';

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  storeIds: string[];
  active: boolean;
  hasPin: boolean;
  deactivatedAt: string | null;
  createdAt: string;
  version: number;
}

export interface NewStaff {
  name: string;
  email: string;
  role: Role;
  title?: string | null;
  storeIds: string[];
  password?: string;
}

export interface StaffChanges {
  version: number;
  name?: string;
  email?: string;
  role?: Role;
  title?: string | null;
  storeIds?: string[];
}

export const STAFF_KEY = ['staff'] as const;
const path = (id: string) => `/api/staff/${encodeURIComponent(id)}`;

export function useStaff() {
  return useQuery({
    queryKey: STAFF_KEY,
    queryFn: async () => (await api<{ items: StaffMember[] }>('/api/staff?includeInactive=true')).items,
  });
}

export const createStaff = (body: NewStaff) => api<StaffMember>('/api/staff', { method: 'POST', body });
export const getStaff = (id: string) => api<StaffMember>(path(id));
export const updateStaff = (id: string, body: StaffChanges) => api<StaffMember>(path(id), { method: 'PATCH', body });
export const setActive = (id: string, active: boolean) =>
  api<StaffMember>(`${path(id)}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST' });
export const issueResetLink = (id: string) => api<{ url: string; expiresAt: string }>(`${path(id)}/reset-link`, { method: 'POST' });

import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../shared/domain/roles.ts';
import { api } from '../../api.ts';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  storeIds: string[];
  allStores: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  name: string;
  role: Role;
  storeIds?: string[];
  allStores?: boolean;
}

export const TOKENS_KEY = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: TOKENS_KEY, queryFn: async () => (await api<{ items: ApiToken[] }>('/api/tokens')).items });
}

export const createToken = (body: NewToken) => api<{ token: string; item: ApiToken }>('/api/tokens', { method: 'POST', body });
export const revokeToken = (id: string) => api<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

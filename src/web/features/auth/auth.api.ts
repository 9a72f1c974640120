import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { Role } from '../../../shared/domain/roles.ts';
import { ApiError, api } from '../../api.ts';
import { forgetCopies } from '../../kept.ts';

export interface StoreRef {
  id: string;
  name: string;
  timeZone: string;
}

/** `GET /api/me`: the signed-in person, their retailer, stores and what they may do. */
export interface Me {
  staff: { id: string; name: string; email: string; role: Role; title: string | null; hasPin: boolean };
  retailer: { id: string; name: string; slug: string; country: string; currency: string; locale: string; phoneRegion: string };
  stores: StoreRef[];
  currentStoreId: string | null;
  device: { id: string; name: string; storeId: string } | null;
  retailers: { id: string; name: string }[];
  permissions: string[];
}

/** `GET /api/device`: the store device this browser is, and who may switch in on it. */
export interface DeviceInfo {
  device: { id: string; name: string; storeId: string; storeName: string; retailerName: string } | null;
  staff: { id: string; name: string; role: Role; title: string | null; hasPin: boolean }[];
}

export const ME_KEY = ['me'] as const;
export const DEVICE_KEY = ['device'] as const;

/** The signed-in person, or null when nobody is signed in on this browser. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<Me>('/api/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useDevice() {
  return useQuery({ queryKey: DEVICE_KEY, queryFn: () => api<DeviceInfo>('/api/device') });
}

/** After anyone signs in or out, forget everything cached for the previous person. */
export function startSession(client: QueryClient, me: Me | null) {
  client.removeQueries();
  forgetCopies();
  client.setQueryData(ME_KEY, me);
}

export const login = (body: { email: string; password: string }) => api<Me>('/api/auth/login', { method: 'POST', body });
export const pinSignIn = (body: { staffId: string; pin: string }) => api<Me>('/api/auth/pin', { method: 'POST', body });
export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });
export const resetPassword = (body: { token: string; password: string }) => api<void>('/api/auth/reset', { method: 'POST', body });
export const switchStore = (storeId: string) => api<Me>('/api/me/store', { method: 'PUT', body: { storeId } });
export const switchRetailer = (retailerId: string) => api<Me>('/api/me/retailer', { method: 'POST', body: { retailerId } });

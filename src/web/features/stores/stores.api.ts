import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';

export interface Address {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
}

export interface Store {
  id: string;
  name: string;
  address: Address;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  /** What the store may spend on gestures (extra blooms, samples, gift wrap) each calendar month. */
  gestureBudget: number;
}

export interface StoreInput {
  name: string;
  address: Address;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  /** Left out when adding a store, the server's default applies. */
  gestureBudget?: number;
}

export const STORES_KEY = ['stores'] as const;

export function useStores() {
  return useQuery({ queryKey: STORES_KEY, queryFn: async () => (await api<{ items: Store[] }>('/api/stores')).items });
}

export const createStore = (body: StoreInput) => api<Store>('/api/stores', { method: 'POST', body });
export const updateStore = (id: string, body: StoreInput) => api<Store>(`/api/stores/${encodeURIComponent(id)}`, { method: 'PATCH', body });
/** Changes only the store's monthly budget for gestures (owners only). */
export const updateGestureBudget = (id: string, gestureBudget: number) =>
  api<Store>(`/api/stores/${encodeURIComponent(id)}`, { method: 'PATCH', body: { gestureBudget } });

/** One line for an address, skipping what is missing. */
export function formatAddress(a: Address): string {
  return [a.line1, a.line2, a.city, a.postcode, a.country].filter(Boolean).join(', ');
}

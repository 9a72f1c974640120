import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';

export type StockState = 'in-stock' | 'low' | 'out';

/** `GET /api/stores/:id/low-stock`: one variant low or out in the store, with deliveries on their way. */
export interface LowStockItem {
  variantId: string;
  title: string;
  sku: string | null;
  productId: string;
  productTitle: string;
  onHand: number;
  /** On hand less what is held for customers. */
  available: number;
  /** Low at this many available or fewer. */
  threshold: number;
  state: StockState;
  incoming: { quantity: number; expectedAt: string }[];
}

export const STOCK_KEY = ['stock'] as const;
export const lowStockKey = (storeId: string) => [...STOCK_KEY, 'low', storeId] as const;

/** What is low or out in a store, scarcest first (the server's order). */
export function useLowStock(storeId: string | null) {
  return useQuery({
    queryKey: lowStockKey(storeId ?? ''),
    queryFn: async ({ signal }) =>
      (await api<{ items: LowStockItem[] }>(`/api/stores/${encodeURIComponent(storeId ?? '')}/low-stock`, { signal })).items,
    enabled: Boolean(storeId),
  });
}

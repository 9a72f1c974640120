import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';

/** `GET /api/sales`: one sale or return in the list, newest first. */
export interface SaleSummary {
  id: string;
  kind: 'sale' | 'return';
  soldAt: string;
  total: number;
  currency: string;
  store: { id: string; name: string };
  staffName: string | null;
  customer: { id: string; name: string } | null;
  /** Lines on the document, not units. */
  lines: number;
}

export interface SaleLine {
  lineNo: number;
  variantId: string | null;
  productId: string | null;
  description: string;
  sku: string | null;
  /** Negative on a return: units given back. */
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  backordered: number;
  /** On a return: the line of the original sale this gives back. */
  returnsLine: number | null;
  /** Units of this line given back so far, across every return of the sale. */
  returned: number;
}

/** `GET /api/sales/:id`: a sale or a return with its lines. */
export interface Sale {
  id: string;
  kind: 'sale' | 'return';
  store: { id: string; name: string };
  staff: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
  visitId: string | null;
  externalId: string | null;
  originalSaleId: string | null;
  soldAt: string;
  currency: string;
  total: number;
  discountTotal: number;
  note: string | null;
  lines: SaleLine[];
  returns: { id: string; soldAt: string; total: number }[];
}

export interface ReturnInput {
  externalId: string;
  lines: { lineNo: number; quantity: number; restock: boolean }[];
  /** What the customer takes instead, sold in the same document at the catalog price. */
  exchange?: { variantId: string; quantity: number }[];
}

export const SALES_KEY = ['sales'] as const;
export const salesListKey = (storeId: string | null) => [...SALES_KEY, 'list', storeId ?? 'all'] as const;
export const saleKey = (id: string) => [...SALES_KEY, 'one', id] as const;
const PAGE = 30;

/** Sales and returns in the person's stores (or one of them), newest first, a page at a time. */
export function useSales(storeId: string | null) {
  return useInfiniteQuery({
    queryKey: salesListKey(storeId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (storeId) params.set('storeId', storeId);
      if (pageParam) params.set('cursor', pageParam);
      return api<{ items: SaleSummary[]; nextCursor: string | null }>(`/api/sales?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSale(id: string) {
  return useQuery({
    queryKey: saleKey(id),
    queryFn: ({ signal }) => api<Sale>(`/api/sales/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Records a return of a sale; posting the same `externalId` again answers with the return already made. */
export const recordReturn = (saleId: string, body: ReturnInput) =>
  api<Sale>(`/api/sales/${encodeURIComponent(saleId)}/returns`, { method: 'POST', body });

/** Units of a sale line that can still be given back: back-ordered units were never handed over. */
export function returnable(line: SaleLine): number {
  return Math.max(0, line.quantity - line.backordered - line.returned);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What giving back `units` of a line refunds: the share of what was paid for it, discount included (as the server works it out). */
export function refundFor(line: SaleLine, units: number): number {
  if (units <= 0 || line.quantity <= 0) return 0;
  return round2((line.total * units) / line.quantity);
}

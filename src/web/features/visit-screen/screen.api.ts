import { useQuery } from '@tanstack/react-query';
import type { ProposedFollowUp } from '../../../shared/domain/follow-ups.ts';
import type { FactKind } from '../../../shared/domain/starters.ts';
import type { NoSaleReason } from '../../../shared/domain/visits.ts';
import { api } from '../../api.ts';
import { fromKeptCopy } from '../../kept.ts';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import type { Customer } from '../customers/customers.api.ts';
import { VISITS_KEY, type Visit, type VisitOutcome } from '../visits/visits.api.ts';

/** One conversation starter and the fact it is drawn from. */
export interface Starter {
  key: string;
  text: string;
  fact: { kind: FactKind; text: string; at?: string };
  weight: number;
}

/** `GET /api/encounters/:id/screen`: everything the visit screen shows in one read. */
export interface VisitScreenData {
  visit: Visit;
  /** Null for someone not yet known, or for a role that may not see customers. */
  customer: Customer | null;
  history: {
    purchases: {
      saleId: string;
      soldAt: string;
      storeName: string;
      productId: string | null;
      title: string;
      quantity: number;
      unitPrice: number;
    }[];
    visits: { id: string; at: string; outcome: VisitOutcome | null; noSaleReason: string | null }[];
    notes: { id: string; body: string; author: string | null; at: string }[];
  } | null;
  starters: Starter[];
}

export const screenKey = (id: string) => [...VISITS_KEY, 'screen', id] as const;
export const visitPath = (id: string, rest = '') => `/api/encounters/${encodeURIComponent(id)}${rest}`;

/** The visit screen's data; a failed read is not retried by itself (the screen says why and offers a retry). */
export function useVisitScreen(id: string) {
  return useQuery({
    queryKey: screenKey(id),
    queryFn: ({ signal }) => api<VisitScreenData>(visitPath(id, '/screen'), { signal }),
    retry: false,
    // After a reload while Ones cannot be reached, the screen opens on what this tab showed last.
    ...fromKeptCopy<VisitScreenData>(screenKey(id)),
    // Works on flaky Wi-Fi: a failed refresh keeps what is shown, and the query runs even when the browser says offline.
    networkMode: 'always',
  });
}

/** The store a visit is started in: where the person is working, else their only store; undefined means ask. */
export function storeForVisit(me: Me): StoreRef | undefined {
  return me.stores.find((s) => s.id === me.currentStoreId) ?? (me.stores.length === 1 ? me.stores[0] : undefined);
}

/** Starts a visit (needs the connection): for a customer from the book, or someone not yet known. */
export const startVisit = (body: { clientId: string; storeId: string; customerId: string | null }) =>
  api<Visit>('/api/encounters', { method: 'POST', body });

export type CloseBody = { outcome: 'sale'; emailReceipt?: boolean } | { outcome: 'no-sale'; reason: NoSaleReason; note?: string | null };

/** Ends the visit once (needs the connection: it is not queued). */
export const closeVisit = (id: string, body: CloseBody) => api<Visit>(visitPath(id, '/close'), { method: 'POST', body });

/** What closing the visit proposes to follow up (the server answers once the visit is closed). */
export function useFollowUpProposals(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...screenKey(id), 'follow-up-proposals'],
    queryFn: async ({ signal }) => (await api<{ items: ProposedFollowUp[] }>(visitPath(id, '/follow-up-proposals'), { signal })).items,
    enabled,
    retry: false,
  });
}

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Email, Phone } from '../../../../shared/customers.ts';
import { api } from '../../../api.ts';
import { CUSTOMERS_KEY, type Customer, type StaffRef } from '../customers.api.ts';

/** A customer in a list of possible duplicates. */
export interface CustomerSummary {
  id: string;
  displayName: string;
  fullName: string;
  preferredName: string | null;
  initials: string;
  lastVisitAt: string | null;
  /** One line, e.g. "Riverside · 07700 900123". */
  context: string;
  phones: Phone[];
  emails: Email[];
  visits: number;
  updatedAt: string;
  version: number;
}

/** Why two profiles look like the same person; `text` is written for people. */
export interface DuplicateReason {
  kind: 'same-email' | 'same-phone' | 'similar-name-phone-suffix';
  text: string;
}

export interface DuplicatePair {
  a: CustomerSummary;
  b: CustomerSummary;
  reasons: DuplicateReason[];
}

/** One merge into a customer; undoable until `undoableUntil` unless already undone. */
export interface Merge {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedName: string;
  mergedBy: StaffRef;
  mergedAt: string;
  undoableUntil: string;
  unmergedAt: string | null;
  unmergedBy: StaffRef;
}

/** The fields where the person picks which profile's value to keep. */
export const PICKED_FIELDS = ['title', 'firstName', 'lastName', 'preferredName', 'address', 'assignedStaffId', 'homeStoreId'] as const;
export type PickedField = (typeof PICKED_FIELDS)[number];
export type Side = 'survivor' | 'other';

const DUPLICATES_KEY = [...CUSTOMERS_KEY, 'duplicates'] as const;
export const duplicatesOfKey = (id: string) => [...CUSTOMERS_KEY, 'duplicates-of', id] as const;
export const mergesKey = (id: string) => [...CUSTOMERS_KEY, 'merges', id] as const;
const customerPath = (id: string, rest = '') => `/api/customers/${encodeURIComponent(id)}${rest}`;

/** `GET /api/customer-duplicates`: likely duplicate pairs across the book, a page at a time. */
export function useDuplicatePairs() {
  return useInfiniteQuery({
    queryKey: DUPLICATES_KEY,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: DuplicatePair[]; nextCursor: string | null }>(
        `/api/customer-duplicates?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Profiles that look like this customer. */
export function useDuplicatesOf(id: string, enabled = true) {
  return useQuery({
    queryKey: duplicatesOfKey(id),
    queryFn: async ({ signal }) =>
      (await api<{ items: { customer: CustomerSummary; reasons: DuplicateReason[] }[] }>(customerPath(id, '/duplicates'), { signal }))
        .items,
    enabled,
  });
}

/** Merges into this customer, newest first. */
export function useMerges(id: string, enabled = true) {
  return useQuery({
    queryKey: mergesKey(id),
    queryFn: async ({ signal }) => (await api<{ items: Merge[] }>(customerPath(id, '/merges'), { signal })).items,
    enabled,
  });
}

/** "Not the same person": the pair is no longer suggested. */
export const dismissPair = (a: string, b: string) =>
  api<void>('/api/customer-duplicates/dismiss', { method: 'POST', body: { customerIds: [a, b] } });

export const mergeCustomers = (
  survivorId: string,
  body: { otherId: string; survivorVersion: number; otherVersion: number; take: Partial<Record<PickedField, Side>> },
) => api<{ customer: Customer; merge: Merge }>(customerPath(survivorId, '/merge'), { method: 'POST', body });

export const unmerge = (mergeId: string) =>
  api<{ survivor: Customer; restored: Customer }>(`/api/customer-merges/${encodeURIComponent(mergeId)}/unmerge`, { method: 'POST' });

/** Which of a pair to keep by default: the one with more visits, else the first. */
export function likelySurvivor(pair: DuplicatePair): [CustomerSummary, CustomerSummary] {
  return pair.b.visits > pair.a.visits ? [pair.b, pair.a] : [pair.a, pair.b];
}

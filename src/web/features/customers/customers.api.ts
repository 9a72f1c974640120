import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  Address,
  ConsentChannel,
  ConsentPurpose,
  CustomerInput,
  Email,
  HouseholdMember,
  ImportantDate,
  Phone,
} from '../../../shared/customers.ts';
import { api } from '../../api.ts';

export type StaffRef = { id: string; name: string } | null;

/** `GET /api/customers?q=`: one hit of the lookup as you type. */
export interface SearchResult {
  id: string;
  displayName: string;
  fullName: string;
  preferredName: string | null;
  initials: string;
  lastVisitAt: string | null;
  context: string;
  match: 'exact' | 'prefix' | 'typo';
}

export interface Preference {
  id: string;
  key: string;
  value: Record<string, unknown>;
  recordedBy: StaffRef;
  recordedAt: string;
  encounterId: string | null;
}

export interface Consent {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string;
  capturedBy: StaffRef;
  capturedAt: string;
}

/** One thing on the customer's wishlist, newest first on the profile. */
export interface SavedItem {
  id: string;
  clientId: string;
  title: string;
  note: string | null;
  productId: string | null;
  addedBy: StaffRef;
  addedAt: string;
}

/** `GET /api/customers/:id`: the whole profile. `version` goes back as If-Match when saving. */
export interface Customer {
  id: string;
  title: string | null;
  firstName: string;
  lastName: string | null;
  preferredName: string | null;
  displayName: string;
  fullName: string;
  initials: string;
  phones: Phone[];
  emails: Email[];
  address: Address | null;
  household: HouseholdMember[];
  dates: ImportantDate[];
  tags: string[];
  assignedStaffId: string | null;
  homeStoreId: string | null;
  figures: {
    firstVisitAt: string | null;
    lastVisitAt: string | null;
    visits: number;
    purchases: number;
    spend: number;
    averageBasket: number | null;
  };
  /** Absent on the copy that comes with a stale-version conflict. */
  preferences?: Preference[];
  consents?: Consent[];
  savedItems?: SavedItem[];
  /** Set when this profile was merged into another: it is read-only then. */
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Note {
  id: string;
  clientId: string;
  body: string;
  author: StaffRef;
  createdAt: string;
  editedAt: string | null;
  sensitive: boolean;
  canEdit: boolean;
}

export interface TimelineItem {
  type: 'note' | 'change' | 'purchase';
  at: string;
  id: string;
  actor: StaffRef;
  note?: Note;
  action?: string;
  summary?: string;
  sale?: {
    id: string;
    kind: 'sale' | 'return';
    total: number;
    currency: string;
    store: string;
    lines: { description: string; quantity: number }[];
  };
}

/** One finding of the server's sensitive-content check (422 `sensitive_content`). */
export interface SensitiveFinding {
  kind: 'card-number' | 'national-id' | 'health';
  excerpt: string;
}

export const CUSTOMERS_KEY = ['customers'] as const;
const path = (id: string, rest = '') => `/api/customers/${encodeURIComponent(id)}${rest}`;
export const customerKey = (id: string) => [...CUSTOMERS_KEY, 'profile', id] as const;
export const timelineKey = (id: string) => [...CUSTOMERS_KEY, 'timeline', id] as const;

/** Shorter than this, a search would match half the book: wait for more. */
export const MIN_QUERY = 2;

/**
 * Lookup as you type. The caller debounces `q`; a newer query cancels the one in flight (the
 * signal), and the last results stay on screen until the new ones arrive.
 */
export function useCustomerSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'search', query],
    queryFn: async ({ signal }) =>
      (await api<{ items: SearchResult[] }>(`/api/customers?limit=20&q=${encodeURIComponent(query)}`, { signal })).items,
    enabled: query.length >= MIN_QUERY,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKey(id), queryFn: ({ signal }) => api<Customer>(path(id), { signal }) });
}

export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: timelineKey(id),
    queryFn: ({ pageParam, signal }) =>
      api<{ items: TimelineItem[]; nextCursor: string | null }>(
        path(id, `/timeline?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const createCustomer = (body: CustomerInput) => api<Customer>('/api/customers', { method: 'POST', body });

/** Saves changed fields of the version the person edited; a colleague's newer save gives 409. */
export const updateCustomer = (id: string, version: number, body: Partial<CustomerInput>) =>
  api<Customer>(path(id), { method: 'PATCH', body, headers: { 'if-match': `"${version}"` } });

export const addNote = (id: string, body: { clientId: string; body: string; acknowledgeSensitive?: boolean }) =>
  api<Note>(path(id, '/notes'), { method: 'POST', body });
export const editNote = (id: string, noteId: string, body: string) =>
  api<Note>(path(id, `/notes/${encodeURIComponent(noteId)}`), { method: 'PATCH', body: { body } });

export const addPreference = (id: string, body: { clientId: string; key: string; value: Record<string, unknown> }) =>
  api<Preference>(path(id, '/preferences'), { method: 'POST', body });
export const removePreference = (id: string, preferenceId: string) =>
  api<void>(path(id, `/preferences/${encodeURIComponent(preferenceId)}`), { method: 'DELETE' });

export const setConsent = (id: string, body: { channel: ConsentChannel; purpose: ConsentPurpose; granted: boolean; source: string }) =>
  api<{ items: Consent[] }>(path(id, '/consents'), { method: 'POST', body });

export const addSavedItem = (id: string, body: { clientId: string; title: string; note?: string | null; productId?: string | null }) =>
  api<SavedItem>(path(id, '/saved-items'), { method: 'POST', body });
export const removeSavedItem = (id: string, itemId: string) =>
  api<void>(path(id, `/saved-items/${encodeURIComponent(itemId)}`), { method: 'DELETE' });

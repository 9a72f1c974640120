import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { FollowUpKind } from '../../../shared/domain/follow-ups.ts';
import type { DoneWhen, RoadmapDefinition, StepProgress, StepState } from '../../../shared/domain/roadmap.ts';
import type { GestureKind, LostOutcome, NoSaleReason } from '../../../shared/domain/visits.ts';
import { api } from '../../api.ts';

export type { DoneWhen, RoadmapDefinition, StepState };

/** `GET /api/roadmap`: one version of the retailer's roadmap; `currentVersion` goes back as If-Match. */
export interface Roadmap {
  id: string;
  version: number;
  currentVersion: number;
  definition: RoadmapDefinition;
  updatedAt: string;
}

export type VisitOutcome = 'sale' | 'special-order' | 'no-sale';

/** `GET /api/encounters`: one visit in a store's list, newest first. */
export interface VisitSummary {
  id: string;
  status: 'open' | 'closed';
  outcome: VisitOutcome | null;
  noSaleReason: NoSaleReason | null;
  /** When the customer came in, if it was noted. */
  arrivedAt: string | null;
  startedAt: string;
  closedAt: string | null;
  /** `name` is null for a role that may not see customers. */
  customer: { id: string; name: string | null } | null;
  leadName: string | null;
  assistNames: string[];
  /** What the visit's sale came to, once there is one. */
  saleTotal: number | null;
}

/** `GET /api/encounters/:id`: everything that happened in a visit. */
export interface Visit {
  id: string;
  clientId: string;
  version: number;
  store: { id: string; name: string; timeZone: string };
  customer: { id: string; name: string | null; preferredName: string | null } | null;
  status: 'open' | 'closed';
  outcome: VisitOutcome | null;
  noSaleReason: NoSaleReason | null;
  saleId: string | null;
  saleTotal: number | null;
  leadStaffId: string | null;
  /** Everyone who helped, each once, credited with every part they played. */
  staff: { staffId: string; name: string; roles: ('lead' | 'assist')[]; joinedAt: string }[];
  roadmap: { id: string; version: number; currentVersion: number; name: string };
  steps: StepProgress[];
  currentStep: string | null;
  guidanceSessions: { id: string; setName: string; startedAt: string }[];
  /** What is in the visit's basket (the lines of its guidance sessions not taken out). */
  basket: { variantId: string; productId: string; title: string; quantity: number; unitPrice: number }[];
  /** Products considered during the visit, in the order they first came up (absent from visits written on the visit screen before it came back). */
  considered?: {
    productId: string;
    title: string;
    /** Shown in a recommendation list. */
    recommended: boolean;
    /** Shown in a comparison. */
    compared: boolean;
    /** Put in the basket and kept, or taken out again; null when never put in. */
    basket: 'kept' | 'removed' | null;
    firstAt: string;
  }[];
  /** The customer's answer about the visit; null without one, or when the viewer may not see it. */
  feedback?: {
    satisfaction: number | null;
    expectations: 'not-met' | 'met' | 'exceeded' | null;
    listened: boolean | null;
    feltRushed: boolean | null;
    inStock: boolean | null;
    comment: string | null;
    poor: boolean;
    answeredAt: string;
  } | null;
  gestures: { id: string; kind: GestureKind; description: string; cost: number; givenAt: string }[];
  lostDemand: {
    id: string;
    description: string;
    quantity: number;
    outcome: LostOutcome;
    /** What was taken instead, when it was substituted. */
    substitute: string | null;
    note: string | null;
    at: string;
  }[];
  specialOrder: {
    id: string;
    fulfilment: 'delivery' | 'collection';
    dueOn: string;
    status: 'open' | 'fulfilled' | 'cancelled';
    recipient: string | null;
    cardMessage: string | null;
    deposit: number;
    saleId: string | null;
    cancelled: Cancellation | null;
  } | null;
  followUps: {
    id: string;
    kind: FollowUpKind;
    title: string;
    channel: 'email' | 'phone' | 'in-person';
    dueAt: string | null;
    status: 'open' | 'done' | 'cancelled';
    assigneeName: string | null;
    outcome: string | null;
    doneAt: string | null;
  }[];
  notes: { id: string; clientId: string; text: string; at: string; staffId: string | null; staffName: string | null }[];
  times: {
    arrivedAt: string | null;
    startedAt: string;
    greetedAt: string | null;
    secondsToGreet: number | null;
    closedAt: string | null;
    /** From when the discover step became current until it was done or skipped (or now); null before it begins. */
    secondsInDiscovery: number | null;
    /** Time the customer was given to decide: every space, the open one up to now. */
    secondsGiven: number;
    /** When the space under way began; null when the associate is with the customer. */
    spaceSince: string | null;
  };
}

/** When and why a special order was cancelled. */
export interface Cancellation {
  at: string;
  reason: string;
}

/** `GET /api/special-orders`: one order, the soonest due first. */
export interface SpecialOrder {
  id: string;
  encounterId: string;
  customer: { id: string; name: string | null } | null;
  fulfilment: 'delivery' | 'collection';
  /** `YYYY-MM-DD`, the day it is delivered or collected. */
  dueOn: string;
  recipient: string | null;
  address: Record<string, string | null> | null;
  cardMessage: string | null;
  deposit: number;
  lines: { variantId: string; title: string; quantity: number; unitPrice: number }[];
  total: number;
  status: 'open' | 'fulfilled' | 'cancelled';
  saleId: string | null;
  createdAt: string;
  cancelled: Cancellation | null;
}

/** `GET /api/stores/:id/gestures`: a store's month of gestures against its budget. */
export interface GestureMonth {
  /** `YYYY-MM`. */
  month: string;
  budget: number;
  spent: number;
  left: number;
  gestures: {
    id: string;
    encounterId: string;
    customer: { id: string; name: string | null } | null;
    kind: GestureKind;
    description: string;
    cost: number;
    givenBy: string | null;
    givenAt: string;
  }[];
}

/** `GET /api/lost-demand`: one item asked for and not had, most units first. */
export interface LostDemandItem {
  variantId: string | null;
  productId: string | null;
  description: string;
  units: number;
  /** How many times it was asked for. */
  times: number;
  /** Units by what happened instead. */
  outcomes: Partial<Record<LostOutcome, number>>;
}

/** `GET /api/follow-ups`: one open follow-up, due soonest first, those waiting for stock last. */
export interface FollowUp {
  id: string;
  kind: FollowUpKind;
  channel: 'email' | 'phone' | 'in-person';
  title: string;
  /** Null while it waits for a delivery (back in stock). */
  dueAt: string | null;
  encounterId: string | null;
  customer: { id: string; name: string } | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** The e-mail it sends through the outbox: queued, sent, failed or suppressed (with the reason). */
  message: { status: string; reason: string | null } | null;
}

export const VISITS_KEY = ['visits'] as const;
export const ROADMAP_KEY = [...VISITS_KEY, 'roadmap'] as const;
export const visitKey = (id: string) => [...VISITS_KEY, 'one', id] as const;
const PAGE = 30;

/** The roadmap's current version. */
export function useRoadmap() {
  return useQuery({ queryKey: ROADMAP_KEY, queryFn: ({ signal }) => api<Roadmap>('/api/roadmap', { signal }) });
}

/** Saves a new version edited from `version`; a colleague's newer save makes it fail with `stale_version`. */
export const saveRoadmap = (version: number, definition: RoadmapDefinition) =>
  api<Roadmap>('/api/roadmap', { method: 'PUT', body: definition, headers: { 'if-match': `"${version}"` } });

export interface VisitFilter {
  status?: 'open' | 'closed' | undefined;
  outcome?: VisitOutcome | undefined;
}

/** A store's visits, newest first, a page at a time. */
export function useVisits(storeId: string | null, filter: VisitFilter = {}) {
  return useInfiniteQuery({
    queryKey: [...VISITS_KEY, 'list', storeId, filter.status ?? 'any', filter.outcome ?? 'any'],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ storeId: storeId ?? '', limit: String(PAGE) });
      if (filter.status) params.set('status', filter.status);
      if (filter.outcome) params.set('outcome', filter.outcome);
      if (pageParam) params.set('cursor', pageParam);
      return api<{ items: VisitSummary[]; nextCursor: string | null }>(`/api/encounters?${params}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: storeId !== null,
  });
}

export function useVisit(id: string) {
  return useQuery({
    queryKey: visitKey(id),
    queryFn: ({ signal }) => api<Visit>(`/api/encounters/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useSpecialOrders(storeId: string | null, status: SpecialOrder['status']) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'special-orders', storeId, status],
    queryFn: async ({ signal }) =>
      (await api<{ items: SpecialOrder[] }>(`/api/special-orders?${new URLSearchParams({ storeId: storeId ?? '', status })}`, { signal }))
        .items,
    enabled: storeId !== null,
  });
}

/** Hands over a special order: it becomes a sale, once. */
export const fulfilSpecialOrder = (id: string) =>
  api<{ saleId: string }>(`/api/special-orders/${encodeURIComponent(id)}/fulfil`, { method: 'POST' });

/** Cancels an open special order with the customer's reason. */
export const cancelSpecialOrder = (id: string, reason: string) =>
  api<void>(`/api/special-orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: { reason } });

/** A store's gestures in a month (`YYYY-MM`, this month where the store is when omitted). */
export function useGestureMonth(storeId: string | null, month?: string) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'gestures', storeId, month ?? 'this'],
    queryFn: ({ signal }) =>
      api<GestureMonth>(`/api/stores/${encodeURIComponent(storeId ?? '')}/gestures${month ? `?month=${month}` : ''}`, { signal }),
    enabled: storeId !== null,
  });
}

/** A store's lost demand between two days (`YYYY-MM-DD`, both optional). */
export function useLostDemand(storeId: string | null, range: { from?: string | undefined; to?: string | undefined } = {}) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'lost-demand', storeId, range.from ?? '', range.to ?? ''],
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ storeId: storeId ?? '' });
      if (range.from) params.set('from', range.from);
      if (range.to) params.set('to', range.to);
      return (await api<{ items: LostDemandItem[] }>(`/api/lost-demand?${params}`, { signal })).items;
    },
    enabled: storeId !== null,
  });
}

/** Open follow-ups: the signed-in person's own, or a whole store's. */
export function useFollowUps(scope: { storeId: string } | 'mine') {
  const storeId = scope === 'mine' ? null : scope.storeId;
  return useQuery({
    queryKey: [...VISITS_KEY, 'follow-ups', storeId ?? 'mine'],
    queryFn: async ({ signal }) =>
      (await api<{ items: FollowUp[] }>(`/api/follow-ups${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}`, { signal })).items,
  });
}

/** Marks a follow-up done with what came of it; it shows on the customer's timeline. */
export const completeFollowUp = (id: string, outcome: string) =>
  api<void>(`/api/follow-ups/${encodeURIComponent(id)}/complete`, { method: 'POST', body: { outcome } });

/** Closes a follow-up that is no longer needed, with the reason; a queued e-mail for it is not sent. */
export const cancelFollowUp = (id: string, reason: string) =>
  api<void>(`/api/follow-ups/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: { reason } });

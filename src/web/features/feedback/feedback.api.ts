import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.ts';

export const FEEDBACK_KEY = ['feedback'] as const;

export type Expectations = 'not-met' | 'met' | 'exceeded';

/** `GET /api/feedback`: one answer, newest first; the comment and the customer only for roles that may see them. */
export interface FeedbackItem {
  id: string;
  kind: 'visit' | 'imported';
  at: string;
  satisfaction: number | null;
  expectations: Expectations | null;
  listened: boolean | null;
  feltRushed: boolean | null;
  inStock: boolean | null;
  mayContact: boolean | null;
  comment: string | null;
  commentHidden: boolean;
  poor: boolean;
  store: { id: string; name: string } | null;
  staff: { id: string; name: string; part: 'lead' | 'assist' }[];
  encounter: { id: string; startedAt: string; outcome: string | null } | null;
  customer: { id: string; name: string } | null;
  followUp: { id: string; status: 'open' | 'done' | 'cancelled'; outcome: string | null } | null;
  /** What happened in the visit; null for an imported review. */
  behaviours: VisitBehaviours | null;
}

export interface VisitBehaviours {
  steps: { key: string; name: string; state: 'done' | 'skipped'; at: string | null }[];
  secondsToGreet: number | null;
  secondsInDiscovery: number | null;
  secondsGiven: number;
  questionsAnswered: number;
  recommendationsShown: number;
  assisted: boolean;
  bought: { description: string; quantity: number }[];
  saleTotal: number | null;
  gestures: string[];
  lostDemand: { description: string; quantity: number; outcome: 'substituted' | 'other-store' | 'ordered' | 'lost' }[];
}

/** `GET /api/feedback/weekly`: a week's figures (visits only; imported reviews are not asked for, so never counted). */
export interface FeedbackWeek {
  weekStart: string;
  requests: number;
  responses: number;
  responseRate: number | null;
  averageSatisfaction: number | null;
  shareExceeded: number | null;
  shareFeltRushed: number | null;
}

export interface FeedbackFilters {
  storeId?: string | undefined;
  staffId?: string | undefined;
  poor?: boolean | undefined;
  /** `YYYY-MM-DD`: answers given or amended from the start of this day (UTC)… */
  from?: string | undefined;
  /** …to the end of this one. */
  to?: string | undefined;
}

function params(filters: FeedbackFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.storeId) p.set('storeId', filters.storeId);
  if (filters.staffId) p.set('staffId', filters.staffId);
  if (filters.poor) p.set('poor', 'true');
  if (filters.from) p.set('from', filters.from);
  if (filters.to) p.set('to', filters.to);
  return p;
}

const PAGE_SIZE = 20;

/** The feed, a page at a time; the last page stays shown while new filters load. */
export function useFeedbackFeed(filters: FeedbackFilters) {
  const query = params(filters);
  query.set('limit', String(PAGE_SIZE));
  const base = query.toString();
  return useInfiniteQuery({
    queryKey: [...FEEDBACK_KEY, 'feed', base],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: FeedbackItem[]; nextCursor: string | null }>(
        `/api/feedback?${base}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackWeeks(filters: FeedbackFilters, weeks = 12) {
  const query = params({ ...filters, poor: undefined, from: undefined, to: undefined });
  query.set('weeks', String(weeks));
  const base = query.toString();
  return useQuery({
    queryKey: [...FEEDBACK_KEY, 'weekly', base],
    queryFn: ({ signal }) => api<{ weeks: FeedbackWeek[] }>(`/api/feedback/weekly?${base}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export type Behaviour = 'space' | 'gesture' | 'in-stock' | 'discovery' | 'recommended' | 'sale' | 'assisted';

export interface DelightFigures {
  visits: number;
  averageSatisfaction: number | null;
  shareExceeded: number | null;
}

/** `GET /api/feedback/delight`: answered visits with and without each behaviour. */
export interface Delight {
  questions: number;
  answered: number;
  behaviours: { behaviour: Behaviour; with: DelightFigures; without: DelightFigures }[];
}

export function useFeedbackDelight(filters: FeedbackFilters) {
  const query = params({ ...filters, poor: undefined });
  const base = query.toString();
  return useQuery({
    queryKey: [...FEEDBACK_KEY, 'delight', base],
    queryFn: ({ signal }) => api<Delight>(`/api/feedback/delight?${base}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** `POST /api/encounters/:id/feedback-link`: a new QR link for a closed visit's feedback (the one shown before stops working). */
export interface FeedbackLink {
  url: string;
  expiresAt: string;
  /** The QR code of `url`, as SVG markup made by the server. */
  svg: string;
}

export function useFeedbackLink(visitId: string) {
  return useMutation({
    mutationFn: () => api<FeedbackLink>(`/api/encounters/${encodeURIComponent(visitId)}/feedback-link`, { method: 'POST', body: {} }),
    networkMode: 'always',
  });
}

/** `GET/PUT /api/feedback/settings`: when and how often customers are asked, and what marks an answer to follow up. */
export interface FeedbackSettings {
  delayMinutes: number;
  limitDays: number;
  linkDays: number;
  brandColour: string;
  watchWords: string[];
}

const SETTINGS_KEY = [...FEEDBACK_KEY, 'settings'] as const;

export function useFeedbackSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api<FeedbackSettings>('/api/feedback/settings', { signal }),
  });
}

export function useSaveFeedbackSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackSettings) => api<FeedbackSettings>('/api/feedback/settings', { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(SETTINGS_KEY, saved),
  });
}

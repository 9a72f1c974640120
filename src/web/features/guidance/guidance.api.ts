import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KnownAnswer } from '../../../shared/domain/guidance.ts';
import type { Answer, QuestionSetDefinition } from '../../../shared/domain/question-sets.ts';
import type { Budget, Recommendation, RecommendResult } from '../../../shared/domain/recommend.ts';
import { api } from '../../api.ts';

/** A category a visit can be narrowed to, e.g. "Soft furnishings/Cushions". */
export interface CategoryRef {
  id: string;
  path: string;
}

/** One item in the visit's basket, at the price of the moment it was added. */
export interface BasketLine {
  id: string;
  clientId: string;
  variantId: string;
  productId: string;
  title: string;
  quantity: number;
  unitPrice: number;
  total: number;
  listId: string | null;
  addedAt: string;
}

/** `GET /api/guidance-sessions/:id`: a visit's questions, answers, what the customer said before and its basket. */
export interface GuidanceSession {
  id: string;
  storeId: string;
  staffId: string | null;
  encounterId: string | null;
  customer: { id: string; name: string; preferredName: string | null } | null;
  set: { id: string; name: string; version: number; currentVersion: number; definition: QuestionSetDefinition };
  category: CategoryRef | null;
  categoryOptions: CategoryRef[];
  answers: Record<string, Answer>;
  skipped: string[];
  known: Record<string, KnownAnswer>;
  toAsk: string[];
  basket: BasketLine[];
  latestList: ({ id: string; shownAt: string; budget: Budget | null; quantity: number } & RecommendResult) | null;
  createdAt: string;
}

/** `POST /api/guidance-sessions/:id/recommendations`: a list, kept by the server with what it came from. */
export interface RecommendationList extends RecommendResult {
  listId: string;
  budget: Budget | null;
  quantity: number;
  currency: string;
  problems: { path: string; message: string }[];
}

export type { Recommendation };

const GUIDANCE_KEY = ['guidance'] as const;
export const sessionKey = (id: string) => [...GUIDANCE_KEY, 'session', id] as const;
const path = (id: string, rest = '') => `/api/guidance-sessions/${encodeURIComponent(id)}${rest}`;

/** A visit's session: its set version, answers, what the customer said before, the basket. */
export function useGuidanceSession(id: string) {
  return useQuery({ queryKey: sessionKey(id), queryFn: ({ signal }) => api<GuidanceSession>(path(id), { signal }) });
}

/**
 * The recommendations for the answers as they are: asked once per set of answers, category and
 * length, so coming back to the list shows the same one rather than keeping a new copy each time.
 */
export function useRecommendations(session: GuidanceSession, limit: number, round: number) {
  return useQuery({
    queryKey: [...sessionKey(session.id), 'list', JSON.stringify(session.answers), session.category?.id ?? null, limit, round],
    queryFn: () => api<RecommendationList>(path(session.id, `/recommendations?limit=${limit}`), { method: 'POST' }),
    staleTime: Number.POSITIVE_INFINITY,
    // A longer list or a fresh look at stock keeps the current one on screen until it arrives.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export const startGuidance = (body: {
  setId: string;
  storeId: string;
  customerId: string | null;
  categoryId: string | null;
  clientId: string;
}) => api<GuidanceSession>('/api/guidance-sessions', { method: 'POST', body });

export const narrowGuidance = (id: string, categoryId: string | null) =>
  api<GuidanceSession>(path(id), { method: 'PATCH', body: { categoryId } });

export const answerQuestion = (id: string, key: string, answer: Answer) =>
  api<GuidanceSession>(path(id, `/answers/${encodeURIComponent(key)}`), { method: 'PUT', body: { answer } });

/** Passes over a question, or takes its answer back. */
export const skipQuestion = (id: string, key: string) =>
  api<GuidanceSession>(path(id, `/answers/${encodeURIComponent(key)}`), { method: 'DELETE' });

export const addToBasket = (id: string, body: { clientId: string; variantId: string; quantity: number; listId: string | null }) =>
  api<{ items: BasketLine[] }>(path(id, '/basket'), { method: 'POST', body });

export const removeFromBasket = (id: string, lineId: string) =>
  api<{ items: BasketLine[] }>(path(id, `/basket/${encodeURIComponent(lineId)}`), { method: 'DELETE' });

/** With the customer's agreement: today's answers kept as preferences on their profile. */
export const saveAnswersToProfile = (id: string) =>
  api<{ saved: { id: string; key: string; value: Record<string, unknown> }[] }>(path(id, '/save-preferences'), { method: 'POST' });

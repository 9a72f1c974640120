import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KnownAnswer } from '../../../shared/domain/guidance.ts';
import type { Answer, QuestionSetDefinition } from '../../../shared/domain/question-sets.ts';
import type { Budget, CandidateStock, Recommendation, RecommendResult } from '../../../shared/domain/recommend.ts';
import type { PlanSource } from '../../../shared/domain/substitutes.ts';
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
  /** Only on the visit screen: a line still in its sync queue (shown, not yet removable), or refused. */
  pending?: 'waiting' | 'failed';
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
  /** Units held for plans chosen in this visit. */
  holds: PlanHold[];
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

/** Units set aside for the customer when a plan was chosen, tied to the basket line they are for. */
export interface PlanHold {
  id: string;
  variantId: string;
  title: string;
  storeId: string;
  storeName: string;
  quantity: number;
  expiresAt: string;
  basketLineId: string | null;
  /** `expired` once its time has passed, even before anything tidies it up. */
  status: 'active' | 'expired' | 'released' | 'sold';
}

/** One line of a plan: so many of an item, from here, another store, a delivery, or a substitute here. */
export interface PlanLine {
  variantId: string;
  title: string;
  source: PlanSource;
  /** The other store's name (the item or a substitute from there), or the delivery's day (`YYYY-MM-DD`). */
  from: string | null;
  storeId?: string;
  /** The other store's name, whatever the source. */
  storeName?: string;
  /** The day the units come on a delivery; null when they are in stock now. */
  availableOn?: string | null;
  quantity: number;
  unitPrice: number;
}

/** A way to reach the quantity wanted, with its words ("9 Ranunculus — White here + 15 Anemone — White here, …"). */
export interface FulfilmentPlan {
  lines: PlanLine[];
  units: number;
  shortfall: number;
  total: number;
  /** The day everything is there; null when all of it is in stock now. */
  readyBy?: string | null;
  words: string;
  /** Set on the plans worth stretching for, above a flexible budget. */
  overBudgetBy?: number;
}

/** An item like the one wanted, with what it keeps, what differs and why it still fits today's answers. */
export interface Substitute {
  productId: string;
  variantId: string;
  title: string;
  unitPrice: number;
  lifespan: string | null;
  similarity: number;
  keeps: string[];
  differs: string[];
  fits: string[];
  stock: CandidateStock;
  /** After what is here of the wanted item: how many of this complete the quantity, and the whole total. */
  completeWith: { quantity: number; total: number };
  /** All of the quantity in this instead. */
  instead: { quantity: number; total: number };
  overBudgetBy: number | null;
}

/** `GET /api/guidance-sessions/:id/alternatives`: when an item is out or short here. */
export interface Alternatives {
  wanted: {
    productId: string;
    variantId: string;
    title: string;
    unitPrice: number;
    total: number;
    stock: CandidateStock;
    /** A rule from today's answers the wanted item itself breaks. */
    excludedBecause: string | null;
    inSeason: boolean;
    season: { from: string; to: string } | null;
  };
  quantity: number;
  budget: Budget | null;
  currency: string;
  /** Units wanted beyond what is available here. */
  short: number;
  expected: { storeId: string; storeName: string; here: boolean; quantity: number; expectedAt: string }[];
  substitutes: Substitute[];
  plans: FulfilmentPlan[];
  /** "Worth stretching for?": at most two plans over a flexible budget. */
  stretch: FulfilmentPlan[];
  leftOut: { title: string; reason: string }[];
  notes: string[];
}

/** `GET /api/guidance-sessions/:id/goes-well-with`: something that pairs with an item in the basket, and why. */
export interface BasketPairing {
  productId: string;
  title: string;
  variants: { id: string; title: string; price: number }[];
  /** The basket item it goes with. */
  withTitle: string;
  source: 'baskets' | 'catalog' | 'both';
  reason: string;
  lift: number | null;
  confidence: number | null;
}

export type { Recommendation };

export const GUIDANCE_KEY = ['guidance'] as const;
export const sessionKey = (id: string) => [...GUIDANCE_KEY, 'session', id] as const;
/** A session's API address, e.g. `sessionPath(id, '/basket')`. */
export const sessionPath = (id: string, rest = '') => `/api/guidance-sessions/${encodeURIComponent(id)}${rest}`;

/** A visit's session: its set version, answers, what the customer said before, the basket. */
export function useGuidanceSession(id: string, opts: { initialData?: GuidanceSession; initialDataUpdatedAt?: number } = {}) {
  return useQuery({ queryKey: sessionKey(id), queryFn: ({ signal }) => api<GuidanceSession>(sessionPath(id), { signal }), ...opts });
}

/**
 * The recommendations for the answers as they are: asked once per set of answers, category and
 * length, so coming back to the list shows the same one rather than keeping a new copy each time.
 */
export function useRecommendations(session: GuidanceSession, limit: number, round: number) {
  return useQuery({
    queryKey: [...sessionKey(session.id), 'list', JSON.stringify(session.answers), session.category?.id ?? null, limit, round],
    queryFn: () => api<RecommendationList>(sessionPath(session.id, `/recommendations?limit=${limit}`), { method: 'POST' }),
    staleTime: Number.POSITIVE_INFINITY,
    // A longer list or a fresh look at stock keeps the current one on screen until it arrives.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * Substitutes, other stores, deliveries and plans for one item at a quantity. Asked afresh each
 * time the panel opens: stock moves while the customer decides.
 */
export function useAlternatives(sessionId: string, variantId: string | null, quantity: number) {
  return useQuery({
    queryKey: [...sessionKey(sessionId), 'alternatives', variantId, quantity],
    queryFn: ({ signal }) =>
      api<Alternatives>(sessionPath(sessionId, `/alternatives?variantId=${encodeURIComponent(variantId ?? '')}&quantity=${quantity}`), {
        signal,
      }),
    enabled: variantId !== null,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

/** What goes well with the basket as it is; asked again whenever what is in it changes. */
export function useGoesWellWith(session: GuidanceSession) {
  const inBasket = [...new Set(session.basket.map((b) => b.variantId))].sort();
  return useQuery({
    queryKey: [...sessionKey(session.id), 'goes-well-with', inBasket.join(',')],
    queryFn: ({ signal }) => api<{ items: BasketPairing[] }>(sessionPath(session.id, '/goes-well-with'), { signal }),
    enabled: inBasket.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Starts a session; within a visit (`encounterId`) it takes the visit's customer. */
export const startGuidance = (body: {
  setId: string;
  storeId: string;
  customerId?: string | null;
  encounterId?: string | null;
  categoryId: string | null;
  clientId: string;
}) => api<GuidanceSession>('/api/guidance-sessions', { method: 'POST', body });

export const narrowGuidance = (id: string, categoryId: string | null) =>
  api<GuidanceSession>(sessionPath(id), { method: 'PATCH', body: { categoryId } });

/** `replaces` is the answer the screen showed (null for none): the server refuses (409) one changed elsewhere since. */
export const answerQuestion = (id: string, key: string, answer: Answer, replaces: Answer | null) =>
  api<GuidanceSession>(sessionPath(id, `/answers/${encodeURIComponent(key)}`), { method: 'PUT', body: { answer, replaces } });

/** Passes over a question, or takes its answer back (`replaces`, as shown: one changed elsewhere since is kept, 409). */
export const skipQuestion = (id: string, key: string, replaces: Answer | null) =>
  api<GuidanceSession>(sessionPath(id, `/answers/${encodeURIComponent(key)}`), { method: 'DELETE', body: { replaces } });

export const addToBasket = (id: string, body: { clientId: string; variantId: string; quantity: number; listId: string | null }) =>
  api<{ items: BasketLine[] }>(sessionPath(id, '/basket'), { method: 'POST', body });

export const removeFromBasket = (id: string, lineId: string) =>
  api<{ items: BasketLine[] }>(sessionPath(id, `/basket/${encodeURIComponent(lineId)}`), { method: 'DELETE' });

/**
 * Takes a plan: its lines go into the basket and, with `hold`, its units are set aside until
 * `holdUntil` (24 hours when not given). All or nothing: a 409 says what moved.
 */
export const choosePlan = (
  id: string,
  body: {
    clientId: string;
    lines: Pick<PlanLine, 'variantId' | 'quantity' | 'source' | 'storeId'>[];
    hold: boolean;
    holdUntil?: string;
    /** The item and quantity the plan stands in for: what it cannot give here is kept as lost demand. */
    for?: { variantId: string; quantity: number };
  },
) => api<{ basket: BasketLine[]; holds: PlanHold[] }>(sessionPath(id, '/plans'), { method: 'POST', body });

/** Called once the customer has agreed (the screen's checkbox): today's answers kept as preferences on their profile. */
export const saveAnswersToProfile = (id: string) =>
  api<{ saved: { id: string; key: string; value: Record<string, unknown> }[] }>(sessionPath(id, '/save-preferences'), {
    method: 'POST',
    body: { customerAgreed: true },
  });

import { type Answer, questionsToAsk } from '../../../shared/domain/question-sets.ts';
import type { GestureKind } from '../../../shared/domain/visits.ts';
import { type BasketLine, type GuidanceSession, sessionPath } from '../guidance/guidance.api.ts';
import type { StepState, Visit } from '../visits/visits.api.ts';
import type { QueueError, QueueItem } from './sync/queue.ts';

/*
 * What the visit screen shows is the server's visit with the changes still in the queue laid over
 * it, so a step marked, a note written or a gesture given shows at once — marked as waiting to sync
 * (or refused) until the server has it. Pure functions, so the overlay is tested without a browser.
 */

/** Not yet saved: waiting in the queue, or refused by the server (the associate must retry or discard). */
export type PendingState = 'waiting' | 'failed';

export interface ShownStep {
  key: string;
  name: string;
  guidance: string;
  skippable: boolean;
  doneWhen: Visit['steps'][number]['doneWhen'];
  state: StepState;
  at: string | null;
  pending?: PendingState;
  error?: QueueError;
}

export interface ShownNote {
  id: string;
  text: string;
  at: string;
  staffName: string | null;
  pending?: PendingState;
  error?: QueueError;
}

export interface ShownGesture {
  id: string;
  kind: GestureKind;
  description: string;
  cost: number;
  at: string;
  pending?: PendingState;
  error?: QueueError;
}

export interface ShownVisit {
  steps: ShownStep[];
  /** The first step left to do, after the queued marks. */
  currentStep: ShownStep | null;
  notes: ShownNote[];
  gestures: ShownGesture[];
}

/**
 * The queue's items that change this visit, in the order they were made: those queued in its scope
 * (the visit's id: its steps, notes and gestures, and its guided-selling answers and basket lines),
 * and any other change addressed to the visit.
 */
export function itemsForVisit(items: readonly QueueItem[], visitId: string): QueueItem[] {
  const prefix = `/api/encounters/${encodeURIComponent(visitId)}/`;
  return items.filter((i) => i.scope === visitId || i.path.startsWith(prefix)).sort((a, b) => a.seq - b.seq);
}

const kindOf = (item: QueueItem, visitId: string): string => item.path.slice(`/api/encounters/${encodeURIComponent(visitId)}/`.length);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const pendingOf = (item: QueueItem) =>
  item.state === 'failed' ? { pending: 'failed' as const, error: item.error } : { pending: 'waiting' as const };
const iso = (ms: number) => new Date(ms).toISOString();

/** The visit as the screen shows it: the server's visit with the queued changes laid over it. */
export function withPending(visit: Visit, items: readonly QueueItem[]): ShownVisit {
  const mine = itemsForVisit(items, visit.id);
  const steps: ShownStep[] = visit.steps.map((s) => ({ ...s }));
  const notes: ShownNote[] = visit.notes.map((n) => ({ id: n.id, text: n.text, at: n.at, staffName: n.staffName }));
  const savedNotes = new Set(visit.notes.map((n) => n.clientId));
  const gestures: ShownGesture[] = visit.gestures.map((g) => ({
    id: g.id,
    kind: g.kind,
    description: g.description,
    cost: g.cost,
    at: g.givenAt,
  }));

  for (const item of mine) {
    const body = obj(item.body);
    switch (kindOf(item, visit.id)) {
      case 'steps': {
        const step = steps.find((s) => s.key === body.key);
        // The server's answer wins once it has the step; a refused mark leaves the step as it was.
        if (!step || step.state === 'done' || step.state === 'skipped') break;
        Object.assign(step, pendingOf(item));
        if (item.state === 'waiting' && (body.status === 'done' || body.status === 'skipped')) {
          step.state = body.status;
          step.at = iso(item.createdAt);
        }
        break;
      }
      case 'notes': {
        if (savedNotes.has(item.id)) break;
        notes.push({ id: item.id, text: str(body.text), at: iso(item.createdAt), staffName: null, ...pendingOf(item) });
        break;
      }
      case 'gestures': {
        gestures.push({
          id: item.id,
          kind: (str(body.kind) || 'other') as GestureKind,
          description: str(body.description),
          cost: typeof body.cost === 'number' ? body.cost : 0,
          at: iso(item.createdAt),
          ...pendingOf(item),
        });
        break;
      }
    }
  }

  // The current step is the first left to do once the queued marks are counted.
  let current: ShownStep | null = null;
  for (const s of steps) {
    if (s.state === 'current' || s.state === 'to-do') {
      s.state = current ? 'to-do' : 'current';
      current ??= s;
    }
  }
  return { steps, currentStep: current, notes, gestures };
}

/**
 * Why a step cannot be marked now, or null — the server's rule (roadmap.ts `cannotMark`): every
 * earlier step that may not be skipped must be done or skipped first.
 */
export function cannotMarkYet(steps: readonly ShownStep[], key: string): string | null {
  const i = steps.findIndex((s) => s.key === key);
  const step = steps[i];
  if (!step) return 'This visit’s roadmap has no such step.';
  const missing = steps.slice(0, i).find((s) => !s.skippable && s.state !== 'done' && s.state !== 'skipped');
  return missing ? `“${missing.name}” comes before “${step.name}”.` : null;
}

const sessionPrefix = (sessionId: string) => sessionPath(sessionId, '/');

/** A basket line as shown: the server's, or one still in the queue. */
export type ShownBasketLine = BasketLine & { error?: QueueError };

/**
 * A guided-selling session as the screen shows it: the server's session with the answers, skips,
 * category and basket changes still in the queue laid over it, and the questions to ask worked out
 * again from the answers (branching), as the server will. Refused items are left out here: the
 * screen lists them with Retry and Discard.
 */
export function sessionWithPending(session: GuidanceSession, items: readonly QueueItem[]): GuidanceSession {
  const itself = sessionPath(session.id);
  const prefix = sessionPrefix(session.id);
  const waiting = items
    .filter((i) => i.state === 'waiting' && (i.path === itself || i.path.startsWith(prefix)))
    .sort((a, b) => a.seq - b.seq);
  if (!waiting.length) return session;
  const answers = { ...session.answers };
  let skipped = [...session.skipped];
  let basket: ShownBasketLine[] = [...session.basket];
  let category = session.category;
  for (const item of waiting) {
    const rest = item.path === itself ? null : item.path.slice(prefix.length);
    const body = obj(item.body);
    if (rest === null) {
      if (item.method === 'PATCH' && 'categoryId' in body)
        category = session.categoryOptions.find((c) => c.id === body.categoryId) ?? (body.categoryId === null ? null : category);
    } else if (rest.startsWith('answers/')) {
      const key = decodeURIComponent(rest.slice('answers/'.length));
      if (item.method === 'PUT' && body.answer) {
        answers[key] = body.answer as Answer;
        skipped = skipped.filter((k) => k !== key);
      } else if (item.method === 'DELETE') {
        delete answers[key];
        if (!skipped.includes(key)) skipped.push(key);
      }
    } else if (rest === 'basket' && item.method === 'POST' && !basket.some((l) => l.clientId === item.id)) {
      basket.push(pendingLine(item));
    } else if (rest.startsWith('basket/') && item.method === 'DELETE') {
      const lineId = decodeURIComponent(rest.slice('basket/'.length));
      basket = basket.filter((l) => l.id !== lineId);
    }
  }
  return {
    ...session,
    answers,
    skipped,
    category,
    basket,
    toAsk: questionsToAsk(session.set.definition, answers).map((q) => q.key),
  };
}

/** A basket line still in the queue, from its body and what the screen kept to show. */
function pendingLine(item: QueueItem): ShownBasketLine {
  const body = obj(item.body);
  const show = obj(item.show);
  const quantity = typeof body.quantity === 'number' ? body.quantity : 1;
  const unitPrice = typeof show.unitPrice === 'number' ? show.unitPrice : 0;
  return {
    id: item.id,
    clientId: item.id,
    variantId: str(body.variantId),
    productId: str(show.productId),
    title: str(show.title) || 'An item',
    quantity,
    unitPrice,
    total: Math.round(quantity * unitPrice * 100) / 100,
    listId: typeof body.listId === 'string' ? body.listId : null,
    addedAt: iso(item.createdAt),
    ...pendingOf(item),
  };
}

/** The visit's basket lines still in the queue (of any of its sessions), for the basket the screen shows. */
export function pendingBasketLines(visit: Visit, items: readonly QueueItem[]): ShownBasketLine[] {
  const prefixes = visit.guidanceSessions.map((s) => `${sessionPrefix(s.id)}basket`);
  return itemsForVisit(items, visit.id)
    .filter((i) => i.method === 'POST' && prefixes.includes(i.path))
    .map(pendingLine);
}

/** A basket line taken out while its removal waits in the queue: enough to take it off the basket shown. */
export interface RemovedLine {
  variantId: string;
  unitPrice: number;
  quantity: number;
}

/** The visit's basket lines whose removal is still in the queue (refused ones are not counted: the line stays). */
export function removedBasketLines(visit: Visit, items: readonly QueueItem[]): RemovedLine[] {
  const prefixes = visit.guidanceSessions.map((s) => `${sessionPrefix(s.id)}basket/`);
  return itemsForVisit(items, visit.id)
    .filter((i) => i.state === 'waiting' && i.method === 'DELETE' && prefixes.some((p) => i.path.startsWith(p)))
    .map((i) => {
      const show = obj(i.show);
      return {
        variantId: str(show.variantId),
        unitPrice: typeof show.unitPrice === 'number' ? show.unitPrice : 0,
        quantity: typeof show.quantity === 'number' ? show.quantity : 0,
      };
    });
}

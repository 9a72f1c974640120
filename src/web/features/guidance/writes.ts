import { createContext, useContext } from 'react';
import type { Answer } from '../../../shared/domain/question-sets.ts';
import {
  addToBasket,
  answerQuestion,
  type BasketLine,
  type GuidanceSession,
  narrowGuidance,
  removeFromBasket,
  saveAnswersToProfile,
  skipQuestion,
} from './guidance.api.ts';

/** A basket line as a recommendation card adds it: what the server needs, and what the screen shows until it is saved. */
export interface NewBasketLine {
  clientId: string;
  variantId: string;
  productId: string;
  quantity: number;
  listId: string | null;
  title: string;
  unitPrice: number;
}

/** Preferences kept on the customer's profile from today's answers, as the server answers. */
export type SavedPreferences = Awaited<ReturnType<typeof saveAnswersToProfile>>['saved'];

/**
 * How a guided-selling session's answers and basket lines reach the server. On the guided-selling
 * pages they are sent at once; the visit screen provides writes that go through its sync queue, so
 * they survive bad Wi-Fi. Each write resolves with the session (or basket) as the screen should now
 * show it.
 */
export interface GuidanceWrites {
  answer(session: GuidanceSession, key: string, answer: Answer): Promise<GuidanceSession>;
  skip(session: GuidanceSession, key: string): Promise<GuidanceSession>;
  addToBasket(session: GuidanceSession, line: NewBasketLine): Promise<BasketLine[]>;
  /** Takes a line out of the basket; resolves with the basket as it should now be shown. */
  removeFromBasket(session: GuidanceSession, line: BasketLine): Promise<BasketLine[]>;
  /** Narrows the recommendations to one category, or back to all with null. */
  narrow(session: GuidanceSession, categoryId: string | null): Promise<GuidanceSession>;
  /** Keeps today's answers on the customer's profile: what was saved, or null when it waits to be sent. */
  keepAnswers(session: GuidanceSession): Promise<SavedPreferences | null>;
  /** Said to a screen reader after an answer: "saved", or "kept on this tablet". */
  answeredWords: string;
  /**
   * Whether the server can be reached now. What needs its answer to go on (a plan with a hold must
   * know the stock allowed it) is offered only then, and says so otherwise.
   */
  online: boolean;
}

/** Straight to the server: the default. */
export const directWrites: GuidanceWrites = {
  answer: (session, key, answer) => answerQuestion(session.id, key, answer, session.answers[key] ?? null),
  skip: (session, key) => skipQuestion(session.id, key, session.answers[key] ?? null),
  addToBasket: async (session, line) =>
    (await addToBasket(session.id, { clientId: line.clientId, variantId: line.variantId, quantity: line.quantity, listId: line.listId }))
      .items,
  removeFromBasket: async (session, line) => (await removeFromBasket(session.id, line.id)).items,
  narrow: (session, categoryId) => narrowGuidance(session.id, categoryId),
  keepAnswers: async (session) => (await saveAnswersToProfile(session.id)).saved,
  answeredWords: 'Answer saved.',
  // Sent at once: a request that finds no server says so where it was made.
  online: true,
};

export const GuidanceWritesContext = createContext<GuidanceWrites>(directWrites);

export const useGuidanceWrites = () => useContext(GuidanceWritesContext);

import { createContext, useContext } from 'react';
import type { Answer } from '../../../shared/domain/question-sets.ts';
import { addToBasket, answerQuestion, type BasketLine, type GuidanceSession, skipQuestion } from './guidance.api.ts';

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
  /** Said to a screen reader after an answer: "saved", or "kept on this tablet". */
  answeredWords: string;
}

/** Straight to the server: the default. */
export const directWrites: GuidanceWrites = {
  answer: (session, key, answer) => answerQuestion(session.id, key, answer),
  skip: (session, key) => skipQuestion(session.id, key),
  addToBasket: async (session, line) =>
    (await addToBasket(session.id, { clientId: line.clientId, variantId: line.variantId, quantity: line.quantity, listId: line.listId }))
      .items,
  answeredWords: 'Answer saved.',
};

export const GuidanceWritesContext = createContext<GuidanceWrites>(directWrites);

export const useGuidanceWrites = () => useContext(GuidanceWritesContext);

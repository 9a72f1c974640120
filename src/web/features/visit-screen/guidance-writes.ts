import type { Answer } from '../../../shared/domain/question-sets.ts';
import { newClientId } from '../../api.ts';
import { type GuidanceSession, sessionPath } from '../guidance/guidance.api.ts';
import { categoryLabel } from '../guidance/guidance-words.ts';
import type { GuidanceWrites } from '../guidance/writes.ts';
import { sessionWithPending } from './pending.ts';
import type { Queue, QueueItem } from './sync/queue.ts';

const answerPath = (sessionId: string, key: string) => sessionPath(sessionId, `/answers/${encodeURIComponent(key)}`);

/** The question's prompt, for the words a queued change is listed with. */
const promptOf = (session: GuidanceSession, key: string) => session.set.definition.questions.find((q) => q.key === key)?.prompt ?? key;

/**
 * Guided-selling writes for the visit screen: each answer, skip, basket line added or taken out,
 * narrowing and keeping of the answers goes into the sync queue (in the visit's scope, so it is
 * sent in order with the visit's other changes), and the screen shows the session with it laid
 * over at once. `online` says whether the server can be reached, for what needs its answer.
 */
export function queuedWrites(queue: Queue, visitId: string, online: boolean): GuidanceWrites {
  // What the screen shows next: the session with this change, as `sessionWithPending` lays it over.
  const after = async (session: GuidanceSession, item: QueueItem) => sessionWithPending(session, [item]);
  return {
    answer: async (session, key, answer: Answer) =>
      after(
        session,
        await queue.enqueue({
          id: newClientId('a'),
          scope: visitId,
          method: 'PUT',
          path: answerPath(session.id, key),
          // The answer shown, queued changes included: the server refuses one changed on another device since.
          body: { answer, replaces: session.answers[key] ?? null },
          label: `Answer to “${promptOf(session, key)}”`,
        }),
      ),
    skip: async (session, key) =>
      after(
        session,
        await queue.enqueue({
          id: newClientId('a'),
          scope: visitId,
          method: 'DELETE',
          path: answerPath(session.id, key),
          body: { replaces: session.answers[key] ?? null },
          label: `“${promptOf(session, key)}” skipped`,
        }),
      ),
    addToBasket: async (session, line) => {
      const item = await queue.enqueue({
        scope: visitId,
        path: sessionPath(session.id, '/basket'),
        body: { clientId: line.clientId, variantId: line.variantId, quantity: line.quantity, listId: line.listId },
        show: { title: line.title, unitPrice: line.unitPrice, productId: line.productId },
        label: `${line.quantity} × ${line.title} in the basket`,
      });
      return (await after(session, item)).basket;
    },
    // Taking a line out again is a repeat on the server, so a replay changes nothing.
    removeFromBasket: async (session, line) => {
      const item = await queue.enqueue({
        id: newClientId('r'),
        scope: visitId,
        method: 'DELETE',
        path: sessionPath(session.id, `/basket/${encodeURIComponent(line.id)}`),
        show: { title: line.title, variantId: line.variantId, quantity: line.quantity, unitPrice: line.unitPrice },
        label: `${line.title} taken out of the basket`,
      });
      return (await after(session, item)).basket;
    },
    narrow: async (session, categoryId) => {
      const category = session.categoryOptions.find((c) => c.id === categoryId);
      return after(
        session,
        await queue.enqueue({
          id: newClientId('n'),
          scope: visitId,
          method: 'PATCH',
          path: sessionPath(session.id),
          body: { categoryId },
          label: category ? `Recommending from ${categoryLabel(category.path)}` : 'Recommending from everything',
        }),
      );
    },
    // The server keeps each preference once, so a replay saves nothing twice.
    keepAnswers: async (session) => {
      await queue.enqueue({
        id: newClientId('k'),
        scope: visitId,
        path: sessionPath(session.id, '/save-preferences'),
        // Sent only once the customer has agreed (the screen's checkbox).
        body: { customerAgreed: true },
        label: 'Today’s answers kept on the profile',
      });
      return null;
    },
    answeredWords: 'Answer noted.',
    online,
  };
}

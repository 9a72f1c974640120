import type { Answer } from '../../../shared/domain/question-sets.ts';
import { newClientId } from '../../api.ts';
import { type GuidanceSession, sessionPath } from '../guidance/guidance.api.ts';
import type { GuidanceWrites } from '../guidance/writes.ts';
import { sessionWithPending } from './pending.ts';
import type { Queue, QueueItem } from './sync/queue.ts';

const answerPath = (sessionId: string, key: string) => sessionPath(sessionId, `/answers/${encodeURIComponent(key)}`);

/** The question's prompt, for the words a queued change is listed with. */
const promptOf = (session: GuidanceSession, key: string) => session.set.definition.questions.find((q) => q.key === key)?.prompt ?? key;

/**
 * Guided-selling writes for the visit screen: each answer, skip and basket line goes into the sync
 * queue (in the visit's scope, so it is sent in order with the visit's other changes), and the
 * screen shows the session with it laid over at once.
 */
export function queuedWrites(queue: Queue, visitId: string): GuidanceWrites {
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
          body: { answer },
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
    answeredWords: 'Answer noted.',
  };
}

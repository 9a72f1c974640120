import { createContext, type ReactNode, useContext } from 'react';
import type { Queue } from './sync/queue.ts';

/** The app's one change queue (created in main.tsx), for every screen that records changes through it. */
const QueueContext = createContext<Queue | null>(null);

export function QueueProvider({ queue, children }: { queue: Queue; children: ReactNode }) {
  return <QueueContext.Provider value={queue}>{children}</QueueContext.Provider>;
}

/** The app's change queue; only available inside `QueueProvider`. */
export function useSyncQueue(): Queue {
  const queue = useContext(QueueContext);
  if (!queue) throw new Error('useSyncQueue is only available inside QueueProvider (see main.tsx).');
  return queue;
}

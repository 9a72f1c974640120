import type { Visit } from '../visits/visits.api.ts';
import { itemsForVisit } from './pending.ts';
import { visitPath } from './screen.api.ts';
import type { QueueItem } from './sync/queue.ts';

/*
 * "Give space": the associate steps back and the customer decides in peace. The screen keeps a quiet
 * timer (time given, counting up, never a countdown). Each space's start and end go through the sync
 * queue to the server, which keeps them for coaching (`times.secondsGiven`) and says when a space
 * is under way (`times.spaceSince`), so a reload, or a colleague's tablet, shows it too.
 */

/** When the space under way began: the server's, with the starts and ends still in the queue laid over it; null when none. */
export function spaceSince(visit: Visit, items: readonly QueueItem[]): string | null {
  let since = visit.times.spaceSince;
  for (const item of itemsForVisit(items, visit.id)) {
    if (item.state !== 'waiting') continue;
    if (item.path === visitPath(visit.id, '/space')) since ??= new Date(item.createdAt).toISOString();
    else if (item.path === visitPath(visit.id, '/space/end')) since = null;
  }
  return since;
}

/** Whole seconds from an ISO time to now; never below nothing (a tablet's clock may be behind). */
export function secondsSince(since: string | null, now: number): number {
  return since === null ? 0 : Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
}

import { useMemo, useSyncExternalStore } from 'react';
import { type Queue, type QueueStatus, STARTING_STATUS } from './queue.ts';

/** What the sync indicator shows: its tone (for colour and icon), its words, and a line under them. */
export interface SyncIndicator {
  tone: 'saved' | 'waiting' | 'attention';
  text: string;
  detail?: string;
}

/**
 * The indicator's words for a status. A refusal outranks waiting (the associate must act); an
 * expired session is shown as needing attention too, since nothing will be sent until they sign in.
 */
export function syncIndicator(s: QueueStatus): SyncIndicator {
  const also = s.waiting ? `${s.waiting} more waiting to sync` : undefined;
  if (s.failed.length) return { tone: 'attention', text: `Needs attention (${s.failed.length})`, ...(also ? { detail: also } : {}) };
  if (s.signedOut && s.waiting) return { tone: 'attention', text: `Waiting to sync (${s.waiting})`, detail: 'Sign in again to send them.' };
  if (s.waiting) {
    const detail = !s.online
      ? 'Offline: changes are kept on this tablet.'
      : s.sending
        ? 'Sending…'
        : (s.lastError?.message ?? 'Sending shortly.');
    return { tone: 'waiting', text: `Waiting to sync (${s.waiting})`, detail };
  }
  if (s.loading) return { tone: 'waiting', text: 'Checking…' };
  return { tone: 'saved', text: 'Saved' };
}

/**
 * The queue's status, re-rendering on each change, with the indicator's words. A page the server
 * rendered starts from the status it was rendered with, so taking it over changes nothing on screen.
 */
export function useQueue(queue: Queue): { status: QueueStatus; indicator: SyncIndicator } {
  const status = useSyncExternalStore(queue.subscribe, queue.getStatus, () => STARTING_STATUS);
  const indicator = useMemo(() => syncIndicator(status), [status]);
  return { status, indicator };
}

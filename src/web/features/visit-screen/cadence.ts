/*
 * "Give space": the associate steps back and the customer decides in peace. The screen keeps a quiet
 * timer (time given, counting up, never a countdown). Its state is kept in the tab's sessionStorage,
 * so a reload in the middle of giving space does not bring the selling prompts back.
 */

export interface SpaceState {
  /** Device time the current space began; null when the associate is with the customer. */
  since: number | null;
  /** Milliseconds given in earlier spaces of this visit. */
  givenMs: number;
}

export const NO_SPACE: SpaceState = { since: null, givenMs: 0 };

export function startSpace(s: SpaceState, now: number): SpaceState {
  return s.since === null ? { ...s, since: now } : s;
}

export function endSpace(s: SpaceState, now: number): SpaceState {
  return s.since === null ? s : { since: null, givenMs: s.givenMs + Math.max(0, now - s.since) };
}

/** Seconds of the current space so far (0 when none is under way). */
export function spaceSeconds(s: SpaceState, now: number): number {
  return s.since === null ? 0 : Math.max(0, Math.floor((now - s.since) / 1000));
}

/** Seconds given to decide in this visit, the current space included. */
export function givenSeconds(s: SpaceState, now: number): number {
  return Math.floor(s.givenMs / 1000) + spaceSeconds(s, now);
}

const key = (visitId: string) => `ones:give-space:${visitId}`;

/** The visit's give-space state as kept in this tab; anything unreadable counts as none. */
export function loadSpace(storage: Pick<Storage, 'getItem'> | undefined, visitId: string): SpaceState {
  try {
    const raw = JSON.parse(storage?.getItem(key(visitId)) ?? 'null') as Partial<SpaceState> | null;
    const since = typeof raw?.since === 'number' && Number.isFinite(raw.since) ? raw.since : null;
    const givenMs = typeof raw?.givenMs === 'number' && raw.givenMs >= 0 ? raw.givenMs : 0;
    return { since, givenMs };
  } catch {
    return NO_SPACE;
  }
}

export function saveSpace(storage: Pick<Storage, 'setItem'> | undefined, visitId: string, s: SpaceState): void {
  try {
    storage?.setItem(key(visitId), JSON.stringify(s));
  } catch {
    // Private mode or a full storage: the timer still runs for this page.
  }
}

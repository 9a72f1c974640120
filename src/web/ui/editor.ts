/**
 * What the editors of an ordered list of cards (question sets, the roadmap) share: mistakes placed
 * at the field that shows them, which cards are open, focus that follows the owner's work, and
 * unsaved work kept from a closed tab.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';

/** A mistake as a checker or the server names it: where, by path, and what. */
export interface Mistake {
  path: string;
  message: string;
}

/** A mistake placed at the field that shows it. */
export interface Placed {
  place: string;
  message: string;
}

/** A card of an ordered editor: its own id, and whether it is still being written for the first time. */
export interface DraftItem {
  uid: string;
  /** Added in this editing session and not yet written in: its mistakes wait until a save is tried. */
  fresh: boolean;
}

/** The mistakes the server named when it refused a save, while the editor still holds what was sent. */
export function refusedMistakes(error: unknown, sent: string | undefined, now: string, normalise = (path: string) => path): Mistake[] {
  return error instanceof ApiError && error.code === 'validation_failed' && sent === now
    ? error.fields.map((f) => ({ path: normalise(f.field), message: f.message }))
    : [];
}

/**
 * Each mistake at the field that shows it, once. What is not written yet is not a mistake yet:
 * until a save is tried, a card added in this session keeps its mistakes to itself, and so do the
 * places `waits` names.
 */
export function placeMistakes(
  mistakes: Iterable<Mistake>,
  placeOf: (path: string) => string,
  until: { attempted: boolean; cards: DraftItem[]; cardOf: (place: string) => number | null; waits?: (place: string) => boolean },
): Placed[] {
  const notYet = (place: string) => {
    if (until.attempted) return false;
    const index = until.cardOf(place);
    return (index !== null && until.cards[index]?.fresh === true) || until.waits?.(place) === true;
  };
  const seen = new Set<string>();
  const out: Placed[] = [];
  for (const m of mistakes) {
    const place = placeOf(m.path);
    if (notYet(place)) continue;
    const id = `${place}\n${m.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ place, message: m.message });
  }
  return out;
}

/** The DOM id of the input for a placed path (`qs`, `questions[2].prompt` → `qs-questions-2-prompt`). */
export const placeId = (prefix: string, place: string) => `${prefix}-${place.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** The DOM id of a card's up or down button (`question-3`, `up` → `question-3-up`). */
export const moveButtonId = (cardId: string, direction: 'up' | 'down') => `${cardId}-${direction}`;

/** Unsaved work is not lost to a closed tab by accident. */
export function useWarnBeforeUnload(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/**
 * A function that takes the owner to an element by DOM id once it is on screen (a summary link, a
 * new card, a moved card): the element itself when it takes focus, else the first input inside it.
 */
export function useFocusField(): (id: string) => void {
  const [focusOn, setFocusOn] = useState<string | null>(null);
  useEffect(() => {
    if (!focusOn) return;
    const element = document.getElementById(focusOn);
    setFocusOn(null);
    if (!element) return;
    const target = element.matches('input, select, textarea, button, [tabindex]')
      ? element
      : (element.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button') ?? element);
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center' });
  }, [focusOn]);
  return setFocusOn;
}

/**
 * The cards of an ordered editor as the owner works through them: which are open (by uid), and the
 * focus that follows a card as it is added, moved or gone to from the summary of mistakes.
 * `cardId` gives the start of a card's DOM ids, as its `EditorCard` has them.
 */
export function useEditorCards(cards: { uid: string }[], cardId: (uid: string) => string, initiallyOpen: () => Iterable<string>) {
  const [open, setOpen] = useState<Set<string>>(() => new Set(initiallyOpen()));
  const focus = useFocusField();
  const show = (uid: string | undefined) => {
    if (uid) setOpen((o) => new Set(o).add(uid));
  };
  const uids = cards.map((c) => c.uid);
  return {
    /** Takes the owner to an element by DOM id once it is on screen. */
    focus,
    isOpen: (uid: string) => open.has(uid),
    /** Opens a closed card or closes an open one; true when it closes. */
    toggle(uid: string): boolean {
      const closing = open.has(uid);
      setOpen((o) => {
        const next = new Set(o);
        if (closing) next.delete(uid);
        else next.add(uid);
        return next;
      });
      return closing;
    },
    allOpen: uids.length > 0 && uids.every((uid) => open.has(uid)),
    /** Every card open (true) or none (false). */
    setAllOpen: (opened: boolean) => setOpen(opened ? new Set(uids) : new Set()),
    closeAll: () => setOpen(new Set()),
    /** Opens the card at `index`, if any, and takes the owner to the element `id` (in it, or anywhere). */
    goTo(index: number | null, id: string) {
      show(index === null ? undefined : cards[index]?.uid);
      focus(id);
    },
    /** A card just added: open, with the owner at the element `id` in it. */
    added(uid: string, id: string) {
      show(uid);
      focus(id);
    },
    /** Focus follows a card being moved; at the top or bottom the other arrow takes it. Call it with the cards before the move. */
    moving(uid: string, delta: -1 | 1) {
      const to = cards.findIndex((c) => c.uid === uid) + delta;
      const edge = to === 0 || to === cards.length - 1;
      focus(moveButtonId(cardId(uid), edge ? (delta === -1 ? 'down' : 'up') : delta === -1 ? 'up' : 'down'));
    },
  };
}

/** A card written and closed: its mistakes may show now. */
export const written = <T extends DraftItem>(item: T): T => (item.fresh ? { ...item, fresh: false } : item);

/** The list with one item changed. */
export const updated = <T extends { uid: string }>(items: T[], uid: string, change: (item: T) => T): T[] =>
  items.map((item) => (item.uid === uid ? change(item) : item));

/** The list with one item moved up (-1) or down (+1); the same list when it cannot move that way. */
export function moved<T extends { uid: string }>(items: T[], uid: string, delta: -1 | 1): T[] {
  const i = items.findIndex((item) => item.uid === uid);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= items.length) return items;
  const out = [...items];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

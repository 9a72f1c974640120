import { useEffect } from 'react';

/*
 * Copies of what a screen last showed, kept in this tab (sessionStorage), so the visit screen still
 * opens after a reload while Ones cannot be reached. Only the tab keeps them: closing it forgets
 * them, and so does anyone signing in or out (`startSession`), so one person's copy is never shown
 * to the next. Storage that is full or switched off just means no copy.
 */

const PREFIX = 'ones.kept:';

export interface Kept<T> {
  data: T;
  /** Device time when it was kept, ms. */
  at: number;
}

const storage = (): Storage | undefined => {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
};

const name = (key: readonly unknown[]) => PREFIX + JSON.stringify(key);

export function keepCopy(key: readonly unknown[], data: unknown, at = Date.now()): void {
  try {
    storage()?.setItem(name(key), JSON.stringify({ data, at }));
  } catch {
    // Full or unavailable: the screen works without a copy.
  }
}

export function keptCopy<T>(key: readonly unknown[]): Kept<T> | undefined {
  try {
    const text = storage()?.getItem(name(key));
    if (!text) return undefined;
    const kept = JSON.parse(text) as Kept<T>;
    return typeof kept?.at === 'number' && kept.data != null ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** Query options that start from the kept copy, if any, as data from when it was kept (so it is read again). */
export function fromKeptCopy<T>(key: readonly unknown[]): { initialData?: T; initialDataUpdatedAt?: number } {
  const kept = keptCopy<T>(key);
  return kept ? { initialData: kept.data, initialDataUpdatedAt: kept.at } : {};
}

export function forgetCopies(): void {
  const s = storage();
  if (!s) return;
  try {
    for (const k of Object.keys(s)) if (k.startsWith(PREFIX)) s.removeItem(k);
  } catch {
    // Nothing kept, or nothing that can be removed.
  }
}

/** Keeps a copy of what a screen shows each time it changes. */
export function useKeptCopy(key: readonly unknown[], data: unknown): void {
  const name = JSON.stringify(key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is compared by its JSON
  useEffect(() => {
    if (data !== undefined && data !== null) keepCopy(key, data);
  }, [name, data]);
}

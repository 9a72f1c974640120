import { useEffect, useState } from 'react';
import { keepCopy, keptCopy } from '../../kept.ts';

/** Where a visit's unsent field is kept: one key per visit and field. */
export const draftKey = (visitId: string, field: 'note' | 'gesture') => ['visit-draft', visitId, field] as const;

/**
 * A field's value on the visit screen, kept in the tab as it is typed (with the screen's other
 * copies, `kept.ts`), so a reload before it is submitted brings it back; `clear` once it is
 * submitted. Sign-in and sign-out forget it with the rest, so the next person never sees it. The
 * kept value is read after the first render: a page the server rendered is taken over unchanged.
 * Without a key nothing is kept.
 */
export function useDraft<T>(key: readonly unknown[] | null, empty: T): [T, (next: T) => void, () => void] {
  const [value, setValue] = useState(empty);
  const name = key ? JSON.stringify(key) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is compared by its JSON
  useEffect(() => {
    const kept = key ? keptCopy<T>(key) : undefined;
    if (kept) setValue(kept.data);
  }, [name]);
  const set = (next: T) => {
    setValue(next);
    if (key) keepCopy(key, next);
  };
  const clear = () => set(empty);
  return [value, set, clear];
}

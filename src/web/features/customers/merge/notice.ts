/** What a page passes in the history entry to show a one-off confirmation on the next page. */
export interface FlashState {
  flash: string;
}

export function flashOf(state: unknown): string | null {
  const flash = (state as Partial<FlashState> | null)?.flash;
  return typeof flash === 'string' ? flash : null;
}

/** "22 December 2026": the last day a merge can be undone. */
export function undoDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}

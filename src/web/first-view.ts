import type { QueryClient } from '@tanstack/react-query';

/*
 * A screen's first view, rendered by the server into its HTML (see src/server/http/web.ts): the
 * page shows at once, before the app's script has arrived, and the app then takes over the same
 * markup with the same data instead of asking for it again. Only the visit screen is rendered so.
 */

/** The queries the server answered for the page: each query key with its data. */
export type FirstViewQueries = [key: readonly unknown[], data: unknown][];

/** Where the page carries its queries: a JSON script element of this id. */
export const FIRST_VIEW_ID = 'ones-first-view';

/** The page's queries, put into the client's cache (once: the element is removed); false when the server rendered none. */
export function takeFirstView(queryClient: QueryClient): boolean {
  const element = document.getElementById(FIRST_VIEW_ID);
  if (!element) return false;
  element.remove();
  try {
    const queries = JSON.parse(element.textContent ?? '') as FirstViewQueries;
    for (const [key, data] of queries) queryClient.setQueryData(key, data);
    return true;
  } catch {
    return false;
  }
}

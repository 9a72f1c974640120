import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';
import type { ProductSummary } from '../catalog/catalog.api.ts';
import { type GuidanceSession, type Recommendation, sessionKey, sessionPath } from './guidance.api.ts';

/** `POST /api/guidance-sessions/:id/compare`: the options side by side, with a choice or an honest "either fits". */
export interface Comparison {
  listId: string;
  quantity: number;
  currency: string;
  /** In the order asked. */
  options: Recommendation[];
  /** The better option's variant id; null when they are close. */
  choice: string | null;
  reasons: string[];
  close: boolean;
  /** The three or four questions of the set that tell these options apart, in the set's order. */
  shortPath: { key: string; answered: boolean }[];
}

/**
 * The comparison of these options against the answers as they are: asked once per set of
 * options and answers, so an answer changed re-compares and coming back shows the same one.
 */
export function useComparison(session: GuidanceSession, variantIds: string[]) {
  return useQuery({
    queryKey: [...sessionKey(session.id), 'compare', variantIds.join(','), JSON.stringify(session.answers)],
    queryFn: () => api<Comparison>(sessionPath(session.id, '/compare'), { method: 'POST', body: { variantIds } }),
    enabled: variantIds.length >= 2,
    staleTime: Number.POSITIVE_INFINITY,
    // The comparison on screen stays while the next one is made.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * Products to choose options from: those whose words match, or without words those of the visit's
 * category. The catalog list is open to every role, the ambassador's included.
 */
export function useOptionSearch(q: string, categoryId: string | null, storeId: string) {
  const words = q.trim();
  const query = new URLSearchParams({ storeId, limit: '12' });
  if (words) query.set('q', words);
  else if (categoryId) query.set('categoryId', categoryId);
  return useQuery({
    queryKey: ['catalog', 'list', 'options', query.toString()],
    queryFn: ({ signal }) => api<{ items: ProductSummary[]; nextCursor: string | null }>(`/api/products?${query}`, { signal }),
    enabled: words.length > 0 || categoryId !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { matchPath, StaticRouter } from 'react-router';
import { App } from './App.tsx';
import { ME_KEY } from './features/auth/auth.api.ts';
import { screenKey, visitPath } from './features/visit-screen/screen.api.ts';
import { type Queue, STARTING_STATUS } from './features/visit-screen/sync/queue.ts';
import type { FirstViewQueries } from './first-view.ts';
import { Providers } from './providers.tsx';

/** On the server nothing is queued: the first view shows the queue as a tablet does before it has read its own. */
const NOTHING_QUEUED: Queue = {
  ready: Promise.resolve(),
  enqueue: () => Promise.reject(new Error('Changes are queued in the browser, not on the server.')),
  getStatus: () => STARTING_STATUS,
  subscribe: () => () => undefined,
  onSaved: () => () => undefined,
  list: async () => [],
  retry: async () => undefined,
  discard: async () => undefined,
  tryNow: async () => undefined,
  serverId: async () => undefined,
  idle: async () => undefined,
  close: () => undefined,
};

/**
 * What the server reads for a page's first view: each query key of the page's first render with the
 * API path that answers it. Only the visit screen, which a tablet on poor Wi-Fi opens in front of
 * the customer, is rendered on the server; other pages get nothing here and render in the browser.
 */
export function firstViewReads(url: string): { key: readonly unknown[]; path: string }[] {
  const visit = matchPath('/visits/:id/live', new URL(url, 'http://ones').pathname);
  const id = visit?.params.id;
  if (!id) return [];
  return [
    { key: ME_KEY, path: '/api/me' },
    { key: screenKey(id), path: visitPath(id, '/screen') },
  ];
}

/** The markup of the app at `url` with these queries answered; queries not among them render as loading. */
export function renderFirstView(url: string, queries: FirstViewQueries): string {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
  for (const [key, data] of queries) queryClient.setQueryData(key, data);
  try {
    return renderToString(
      <Providers queryClient={queryClient} queue={NOTHING_QUEUED}>
        <StaticRouter location={url}>
          <App />
        </StaticRouter>
      </Providers>,
    );
  } finally {
    queryClient.clear();
  }
}

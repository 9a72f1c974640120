import '@mantine/core/styles.css';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { ApiError } from './api.ts';
import { ME_KEY } from './features/auth/auth.api.ts';
import { createQueue } from './features/visit-screen/sync/queue.ts';
import { takeFirstView } from './first-view.ts';
import { Providers } from './providers.tsx';
import { registerServiceWorker } from './service-worker.ts';

/** A session that ended elsewhere (expired, password changed, deactivated) sends the person to sign in. */
function onError(err: unknown) {
  if (err instanceof ApiError && err.code === 'unauthenticated') queryClient.setQueryData(ME_KEY, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // Client errors (403, 404…) will not change on a retry; server hiccups might.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * The one change queue of the app: what the visit screen records is written to IndexedDB first and
 * sent from here, whatever page is open, so changes left by a reload go out when the app starts again.
 */
const queue = createQueue();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const app = (
  <Providers queryClient={queryClient} queue={queue}>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </Providers>
);
// A page the server rendered (src/web/first-view.ts) is taken over as it is; any other is rendered here.
if (takeFirstView(queryClient) && root.firstChild) hydrateRoot(root, app);
else createRoot(root).render(app);

registerServiceWorker();

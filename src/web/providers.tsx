import { MantineProvider } from '@mantine/core';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode } from 'react';
import { QueueProvider } from './features/visit-screen/queue-context.tsx';
import type { Queue } from './features/visit-screen/sync/queue.ts';
import { cssVariablesResolver, theme } from './theme.ts';

/** What every page stands in, in the browser (main.tsx) and when the server renders a first view (entry-server.tsx). */
export function Providers({ queryClient, queue, children }: { queryClient: QueryClient; queue: Queue; children: ReactNode }) {
  return (
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <QueueProvider queue={queue}>{children}</QueueProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>
  );
}

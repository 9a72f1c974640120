import { Alert, Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api.ts';
import { useSyncQueue } from './queue-context.tsx';
import type { Queue, QueueItem } from './sync/queue.ts';
import { useQueue } from './sync/useQueue.ts';

/** Every item still in the queue, read again whenever the queue's status changes. */
export function useQueuedItems(queue: Queue): QueueItem[] {
  const { status } = useQueue(queue);
  const [items, setItems] = useState<QueueItem[]>([]);
  useEffect(() => {
    let live = true;
    // `status` is a new object after every change to the queue: read the items again then.
    void status;
    queue
      .list()
      .then((list) => {
        if (live) setItems(list);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [queue, status]);
  return items;
}

const TONE = {
  saved: { color: 'moss.8', variant: 'outline' },
  waiting: { color: 'yellow.4', variant: 'filled' },
  attention: { color: 'red.8', variant: 'filled' },
} as const;

/** "Saved" / "Waiting to sync (N)" / "Needs attention (N)", announced politely as it changes. */
export function SyncBadge() {
  const { indicator } = useQueue(useSyncQueue());
  const tone = TONE[indicator.tone];
  return (
    <Stack gap={2} align="flex-end" role="status" aria-live="polite" aria-atomic="true" maw="45%" style={{ flexShrink: 0 }}>
      <Badge color={tone.color} variant={tone.variant} autoContrast size="lg" style={{ textTransform: 'none' }}>
        {indicator.text}
      </Badge>
      {indicator.detail && (
        <Text size="sm" c="dimmed" ta="right">
          {indicator.detail}
        </Text>
      )}
    </Stack>
  );
}

/** The changes the server refused, each with the reason and Retry / Discard; nothing when there are none. */
export function FailedChanges({ items }: { items: QueueItem[] }) {
  const queue = useSyncQueue();
  const [error, setError] = useState<unknown>(null);
  const failed = items.filter((i) => i.state === 'failed');
  if (failed.length === 0) return null;
  const act = (fn: () => Promise<void>) => {
    setError(null);
    fn().catch(setError);
  };
  return (
    <Alert color="red" variant="light" title="These changes were not saved" aria-live="polite">
      <Stack gap="sm">
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {failed.map((i) => (
            <Box component="li" key={i.id} py={6}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {i.label ?? 'A change'}
              </Text>
              <Text size="sm">{i.error?.message ?? 'The server refused it.'}</Text>
              <Group gap="sm" mt={6}>
                <Button
                  size="sm"
                  variant="white"
                  color="red"
                  onClick={() => act(() => queue.retry(i.id))}
                  aria-label={`Retry: ${i.label ?? 'change'}`}
                >
                  Retry
                </Button>
                <Button
                  size="sm"
                  variant="subtle"
                  color="red"
                  onClick={() => act(() => queue.discard(i.id))}
                  aria-label={`Discard: ${i.label ?? 'change'}`}
                >
                  Discard
                </Button>
              </Group>
            </Box>
          ))}
        </Box>
        {error ? <Text size="sm">{errorMessage(error)}</Text> : null}
      </Stack>
    </Alert>
  );
}

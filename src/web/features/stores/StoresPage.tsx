import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { can, useSignedIn } from '../auth/me-context.ts';
import { money } from '../customers/format.ts';
import { StoreForm } from './StoreForm.tsx';
import { formatAddress, type Store, useStores } from './stores.api.ts';

/** `/stores`: the stores the person works in; owners add and edit them. */
export function StoresPage() {
  const me = useSignedIn();
  const stores = useStores();
  const manage = can(me, 'stores.manage');
  const [editing, setEditing] = useState<Store | 'new' | null>(null);

  const addButton = manage ? <Button onClick={() => setEditing('new')}>Add store</Button> : null;
  return (
    <Page title="Stores" actions={addButton}>
      {stores.isPending ? (
        <LoadingState label="Loading stores…" />
      ) : stores.isError ? (
        <ErrorState error={stores.error} onRetry={() => stores.refetch()} />
      ) : stores.data.length === 0 ? (
        <Empty
          title="No stores yet"
          description={manage ? 'Add your first store to give your team somewhere to work.' : 'You are not assigned to a store yet.'}
          action={addButton}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {stores.data.map((s) => (
            <Card key={s.id} withBorder padding="lg" component="article" aria-labelledby={`store-${s.id}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Title order={2} size="h3" id={`store-${s.id}`}>
                    {s.name}
                  </Title>
                  {s.id === me.currentStoreId && (
                    <Text size="sm" fw={600} c="moss.8">
                      You are here
                    </Text>
                  )}
                </Group>
                <Text>{formatAddress(s.address) || 'No address yet'}</Text>
                <Text size="sm" c="dimmed">
                  Time zone {s.timeZone}
                  {s.latitude !== null && s.longitude !== null ? ` · ${s.latitude.toFixed(4)}, ${s.longitude.toFixed(4)}` : ''}
                </Text>
                <Text size="sm">
                  Budget for gestures: <strong>{money(s.gestureBudget, me)}</strong> a month
                </Text>
                {manage && (
                  <Group>
                    <Button variant="light" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                      Edit
                    </Button>
                  </Group>
                )}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {editing && <StoreForm store={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Page>
  );
}

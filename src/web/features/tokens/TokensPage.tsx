import { Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLE_LABEL } from '../../../shared/domain/roles.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { useStores } from '../stores/stores.api.ts';
import { TokenForm } from './TokenForm.tsx';
import { type ApiToken, revokeToken, TOKENS_KEY, useTokens } from './tokens.api.ts';

/** `/tokens` (owners): integration tokens for tills, web shops and other systems. */
export function TokensPage() {
  const me = useSignedIn();
  const tokens = useTokens();
  const stores = useStores();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const storeName = new Map((stores.data ?? []).map((s) => [s.id, s.name]));
  const date = new Intl.DateTimeFormat(me.retailer.locale, { dateStyle: 'medium' });

  const revoke = useMutation({
    mutationFn: (t: ApiToken) => revokeToken(t.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
      setRevoking(null);
    },
  });
  const closeRevoke = () => {
    revoke.reset();
    setRevoking(null);
  };

  const createButton = <Button onClick={() => setCreating(true)}>Create token</Button>;
  return (
    <Page title="API tokens" actions={createButton}>
      <Text c="dimmed">
        Tokens let other systems (your till, web shop or marketing tools) use the Ones API. Each acts with one role in the stores you
        choose.
      </Text>
      {tokens.isPending ? (
        <LoadingState label="Loading tokens…" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Empty title="No tokens yet" description="Create one when you connect another system to Ones." action={createButton} />
      ) : (
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Token</Table.Th>
              <Table.Th visibleFrom="sm">Used</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((t) => {
              const where = t.allStores ? 'All stores' : t.storeIds.map((id) => storeName.get(id) ?? 'Another store').join(', ');
              return (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text fw={600}>
                        {t.name}{' '}
                        {t.revokedAt && (
                          <Badge color="gray" variant="light" ml={4}>
                            Revoked
                          </Badge>
                        )}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {ROLE_LABEL[t.role]} · {where}
                      </Text>
                      <Text size="sm" c="dimmed">
                        Created {date.format(new Date(t.createdAt))}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{t.lastUsedAt ? date.format(new Date(t.lastUsedAt)) : 'Never'}</Table.Td>
                  <Table.Td ta="right">
                    {!t.revokedAt && (
                      <Button variant="default" color="red" onClick={() => setRevoking(t)}>
                        Revoke<VisuallyHidden> {t.name}</VisuallyHidden>
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {creating && <TokenForm stores={stores.data ?? []} onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmModal
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke token"
          danger
          pending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={closeRevoke}
        >
          It stops working at once. Whatever uses it will need a new token.
        </ConfirmModal>
      )}
    </Page>
  );
}

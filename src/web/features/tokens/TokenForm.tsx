import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ROLE_LABEL, ROLES, type Role } from '../../../shared/domain/roles.ts';
import { fieldError } from '../../api.ts';
import { SecretBox } from '../../ui/SecretBox.tsx';
import { FormError } from '../../ui/states.tsx';
import type { Store } from '../stores/stores.api.ts';
import { createToken, TOKENS_KEY } from './tokens.api.ts';

/** Creates an integration token and shows its secret exactly once. */
export function TokenForm({ stores, onClose }: { stores: Store[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>('associate');
  const [allStores, setAllStores] = useState(false);
  const [storeIds, setStoreIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const mutation = useMutation({
    mutationFn: createToken,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      name: name.trim() ? undefined : 'Name the token after what will use it, e.g. “Till sync”.',
      role: role ? undefined : 'Choose what the token may do.',
      storeIds: !allStores && storeIds.length === 0 ? 'Choose at least one store, or all stores.' : undefined,
    };
    setProblems(next);
    if (Object.values(next).some(Boolean)) return;
    mutation.mutate(
      allStores ? { name: name.trim(), role: role as Role, allStores: true } : { name: name.trim(), role: role as Role, storeIds },
    );
  }

  const err = mutation.error;
  const f = (field: string) => problems[field] ?? fieldError(err, field);
  const created = mutation.data;
  return (
    <Modal opened onClose={onClose} title={created ? `Token “${created.item.name}” created` : 'Create an API token'}>
      {created ? (
        <Stack gap="md">
          <Alert color="orange" role="alert" title="Copy it now">
            This is the only time the token is shown. Store it in the other system’s settings; if it is lost, revoke it and create a new
            one.
          </Alert>
          <SecretBox label="Token" value={created.token} />
          <Text size="sm" c="dimmed">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <FormError error={err} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <TextInput
                label="Name"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={f('name')}
                required
                data-autofocus
              />
              <Select
                label="Acts as"
                description="The token may do what this role may do"
                data={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
                value={role}
                onChange={(v) => setRole(v as Role | null)}
                error={f('role')}
                required
              />
            </SimpleGrid>
            <Switch
              label="All stores, including stores opened later"
              checked={allStores}
              onChange={(e) => setAllStores(e.currentTarget.checked)}
              size="lg"
            />
            {!allStores && (
              <Checkbox.Group label="Stores" value={storeIds} onChange={setStoreIds} error={f('storeIds')}>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" mt="xs">
                  {stores.map((s) => (
                    <Checkbox.Card key={s.id} value={s.id} radius="md" p="sm" style={{ minHeight: 48 }}>
                      <Group wrap="nowrap" gap="sm">
                        <Checkbox.Indicator />
                        <Text>{s.name}</Text>
                      </Group>
                    </Checkbox.Card>
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

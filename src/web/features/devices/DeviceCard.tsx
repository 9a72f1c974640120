import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../api.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { FormError } from '../../ui/states.tsx';
import { DEVICE_KEY, ME_KEY } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { forgetDevice, registerDevice } from './devices.api.ts';

/** "Make this tablet a store device", or what this device is and how to stop it being one. */
export function DeviceCard() {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const manage = can(me, 'devices.manage');
  const [storeId, setStoreId] = useState<string | null>(me.currentStoreId ?? me.stores[0]?.id ?? null);
  const storeName = (id: string | null) => me.stores.find((s) => s.id === id)?.name ?? '';
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [confirming, setConfirming] = useState(false);

  const register = useMutation({
    mutationFn: registerDevice,
    onSuccess: (next) => {
      queryClient.setQueryData(ME_KEY, next);
      void queryClient.invalidateQueries({ queryKey: DEVICE_KEY });
    },
  });
  const forget = useMutation({
    mutationFn: forgetDevice,
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      void queryClient.invalidateQueries({ queryKey: DEVICE_KEY });
    },
  });

  if (!manage && !me.device) return null;

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = { storeId: storeId ? undefined : 'Choose the store this tablet stays in.' };
    setProblems(next);
    if (next.storeId || !storeId) return;
    register.mutate({ storeId, name: name.trim() || `${storeName(storeId)} tablet` });
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="device-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="device-heading">
          Store device
        </Title>
        {me.device ? (
          <>
            <Text>
              This browser is the store device “{me.device.name}” at {storeName(me.device.storeId) || 'your store'}. Colleagues switch in
              with their PIN from the sign-in screen.
            </Text>
            {manage && (
              <Group>
                <Button variant="default" color="red" onClick={() => setConfirming(true)}>
                  Stop being a store device
                </Button>
              </Group>
            )}
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Text c="dimmed">
                A tablet that stays in a store can be shared: colleagues pick their name and enter their PIN instead of typing an e-mail and
                password.
              </Text>
              <FormError error={register.error} />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <Select
                  label="Store for this device"
                  data={me.stores.map((s) => ({ value: s.id, label: s.name }))}
                  value={storeId}
                  onChange={setStoreId}
                  error={problems.storeId ?? fieldError(register.error, 'storeId')}
                  required
                />
                <TextInput
                  label="Device name"
                  placeholder={storeId ? `${storeName(storeId)} tablet` : 'Counter tablet'}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={fieldError(register.error, 'name')}
                />
              </SimpleGrid>
              <Group>
                <Button type="submit" loading={register.isPending}>
                  Make this tablet a store device
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
      {confirming && (
        <ConfirmModal
          title="Stop being a store device?"
          confirmLabel="Stop being a store device"
          danger
          pending={forget.isPending}
          error={forget.error}
          onConfirm={() => forget.mutate()}
          onClose={() => {
            forget.reset();
            setConfirming(false);
          }}
        >
          PIN switching ends on this browser. You stay signed in; to share it again, make it a store device anew.
        </ConfirmModal>
      )}
    </Card>
  );
}

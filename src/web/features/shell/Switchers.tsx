import { Select, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api.ts';
import { ME_KEY, type Me, startSession, switchRetailer, switchStore } from '../auth/auth.api.ts';

/** Chooses which of the person's stores they are working in (PUT /api/me/store). */
export function StoreSwitcher({ me, onError }: { me: Me; onError: (message: string | null) => void }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: switchStore,
    onSuccess: (next) => {
      onError(null);
      queryClient.setQueryData(ME_KEY, next);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    },
    onError: (err) => onError(`The store could not be changed. ${errorMessage(err)}`),
  });
  if (me.stores.length === 0) return null;
  if (me.stores.length === 1) {
    return (
      <Text size="md" c="dimmed" truncate>
        {me.stores[0]?.name}
      </Text>
    );
  }
  return (
    <Select
      aria-label="Store you are working in"
      data={me.stores.map((s) => ({ value: s.id, label: s.name }))}
      value={me.currentStoreId}
      onChange={(value) => value && value !== me.currentStoreId && mutation.mutate(value)}
      disabled={mutation.isPending}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Switches to another retailer the person signed in to with the same e-mail and password. */
export function RetailerSwitcher({ me, onError }: { me: Me; onError: (message: string | null) => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: switchRetailer,
    onSuccess: (next) => {
      onError(null);
      startSession(queryClient, next);
      navigate('/');
    },
    onError: (err) => onError(`The retailer could not be changed. ${errorMessage(err)}`),
  });
  return (
    <Select
      aria-label="Retailer"
      data={me.retailers.map((r) => ({ value: r.id, label: r.name }))}
      value={me.retailer.id}
      onChange={(value) => value && value !== me.retailer.id && mutation.mutate(value)}
      disabled={mutation.isPending}
      w={200}
    />
  );
}

import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage, newClientId } from '../../api.ts';
import type { StoreRef } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';
import { VISITS_KEY } from '../visits/visits.api.ts';
import { startVisit, storeForVisit } from './screen.api.ts';

/**
 * "Start a visit" for a customer from the book (or someone not yet known, without `customerId`):
 * starts it on the server (this needs the connection) and opens the visit screen. The store is the
 * one given, else where the person is working, else their only store; otherwise they are asked.
 */
export function StartVisitButton({
  customerId = null,
  store,
  variant = 'filled',
}: {
  customerId?: string | null;
  store?: StoreRef | undefined;
  variant?: 'filled' | 'light';
}) {
  const me = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const known = store ?? storeForVisit(me);
  const [asking, setAsking] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  // One id per attempt: a retried start (a double tap, a lost answer) starts the visit once.
  const attempt = useRef<{ storeId: string; clientId: string } | null>(null);
  const start = useMutation({
    mutationFn: (storeId: string) => {
      if (attempt.current?.storeId !== storeId) attempt.current = { storeId, clientId: newClientId('c') };
      return startVisit({ clientId: attempt.current.clientId, storeId, customerId });
    },
    onSuccess: (visit) => {
      void queryClient.invalidateQueries({ queryKey: VISITS_KEY });
      navigate(`/visits/${visit.id}/live`);
    },
  });
  const go = (storeId: string | null | undefined) => {
    if (storeId) start.mutate(storeId);
    else setAsking(true);
  };
  const problem = start.isError
    ? start.error instanceof ApiError && start.error.status === 0
      ? 'Starting a visit needs the connection. Try again when Ones can be reached.'
      : errorMessage(start.error)
    : null;
  return (
    <>
      <Button variant={variant} onClick={() => go(known?.id)} loading={start.isPending && !asking}>
        Start a visit
      </Button>
      {problem && !asking && (
        <Text c="red.8" role="alert" size="sm" w="100%">
          {problem}
        </Text>
      )}
      <Modal opened={asking} onClose={() => setAsking(false)} title="Which store is the visit in?">
        <Stack gap="md">
          <Select
            label="Store"
            data={me.stores.map((s) => ({ value: s.id, label: s.name }))}
            value={picked}
            onChange={setPicked}
            comboboxProps={{ withinPortal: true }}
          />
          {problem && (
            <Text c="red.8" role="alert" size="sm">
              {problem}
            </Text>
          )}
          <Button onClick={() => picked && start.mutate(picked)} disabled={!picked} loading={start.isPending} w="fit-content">
            Start the visit
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

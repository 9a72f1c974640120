import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, fieldError } from '../../../api.ts';
import { FormError } from '../../../ui/states.tsx';
import { timelineKey } from '../../customers/customers.api.ts';
import { completeFollowUp, type FollowUp, VISITS_KEY, visitKey } from '../visits.api.ts';

/** Asks what came of a follow-up (required), then marks it done; the outcome goes on the customer's timeline. */
export function CompleteFollowUpModal(props: { item: FollowUp; onClose: () => void; onDone: (f: FollowUp) => void }) {
  const { item: f } = props;
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const [missing, setMissing] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: [...VISITS_KEY, 'follow-ups'] });
    if (f.encounterId) void queryClient.invalidateQueries({ queryKey: visitKey(f.encounterId) });
    if (f.customer) void queryClient.invalidateQueries({ queryKey: timelineKey(f.customer.id) });
  };
  const complete = useMutation({
    mutationFn: (text: string) => completeFollowUp(f.id, text),
    onSuccess: () => {
      refresh();
      props.onDone(f);
    },
    onError: (err) => {
      // Done already (on another tablet, say): the list should stop offering it.
      if (err instanceof ApiError && err.status === 409) refresh();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const text = outcome.trim();
    setMissing(!text);
    if (!text || complete.isPending) return;
    complete.mutate(text);
  }

  const err = complete.error;
  const outcomeError = missing ? 'Say what came of it, even in a few words.' : fieldError(err, 'outcome');
  return (
    <Modal opened onClose={props.onClose} title="Mark as done">
      <form onSubmit={submit} noValidate aria-label="Mark as done">
        <Stack gap="md">
          <Text fw={650} style={{ overflowWrap: 'anywhere' }}>
            {f.title}
          </Text>
          <Textarea
            label="What came of it?"
            description={
              f.customer
                ? `For example: “Called, she loved the roses and will come back for the party.” It is kept on ${f.customer.name}’s timeline.`
                : 'For example: “Called, no answer; left a message.”'
            }
            value={outcome}
            onChange={(e) => {
              setOutcome(e.currentTarget.value);
              setMissing(false);
            }}
            autosize
            minRows={3}
            maxLength={2000}
            error={outcomeError}
            required
            data-autofocus
          />
          <FormError error={err && !fieldError(err, 'outcome') ? err : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={complete.isPending}>
              Mark as done
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, fieldError } from '../../../api.ts';
import { FormError } from '../../../ui/states.tsx';

/**
 * Asks for a few words (required) before an action on a task — what came of a follow-up, why an
 * order or a follow-up is cancelled — then sends them. A 409 (done on another tablet, say) refreshes
 * the lists so they stop offering it.
 */
export function ReasonModal(props: {
  title: string;
  /** What the action is on, shown first. */
  subject: string;
  label: string;
  description: ReactNode;
  /** Said when the box is left empty. */
  missingMessage: string;
  /** The body field the server names when it refuses the text. */
  field: string;
  maxLength: number;
  submitLabel: string;
  /** The button that closes without acting ("Cancel", or "Keep it" when the action is a cancelling). */
  dismissLabel?: string;
  /** Said before the buttons: what else follows from the action. */
  note?: ReactNode;
  submit: (text: string) => Promise<unknown>;
  refresh: () => void;
  onClose: () => void;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useMutation({
    mutationFn: props.submit,
    onSuccess: () => {
      props.refresh();
      props.onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) props.refresh();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = text.trim();
    setMissing(!trimmed);
    if (!trimmed || action.isPending) return;
    action.mutate(trimmed);
  }

  const err = action.error;
  const textError = missing ? props.missingMessage : fieldError(err, props.field);
  return (
    <Modal opened onClose={props.onClose} title={props.title}>
      <form onSubmit={submit} noValidate aria-label={props.title}>
        <Stack gap="md">
          <Text fw={650} style={{ overflowWrap: 'anywhere' }}>
            {props.subject}
          </Text>
          <Textarea
            label={props.label}
            description={props.description}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setMissing(false);
            }}
            autosize
            minRows={3}
            maxLength={props.maxLength}
            error={textError}
            required
            data-autofocus
          />
          {props.note && <Text size="sm">{props.note}</Text>}
          <FormError error={err && !fieldError(err, props.field) ? err : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              {props.dismissLabel ?? 'Cancel'}
            </Button>
            <Button type="submit" loading={action.isPending}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

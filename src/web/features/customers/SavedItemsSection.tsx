import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { fieldError, newClientId } from '../../api.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { Empty, FormError } from '../../ui/states.tsx';
import { can, useSignedIn } from '../auth/me-context.ts';
import { addSavedItem, type Customer, customerKey, removeSavedItem, type SavedItem, timelineKey } from './customers.api.ts';
import { relativeTime } from './format.ts';
import { Section } from './Section.tsx';

/** The customer's wishlist: things they liked and may come back for, with who saved them and when. */
export function SavedItemsSection({ customer }: { customer: Customer }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SavedItem | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const mayEdit = can(me, 'customers.edit');
  const items = customer.savedItems ?? [];
  const locale = me.retailer.locale;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: customerKey(customer.id) });
    void queryClient.invalidateQueries({ queryKey: timelineKey(customer.id) });
  };
  const remove = useMutation({
    mutationFn: (item: SavedItem) => removeSavedItem(customer.id, item.id),
    onSuccess: () => {
      refresh();
      setRemoving(null);
    },
  });

  const action =
    mayEdit && !adding ? (
      <Button variant="light" onClick={() => setAdding(true)} ref={addButton}>
        Add saved item
      </Button>
    ) : null;

  return (
    <Section id="saved-items-heading" title="Saved items" action={action}>
      {adding && (
        <SavedItemForm
          customerId={customer.id}
          onSaved={refresh}
          onClose={() => {
            setAdding(false);
            // The form is gone: give the focus back to the button that opened it.
            requestAnimationFrame(() => addButton.current?.focus());
          }}
        />
      )}
      {items.length === 0 ? (
        !adding && (
          <Empty
            title="Nothing saved yet"
            description="When they like something but are not ready to buy, save it here so anyone can follow it up."
          />
        )
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Saved items, newest first">
          {items.map((item) => (
            <Group key={item.id} component="li" justify="space-between" wrap="nowrap" align="center" gap="sm">
              <Stack gap={2} miw={0} style={{ flex: 1 }}>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {item.title}
                </Text>
                {item.note && <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{item.note}</Text>}
                <Text size="sm" c="dimmed">
                  {item.addedBy ? `Saved by ${item.addedBy.name}` : 'Saved'} {relativeTime(item.addedAt, locale)}
                </Text>
              </Stack>
              {mayEdit && (
                <Button
                  style={{ flexShrink: 0 }}
                  variant="default"
                  px="sm"
                  onClick={() => setRemoving(item)}
                  aria-label={`Remove saved item: ${item.title}`}
                >
                  Remove
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {removing && (
        <ConfirmModal
          title="Remove this saved item?"
          confirmLabel="Remove"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing)}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
        >
          “{removing.title}” will no longer show on the profile. It stays in the history.
        </ConfirmModal>
      )}
    </Section>
  );
}

function SavedItemForm({ customerId, onSaved, onClose }: { customerId: string; onSaved: () => void; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  // One id per draft: a retry after a lost answer is recognised and never saved twice.
  const [clientId, setClientId] = useState(newClientId);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const save = useMutation({
    mutationFn: () => addSavedItem(customerId, { clientId, title: title.trim(), note: note.trim() || null }),
    onSuccess: () => {
      setTitle('');
      setNote('');
      setClientId(newClientId());
      onSaved();
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setProblem('Say what they would like.');
      input.current?.focus();
      return;
    }
    setProblem(undefined);
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add a saved item">
      <Stack
        gap="sm"
        p="sm"
        style={{
          background: 'var(--mantine-color-gray-0)',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 'var(--mantine-radius-md)',
        }}
      >
        <TextInput
          ref={input}
          label="What they would like"
          description="e.g. Large hand-tied bouquet in peach, or a product name"
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={problem ?? fieldError(save.error, 'title')}
          required
        />
        <Textarea
          label="Note"
          description="Optional: size, colour, for whom or when"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError(save.error, 'note')}
          size="md"
        />
        {save.isError && !fieldError(save.error, 'title') && !fieldError(save.error, 'note') && <FormError error={save.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save item
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

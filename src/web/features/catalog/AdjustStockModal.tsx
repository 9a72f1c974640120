import { Button, Group, Modal, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { StoreStock } from '../../../shared/catalog.ts';
import { fieldError } from '../../api.ts';
import { FormError } from '../../ui/states.tsx';
import type { StoreRef } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import {
  ADJUST_REASONS,
  type AdjustReason,
  availabilityKey,
  CATALOG_KEY,
  type Product,
  recordMovement,
  type Variant,
} from './catalog.api.ts';
import classes from './catalog.module.css';

/** Each reason in words: what it means, what the number is, and what the save button does. */
const REASON: Record<AdjustReason, { label: string; description: string; quantity: string; hint: string; save: string }> = {
  count: {
    label: 'Count',
    description: 'Set the stock to what is on the shelf now',
    quantity: 'Units counted',
    hint: 'Everything here, including units held for customers.',
    save: 'Save count',
  },
  delivery: {
    label: 'Delivery',
    description: 'Add units that arrived without being expected',
    quantity: 'Units that arrived',
    hint: 'Units that came in without an expected delivery.',
    save: 'Add delivery',
  },
  damage: {
    label: 'Damage',
    description: 'Take out units that are broken, wilted or lost',
    quantity: 'Units to take out',
    hint: 'Say what happened in the note.',
    save: 'Take out damaged units',
  },
  correction: {
    label: 'Correction',
    description: 'Put right a mistake by adding or taking away units',
    quantity: 'Change in units',
    hint: 'A minus sign takes units away, e.g. −2.',
    save: 'Save correction',
  },
};

/**
 * Records a count, damage, an unannounced delivery or a correction of one variant in the
 * person's store. Associates may only count; the server checks the role again.
 */
export function AdjustStockModal(props: {
  product: Product;
  variant: Variant;
  store: StoreRef;
  /** The store's stock as last loaded: null when it has none recorded, undefined while still loading. */
  stock: StoreStock | null | undefined;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { variant: v, store, stock } = props;
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const reasons = can(me, 'stock.move') ? ADJUST_REASONS : (['count'] as const);
  const [reason, setReason] = useState<AdjustReason>('count');
  const [quantity, setQuantity] = useState<number | string>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const words = REASON[reason];

  const save = useMutation({
    mutationFn: (units: number) =>
      recordMovement({ storeId: store.id, variantId: v.id, reason, quantity: units, note: note.trim() || null }),
    onSuccess: (result, units) => {
      void queryClient.invalidateQueries({ queryKey: availabilityKey(v.id) });
      void queryClient.invalidateQueries({ queryKey: [...CATALOG_KEY, 'list'] });
      const now = `${result.onHand} now on hand at ${store.name}`;
      const said: Record<AdjustReason, string> = {
        count: result.movement === 0 ? `The count matches: ${now}.` : `Counted ${units}: ${now}.`,
        delivery: `Added ${units} delivered: ${now}.`,
        damage: `Took out ${-units} damaged: ${now}.`,
        correction: `Corrected by ${units > 0 ? `+${units}` : units}: ${now}.`,
      };
      props.onSaved(said[reason]);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = typeof quantity === 'number' ? quantity : Number.NaN;
    let error: string | null = null;
    if (quantity === '' || !Number.isFinite(n)) error = 'Enter a number of units.';
    else if (!Number.isInteger(n)) error = 'Enter whole units.';
    else if (reason === 'count' && n < 0) error = 'A count cannot be below zero.';
    else if ((reason === 'delivery' || reason === 'damage') && n < 1) error = 'Enter at least 1 unit.';
    else if (reason === 'correction' && n === 0) error = 'Enter a change other than zero.';
    setProblem(error);
    if (error || save.isPending) return;
    save.mutate(reason === 'damage' ? -n : n);
  }

  const err = save.error;
  const quantityError = problem ?? fieldError(err, 'quantity');
  const noteError = fieldError(err, 'note');
  // The server's message goes above the buttons unless it belongs to a field shown below.
  const general = err && !fieldError(err, 'quantity') && !noteError ? err : null;

  return (
    <Modal opened onClose={props.onClose} title={`Adjust stock: ${v.title}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>
            {props.product.title} at {store.name}.{' '}
            {stock
              ? `Ones has ${stock.onHand} on hand, ${stock.held} held for customers.`
              : stock === null
                ? 'Ones has no count for it here yet.'
                : ''}
          </Text>
          {reasons.length > 1 ? (
            <Radio.Group
              label="What happened"
              value={reason}
              onChange={(r) => {
                setReason(r as AdjustReason);
                setProblem(null);
                save.reset();
              }}
              name="adjust-reason"
              size="md"
              styles={{ label: { fontWeight: 600 } }}
            >
              <Stack gap="xs" mt={6}>
                {reasons.map((r) => (
                  <Radio.Card
                    key={r}
                    value={r}
                    p="sm"
                    mih={44}
                    className={classes.choice}
                    aria-label={`${REASON[r].label}: ${REASON[r].description}`}
                  >
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      <Radio.Indicator size="sm" mt={3} />
                      <div>
                        <Text fw={600}>{REASON[r].label}</Text>
                        <Text size="sm" c="dimmed">
                          {REASON[r].description}
                        </Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </Radio.Group>
          ) : (
            <Text size="sm" c="dimmed">
              Count what is on the shelf: Ones sets the stock to that number. Managers record damage, deliveries and corrections.
            </Text>
          )}
          <NumberInput
            label={words.quantity}
            description={words.hint}
            value={quantity}
            onChange={(value) => {
              setQuantity(value);
              setProblem(null);
            }}
            allowDecimal={false}
            allowNegative={reason === 'correction'}
            hideControls
            inputMode={reason === 'correction' ? 'text' : 'numeric'}
            error={quantityError}
            required
            data-autofocus
          />
          <Textarea
            label="Note"
            description="Optional: what happened, or who counted"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            error={noteError}
          />
          <FormError error={general} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {words.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../api.ts';
import { FormError } from '../../ui/states.tsx';
import type { StoreRef } from '../auth/auth.api.ts';
import { availabilityKey, CATALOG_KEY, expectDelivery, type Variant } from './catalog.api.ts';

/** Tomorrow's date as YYYY-MM-DD, the first day a delivery can be expected. */
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** Records a delivery on its way to the person's store: how many, and the day it is due. */
export function DeliveryModal(props: {
  productTitle: string;
  variant: Variant;
  store: StoreRef;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { variant: v, store } = props;
  const queryClient = useQueryClient();
  const [quantity, setQuantity] = useState<number | string>('');
  const [day, setDay] = useState(tomorrow());
  const [problem, setProblem] = useState<{ quantity?: string; day?: string }>({});
  const save = useMutation({
    // Due at midday in the browser's zone, so the day reads the same wherever it is shown.
    mutationFn: (units: number) =>
      expectDelivery({ storeId: store.id, variantId: v.id, quantity: units, expectedAt: new Date(`${day}T12:00:00`).toISOString() }),
    onSuccess: (_, units) => {
      void queryClient.invalidateQueries({ queryKey: availabilityKey(v.id) });
      void queryClient.invalidateQueries({ queryKey: [...CATALOG_KEY, 'list'] });
      props.onSaved(`${units} ${v.title} expected at ${store.name}.`);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = typeof quantity === 'number' ? quantity : Number.NaN;
    const next: { quantity?: string; day?: string } = {};
    if (!Number.isInteger(n) || n < 1) next.quantity = 'Enter at least 1 unit.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) next.day = 'Choose the day it is due.';
    setProblem(next);
    if (next.quantity || next.day || save.isPending) return;
    save.mutate(n);
  }

  const err = save.error;
  return (
    <Modal opened onClose={props.onClose} title={`Expect a delivery: ${v.title}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>
            {props.productTitle} to {store.name}. Colleagues see it as on its way until it is received.
          </Text>
          <NumberInput
            label="Units coming"
            value={quantity}
            onChange={(value) => {
              setQuantity(value);
              setProblem({});
            }}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            inputMode="numeric"
            error={problem.quantity ?? fieldError(err, 'quantity')}
            required
            data-autofocus
          />
          <TextInput
            type="date"
            label="Due on"
            value={day}
            min={tomorrow()}
            onChange={(e) => {
              setDay(e.currentTarget.value);
              setProblem({});
            }}
            error={problem.day ?? fieldError(err, 'expectedAt')}
            required
          />
          <FormError error={err && !fieldError(err, 'quantity') && !fieldError(err, 'expectedAt') ? err : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save delivery
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

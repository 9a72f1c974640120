import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../../api.ts';
import { FormError } from '../../../ui/states.tsx';
import type { Me, StoreRef } from '../../auth/auth.api.ts';
import { currencySymbol, money } from '../../customers/format.ts';
import { STORES_KEY, updateGestureBudget } from '../../stores/stores.api.ts';
import { VISITS_KEY } from '../visits.api.ts';

/** The owner changes a store's monthly budget for gestures without leaving the gestures screen. */
export function BudgetModal({ me, store, budget, onClose }: { me: Me; store: StoreRef; budget: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string | number>(budget);
  const [problem, setProblem] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (amount: number) => updateGestureBudget(store.id, amount),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...VISITS_KEY, 'gestures'] });
      void queryClient.invalidateQueries({ queryKey: STORES_KEY });
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (value === '' || Number.isNaN(Number(value))) {
      setProblem('Give an amount; 0 means no gestures with a cost.');
      return;
    }
    setProblem(undefined);
    save.mutate(Number(value));
  }

  const serverField = fieldError(save.error, 'gestureBudget');
  return (
    <Modal opened onClose={onClose} title={`Budget for gestures at ${store.name}`}>
      <form onSubmit={submit} noValidate aria-label="Change the budget">
        <Stack gap="md">
          <Text>
            Now {money(budget, me)} a month. The same amount applies to every month, this one included; a gesture that would go over what is
            left is refused.
          </Text>
          <NumberInput
            label="Monthly budget for gestures"
            leftSection={currencySymbol(me)}
            value={value}
            onChange={(v) => {
              setValue(v);
              setProblem(undefined);
            }}
            min={0}
            max={1_000_000}
            decimalScale={2}
            hideControls
            inputMode="decimal"
            allowNegative={false}
            error={problem ?? serverField}
            required
            data-autofocus
          />
          <FormError error={save.error && !serverField ? save.error : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save budget
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

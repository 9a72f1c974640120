import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import type { StoreRef } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';
import { CUSTOMERS_KEY, type Customer, customerKey, timelineKey, updateCustomer } from './customers.api.ts';
import { dateTime, dayAndMonth } from './format.ts';
import { ProfileForm } from './ProfileForm.tsx';
import {
  changedFields,
  changesOnly,
  FIELD_LABEL,
  type ProfileField,
  type ProfileValues,
  reapply,
  toInput,
  valuesOf,
} from './profile-values.ts';
import { WarningAlert } from './WarningAlert.tsx';

/** The newer profile a 409 `stale_version` carries, if it does. */
function currentFrom(err: unknown): Customer | null {
  if (!(err instanceof ApiError) || err.code !== 'stale_version') return null;
  const current = err.details.current;
  return current && typeof current === 'object' ? (current as Customer) : null;
}

/**
 * Edits the profile as it was when the dialog opened (its version goes as If-Match). If a
 * colleague saved in between, shows what they changed next to the person's own edits, and lets
 * the person lay their edits over the newer version or drop them.
 */
export function EditProfileModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(customer);
  const [values, setValues] = useState<ProfileValues>(() => valuesOf(customer, null));
  const [reapplied, setReapplied] = useState(false);
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (reapplied) notice.current?.focus();
  }, [reapplied]);

  const save = useMutation({
    mutationFn: () => updateCustomer(base.id, base.version, changesOnly(valuesOf(base, null), values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: timelineKey(saved.id) });
      void queryClient.invalidateQueries({ queryKey: [...CUSTOMERS_KEY, 'search'] });
      onClose();
    },
    onError: (err) => {
      // The page behind should show the newer profile too.
      if (currentFrom(err)) void queryClient.invalidateQueries({ queryKey: customerKey(base.id) });
    },
  });
  const current = currentFrom(save.error);

  function submit() {
    if (changedFields(valuesOf(base, null), values).length === 0) return onClose();
    save.mutate();
  }

  function takeCurrent(keepMine: boolean) {
    if (!current) return;
    const now = valuesOf(current, null);
    setValues(keepMine ? reapply(valuesOf(base, null), values, now) : now);
    setBase(current);
    setReapplied(keepMine);
    save.reset();
  }

  return (
    <Modal opened onClose={onClose} title={current ? 'Someone else changed this profile' : `Edit ${base.displayName}`} size="xl">
      {current ? (
        <ConflictView
          base={valuesOf(base, null)}
          mine={values}
          current={current}
          stores={me.stores}
          locale={me.retailer.locale}
          onReapply={() => takeCurrent(true)}
          onDiscard={() => takeCurrent(false)}
        />
      ) : (
        <ProfileForm
          values={values}
          onChange={setValues}
          onSubmit={submit}
          error={save.error}
          pending={save.isPending}
          submitLabel="Save changes"
          cancel={
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
          }
          notice={
            reapplied && (
              <Alert color="moss" role="status" variant="light" ref={notice} tabIndex={-1}>
                Your changes are now on top of the latest version. Check them and save again.
              </Alert>
            )
          }
          full
          autoFocus
        />
      )}
    </Modal>
  );
}

/** One field's value as a person reads it. */
function show(field: ProfileField, v: ProfileValues, stores: StoreRef[], locale: string): string {
  const input = toInput(v);
  switch (field) {
    case 'phones':
      return input.phones.map((p) => `${p.label}: ${p.number}`).join('; ');
    case 'emails':
      return input.emails.map((e) => `${e.label}: ${e.address}`).join('; ');
    case 'homeStoreId':
      return input.homeStoreId ? (stores.find((s) => s.id === input.homeStoreId)?.name ?? 'another store') : 'none';
    case 'tags':
      return input.tags.join(', ');
    case 'household':
      return input.household
        .map((h) => `${h.name}${h.relation ? ` (${h.relation})` : ''}${h.giftRecipient ? ', gift recipient' : ''}`)
        .join('; ');
    case 'dates':
      return input.dates.map((d) => `${d.label ?? d.kind} ${dayAndMonth(d.month, d.day, locale)}${d.year ? ` ${d.year}` : ''}`).join('; ');
    default:
      return input[field] ?? '';
  }
}

function ConflictView(props: {
  base: ProfileValues;
  mine: ProfileValues;
  current: Customer;
  stores: StoreRef[];
  locale: string;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const apply = useRef<HTMLButtonElement>(null);
  // The Save button that had the focus is gone: give it to the way forward.
  useEffect(() => apply.current?.focus(), []);
  const now = valuesOf(props.current, null);
  const theirs = changedFields(props.base, now);
  const mine = changedFields(props.base, props.mine);
  const fields = [...new Set([...theirs, ...mine])];
  const shown = (field: ProfileField, v: ProfileValues) => show(field, v, props.stores, props.locale) || '(empty)';
  return (
    <Stack gap="md">
      <WarningAlert title="Nothing of yours is lost yet">
        <Text size="sm">
          A colleague saved this profile at {dateTime(props.current.updatedAt, props.locale)}, after you opened it. Here is what they
          changed and what you changed. Apply your changes on top of theirs, or drop yours and keep theirs.
        </Text>
      </WarningAlert>
      {theirs.length === 0 && (
        <Text>They changed details this form does not show (such as the address); your changes do not clash with theirs.</Text>
      )}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="What changed">
        {fields.map((f) => (
          <Stack
            key={f}
            component="li"
            gap={4}
            p="sm"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Text fw={650}>
              {FIELD_LABEL[f]}
              {theirs.includes(f) && mine.includes(f)
                ? ' — changed by both of you'
                : theirs.includes(f)
                  ? ' — changed by a colleague'
                  : ' — changed by you'}
            </Text>
            <Version label="Was" value={shown(f, props.base)} />
            {theirs.includes(f) && <Version label="Now saved" value={shown(f, now)} />}
            {mine.includes(f) && <Version label="Yours" value={shown(f, props.mine)} />}
          </Stack>
        ))}
      </Stack>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={props.onDiscard}>
          Drop mine, keep theirs
        </Button>
        <Button onClick={props.onReapply} ref={apply}>
          Apply my changes on top
        </Button>
      </Group>
    </Stack>
  );
}

function Version({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span fw={600}>
        {label}:{' '}
      </Text>
      {value}
    </Text>
  );
}

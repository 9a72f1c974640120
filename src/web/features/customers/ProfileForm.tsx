import { Autocomplete, Button, Group, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { ImportantDate } from '../../../shared/customers.ts';
import { fieldError } from '../../api.ts';
import { FormError } from '../../ui/states.tsx';
import type { StoreRef } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';
import { KEY_PATTERN, toKey } from '../vocabulary/vocabulary.api.ts';
import { monthNames } from './format.ts';
import type { ProfileField, ProfileValues } from './profile-values.ts';
import { RowList } from './RowList.tsx';

const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr'];
const CONTACT_LABELS = ['mobile', 'home', 'work', 'other'];
const NO_STORE = 'none';
const DATE_KINDS = [
  { value: 'birthday', label: 'Birthday' },
  { value: 'anniversary', label: 'Anniversary' },
  { value: 'custom', label: 'Another date' },
];
const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

/** The label choices, keeping a label that came from an import even if it is not one of ours. */
const labelChoices = (current: string) =>
  [...CONTACT_LABELS, ...(current && !CONTACT_LABELS.includes(current) ? [current] : [])].map((l) => ({
    value: l,
    label: l.charAt(0).toUpperCase() + l.slice(1),
  }));

/** Checks the form before it is sent; the server checks again and names any field it refuses. */
function checkProfile(v: ProfileValues): Partial<Record<string, string>> {
  const problems: Partial<Record<string, string>> = {};
  if (!v.firstName.trim()) problems.firstName = 'Enter their first name.';
  v.emails.forEach((e, i) => {
    if (e.address.trim() && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(e.address.trim()))
      problems[`emails.${i}.address`] = 'Enter an e-mail address like name@example.com.';
  });
  const badTag = v.tags.find((t) => !KEY_PATTERN.test(t));
  if (badTag) problems.tags = `“${badTag}” is not a tag: use lower-case words joined by hyphens.`;
  v.dates.forEach((d, i) => {
    const probe = new Date(Date.UTC(d.year ?? 2000, d.month - 1, d.day));
    if (probe.getUTCMonth() !== d.month - 1) problems[`dates.${i}.day`] = `${d.day}/${d.month} is not a date.`;
  });
  return problems;
}

/**
 * The customer's profile as a form, shared by "New customer" and "Edit profile": checks what it
 * can before `onSubmit`, then shows the server's verdict field by field. `full` adds household
 * and important dates, which are rarely known at the first meeting.
 */
export function ProfileForm(props: {
  values: ProfileValues;
  onChange: (values: ProfileValues) => void;
  onSubmit: () => void;
  /** The save's error, if it failed. */
  error: unknown;
  pending: boolean;
  submitLabel: string;
  cancel: ReactNode;
  notice?: ReactNode;
  full?: boolean;
  autoFocus?: boolean;
}) {
  const me = useSignedIn();
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});
  const { values, onChange } = props;
  function submit(e: FormEvent) {
    e.preventDefault();
    const next = checkProfile(values);
    setProblems(next);
    if (!Object.values(next).some(Boolean)) props.onSubmit();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {props.notice}
        <FormError error={props.error} />
        <ProfileFields
          values={values}
          set={(key, value) => onChange({ ...values, [key]: value })}
          error={(field) => problems[field] ?? fieldError(props.error, field)}
          stores={me.stores}
          locale={me.retailer.locale}
          full={props.full}
          autoFocus={props.autoFocus}
        />
        <Group justify="flex-end" gap="sm">
          {props.cancel}
          <Button type="submit" loading={props.pending}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The fields of a customer's profile, shared by "New customer" and "Edit profile". `full` adds
 * household and important dates, which are rarely known at the first meeting.
 */
function ProfileFields(props: {
  values: ProfileValues;
  set: <K extends ProfileField>(key: K, value: ProfileValues[K]) => void;
  error: (field: string) => string | undefined;
  stores: StoreRef[];
  locale: string;
  full?: boolean;
  autoFocus?: boolean;
}) {
  const { values, set, error: f } = props;
  const months = monthNames(props.locale).map((m, i) => ({ value: String(i + 1), label: m }));
  const storeData = [
    { value: NO_STORE, label: 'No home store (every store sees them)' },
    ...props.stores.map((s) => ({ value: s.id, label: s.name })),
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput
          label="First name"
          value={values.firstName}
          onChange={(e) => set('firstName', e.currentTarget.value)}
          error={f('firstName')}
          required
          autoComplete="off"
          data-autofocus={props.autoFocus || undefined}
        />
        <TextInput
          label="Last name"
          value={values.lastName}
          onChange={(e) => set('lastName', e.currentTarget.value)}
          error={f('lastName')}
          autoComplete="off"
        />
        <Autocomplete
          label="Title"
          description="Mrs, Mr, Dr… if they use one"
          size="md"
          data={TITLES}
          value={values.title}
          onChange={(v) => set('title', v)}
          error={f('title')}
          autoComplete="off"
        />
        <TextInput
          label="Preferred name"
          description="What they like to be called, if not the above"
          value={values.preferredName}
          onChange={(e) => set('preferredName', e.currentTarget.value)}
          error={f('preferredName')}
          autoComplete="off"
        />
      </SimpleGrid>

      <ContactRows
        legend="Phone numbers"
        items={values.phones}
        onChange={(v) => set('phones', v)}
        field="phones"
        valueKey="number"
        blank={{ label: 'mobile', number: '' }}
        noun="phone number"
        inputLabel="Phone"
        type="tel"
        error={f}
      />
      <ContactRows
        legend="E-mail addresses"
        items={values.emails}
        onChange={(v) => set('emails', v)}
        field="emails"
        valueKey="address"
        blank={{ label: 'home', address: '' }}
        noun="e-mail address"
        inputLabel="E-mail"
        type="email"
        error={f}
      />

      {props.full && (
        <RowList
          legend="Household and gift recipients"
          items={values.household}
          onChange={(v) => set('household', v)}
          blank={{ name: '', relation: '', giftRecipient: false, notes: null }}
          addLabel="Add a person"
          rowName={(i) => `household member ${i + 1}`}
          max={20}
        >
          {(h, update, i) => (
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label="Name"
                value={h.name}
                onChange={(e) => update({ name: e.currentTarget.value })}
                error={f(`household.${i}.name`)}
              />
              <TextInput
                label="Relation"
                description="Husband, daughter, friend…"
                value={h.relation}
                onChange={(e) => update({ relation: e.currentTarget.value })}
              />
              <TextInput label="Notes" value={h.notes ?? ''} onChange={(e) => update({ notes: e.currentTarget.value })} />
              <Switch
                size="lg"
                label="Buys gifts for them"
                checked={Boolean(h.giftRecipient)}
                onChange={(e) => update({ giftRecipient: e.currentTarget.checked })}
              />
            </SimpleGrid>
          )}
        </RowList>
      )}

      {props.full && (
        <RowList<ImportantDate>
          legend="Important dates"
          items={values.dates}
          onChange={(v) => set('dates', v)}
          blank={{ kind: 'birthday', label: null, month: 1, day: 1, year: null, remind: true }}
          addLabel="Add a date"
          rowName={(i) => `date ${i + 1}`}
          max={20}
        >
          {(d, update, i) => (
            <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
              <Select
                label="What"
                data={DATE_KINDS}
                value={d.kind}
                onChange={(v) => update({ kind: (v ?? 'birthday') as ImportantDate['kind'] })}
              />
              <TextInput label="Name of the date" value={d.label ?? ''} onChange={(e) => update({ label: e.currentTarget.value })} />
              <Select
                label="Day"
                data={DAYS}
                value={String(d.day)}
                onChange={(v) => update({ day: Number(v ?? 1) })}
                error={f(`dates.${i}.day`)}
              />
              <Select label="Month" data={months} value={String(d.month)} onChange={(v) => update({ month: Number(v ?? 1) })} />
              <TextInput
                label="Year (optional)"
                inputMode="numeric"
                value={d.year ? String(d.year) : ''}
                onChange={(e) => {
                  const n = Number.parseInt(e.currentTarget.value.replace(/\D/g, '').slice(0, 4), 10);
                  update({ year: Number.isNaN(n) ? null : n });
                }}
                error={f(`dates.${i}.year`)}
              />
              <Switch
                size="lg"
                label="Remind us"
                checked={d.remind}
                onChange={(e) => update({ remind: e.currentTarget.checked })}
                style={{ alignSelf: 'end' }}
              />
            </SimpleGrid>
          )}
        </RowList>
      )}

      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <Select
          label="Home store"
          description="Staff of other stores will not see them"
          data={storeData}
          value={values.homeStoreId ?? NO_STORE}
          onChange={(v) => set('homeStoreId', !v || v === NO_STORE ? null : v)}
          error={f('homeStoreId')}
        />
        <TagsInput
          label="Tags"
          description="e.g. wedding-client, trade; press Enter after each"
          size="md"
          value={values.tags}
          onChange={(tags) => set('tags', [...new Set(tags.map(toKey).filter(Boolean))])}
          error={f('tags')}
          splitChars={[',']}
          clearable={false}
          maxTags={30}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Labelled contact rows (phones, e-mails): a type and a value, wrapping on a narrow phone. */
function ContactRows<T extends { label: string }>(props: {
  legend: string;
  items: T[];
  onChange: (items: T[]) => void;
  field: 'phones' | 'emails';
  valueKey: Exclude<keyof T, 'label'> & string;
  blank: T;
  noun: string;
  inputLabel: string;
  type: 'tel' | 'email';
  error: (field: string) => string | undefined;
}) {
  return (
    <RowList
      legend={props.legend}
      items={props.items}
      onChange={props.onChange}
      blank={props.blank}
      addLabel={`Add ${props.type === 'email' ? 'an' : 'a'} ${props.noun}`}
      rowName={(i) => `${props.noun} ${i + 1}`}
      max={5}
      error={props.error(props.field)}
    >
      {(item, update, i) => (
        <div style={{ display: 'flex', gap: 'var(--mantine-spacing-sm)', flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Select
            label="Type"
            data={labelChoices(item.label)}
            value={item.label}
            onChange={(v) => update({ label: v ?? props.blank.label } as Partial<T>)}
            w={130}
          />
          <TextInput
            label={`${props.inputLabel} ${i + 1}`}
            type={props.type}
            inputMode={props.type}
            value={String(item[props.valueKey] ?? '')}
            onChange={(e) => update({ [props.valueKey]: e.currentTarget.value } as Partial<T>)}
            error={props.error(`${props.field}.${i}.${props.valueKey}`)}
            style={{ flex: '1 1 11rem', minWidth: 0 }}
            autoComplete="off"
          />
        </div>
      )}
    </RowList>
  );
}

import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PREFERENCE_KEYS, type VocabularyKind } from '../../../shared/customers.ts';
import { fieldError, newClientId } from '../../api.ts';
import { ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { can, useSignedIn } from '../auth/me-context.ts';
import { type ChipOption, MultiChips, SingleChips } from '../vocabulary/ColourChips.tsx';
import { KIND_LABEL, useVocabulary, type Vocabulary, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import { addPreference, type Customer, customerKey, timelineKey } from './customers.api.ts';
import { currencySymbol, monthNames } from './format.ts';
import { LinkButton } from './LinkButton.tsx';
import { FREQUENCIES, LIGHT_LEVELS, PREFERENCE_LABEL, ROOM_SIZES } from './preferences.ts';

/** Everything any key may ask for; only the chosen key's fields are sent. */
interface Draft {
  room: string | null;
  name: string;
  colours: string[];
  style: string | null;
  furniture: string[];
  roomSize: string;
  light: string;
  colour: string | null;
  material: string | null;
  size: string | null;
  occasion: string | null;
  month: string;
  day: string;
  category: string;
  min: string | number;
  max: string | number;
  subject: string;
  frequency: string;
  item: string;
  reason: string;
}

const BLANK: Draft = {
  room: null,
  name: '',
  colours: [],
  style: null,
  furniture: [],
  roomSize: '',
  light: '',
  colour: null,
  material: null,
  size: null,
  occasion: null,
  month: '',
  day: '',
  category: '',
  min: '',
  max: '',
  subject: '',
  frequency: '',
  item: '',
  reason: '',
};

const text = (s: string) => (s.trim() ? s.trim() : null);
const amount = (v: string | number) => (v === '' || v === '-' ? null : Number(v));
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The API's value for a key (see PreferenceValues), empty answers left out. */
function preferenceValue(key: string, d: Draft): Record<string, unknown> {
  const drop = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
  switch (key) {
    case 'room':
      return drop({
        room: d.room,
        name: text(d.name),
        colours: d.colours,
        style: d.style,
        furniture: d.furniture,
        size: d.roomSize || null,
        light: d.light || null,
      });
    case 'colour-liked':
    case 'colour-disliked':
      return drop({ colour: d.colour });
    case 'style':
      return drop({ style: d.style });
    case 'material':
      return drop({ material: d.material });
    case 'size':
      return drop({ size: d.size });
    case 'occasion':
      return drop({ occasion: d.occasion, month: d.month ? Number(d.month) : null, day: d.day ? Number(d.day) : null });
    case 'budget':
      return drop({ category: text(d.category), min: amount(d.min), max: amount(d.max) });
    case 'frequency':
      return drop({ subject: text(d.subject), frequency: d.frequency || null });
    default:
      return drop({ item: text(d.item), reason: text(d.reason) });
  }
}

/** What is missing or contradictory, named like the server names fields (`value.room`). */
function check(key: string, d: Draft): Partial<Record<string, string>> {
  const p: Partial<Record<string, string>> = {};
  if (key === 'room' && !d.room) p['value.room'] = 'Choose which room.';
  if ((key === 'colour-liked' || key === 'colour-disliked') && !d.colour) p['value.colour'] = 'Choose a colour.';
  if (key === 'style' && !d.style) p['value.style'] = 'Choose a style.';
  if (key === 'material' && !d.material) p['value.material'] = 'Choose a material.';
  if (key === 'size' && !d.size) p['value.size'] = 'Choose a size.';
  if (key === 'occasion' && !d.occasion) p['value.occasion'] = 'Choose an occasion.';
  if (key === 'occasion' && Boolean(d.month) !== Boolean(d.day)) p['value.day'] = 'Give both the day and the month, or neither.';
  if (key === 'budget') {
    if (!d.category.trim()) p['value.category'] = 'Say what the budget is for, e.g. bouquets.';
    const min = amount(d.min);
    const max = amount(d.max);
    if (min === null && max === null) p['value.max'] = 'Give at least a most or a least amount.';
    if (min !== null && max !== null && min > max) p['value.max'] = 'The most should not be less than the least.';
  }
  if (key === 'frequency') {
    if (!d.subject.trim()) p['value.subject'] = 'Say what they buy, e.g. fresh flowers.';
    if (!d.frequency) p['value.frequency'] = 'Choose how often.';
  }
  if (key === 'avoid' && !d.item.trim()) p['value.item'] = 'Say what to avoid, e.g. lilies.';
  return p;
}

/** The small fixed lists (size, light, how often) as chips, with "Not said" when optional. */
const fixedOptions = (options: readonly string[], optional = false): ChipOption[] => [
  ...(optional ? [{ value: '', label: 'Not said' }] : []),
  ...options.map((o) => ({ value: o, label: capital(o) })),
];

/** Record something the customer told us: pick what it is about, then answer in their terms. */
export function PreferenceEditor({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const vocabulary = useVocabulary();
  return (
    <Modal opened onClose={onClose} title={`Add a preference for ${customer.displayName}`}>
      {vocabulary.isPending ? (
        <LoadingState label="Loading your vocabulary…" />
      ) : vocabulary.isError ? (
        <ErrorState error={vocabulary.error} onRetry={() => vocabulary.refetch()} />
      ) : (
        <EditorForm customer={customer} vocab={vocabularyOf(vocabulary.data)} onClose={onClose} />
      )}
    </Modal>
  );
}

function EditorForm({ customer, vocab, onClose }: { customer: Customer; vocab: Vocabulary; onClose: () => void }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [key, setKey] = useState<string>('room');
  const [draft, setDraft] = useState<Draft>(BLANK);
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});
  // One id per draft: a retried save is recognised by the server and never stored twice.
  const [clientId] = useState(newClientId);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const save = useMutation({
    mutationFn: () => addPreference(customer.id, { clientId, key, value: preferenceValue(key, draft) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerKey(customer.id) });
      void queryClient.invalidateQueries({ queryKey: timelineKey(customer.id) });
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = check(key, draft);
    setProblems(next);
    if (Object.values(next).some(Boolean)) return;
    save.mutate();
  }

  const f = (field: string) => problems[field] ?? fieldError(save.error, field);
  const months = monthNames(me.retailer.locale).map((m, i) => ({ value: String(i + 1), label: m }));
  const days = Array.from({ length: 31 }, (_, i) => String(i + 1));
  const colours = vocab.active('colour');
  const colourOptions = colours.map((t) => ({ value: t.key, label: t.label, hex: t.hex }));
  const symbol = currencySymbol(me);

  /** A free-text answer; its error is the server's for the same field (`value.item`). */
  const textField = (k: 'name' | 'category' | 'subject' | 'item' | 'reason', label: string, placeholder: string, required = false) => (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={draft[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
      error={f(`value.${k}`)}
      required={required}
    />
  );
  /** An amount in the retailer's currency. */
  const amountField = (k: 'min' | 'max', label: string) => (
    <NumberInput
      label={label}
      leftSection={symbol}
      hideControls
      inputMode="decimal"
      min={0}
      decimalScale={2}
      value={draft[k]}
      onChange={(v) => set(k, v)}
      error={f(`value.${k}`)}
    />
  );

  /** A vocabulary picker, or a way to fill an empty vocabulary. */
  const vocabSelect = (
    kind: VocabularyKind,
    label: string,
    value: string | null,
    onChange: (v: string | null) => void,
    required = false,
  ) => {
    const terms = vocab.active(kind);
    if (terms.length === 0) return <MissingVocabulary kind={kind} />;
    return (
      <Select
        label={label}
        data={terms.map((t) => ({ value: t.key, label: t.label }))}
        value={value}
        onChange={onChange}
        placeholder="Choose…"
        searchable={terms.length > 8}
        required={required}
        clearable={!required}
        error={f(`value.${kind}`)}
        comboboxProps={{ withinPortal: true }}
      />
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError error={save.error} />
        <SingleChips
          label="What did they tell you about?"
          options={PREFERENCE_KEYS.map((k) => ({ value: k, label: PREFERENCE_LABEL[k]?.one ?? k }))}
          value={key}
          onChange={(k) => {
            setKey(k);
            setProblems({});
            save.reset();
          }}
        />

        {key === 'room' && (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              {vocabSelect('room', 'Room', draft.room, (v) => set('room', v), true)}
              {textField('name', 'Their name for it (optional)', 'e.g. the snug')}
            </SimpleGrid>
            {colours.length ? (
              <MultiChips
                label="Dominant colours"
                description="Choose up to six"
                options={colourOptions}
                value={draft.colours}
                onChange={(v) => set('colours', v.slice(0, 6))}
                error={f('value.colours')}
              />
            ) : (
              <MissingVocabulary kind="colour" />
            )}
            {vocabSelect('style', 'Style (optional)', draft.style, (v) => set('style', v))}
            <TagsInput
              label="Furniture (optional)"
              description="e.g. oak sideboard; press Enter after each"
              size="md"
              value={draft.furniture}
              onChange={(v) =>
                set(
                  'furniture',
                  v
                    .map((s) => s.trim())
                    .filter(Boolean)
                    .slice(0, 10),
                )
              }
              error={f('value.furniture')}
              clearable={false}
            />
            <SingleChips
              label="Size of the room"
              options={fixedOptions(ROOM_SIZES, true)}
              value={draft.roomSize}
              onChange={(v) => set('roomSize', v)}
            />
            <SingleChips label="Light" options={fixedOptions(LIGHT_LEVELS, true)} value={draft.light} onChange={(v) => set('light', v)} />
          </>
        )}

        {(key === 'colour-liked' || key === 'colour-disliked') &&
          (colours.length ? (
            <SingleChips
              label="Colour"
              options={colourOptions}
              value={draft.colour}
              onChange={(v) => set('colour', v)}
              error={f('value.colour')}
            />
          ) : (
            <MissingVocabulary kind="colour" />
          ))}
        {key === 'style' && vocabSelect('style', 'Style', draft.style, (v) => set('style', v), true)}
        {key === 'material' && vocabSelect('material', 'Material', draft.material, (v) => set('material', v), true)}
        {key === 'size' && vocabSelect('size', 'Size', draft.size, (v) => set('size', v), true)}
        {key === 'occasion' && (
          <>
            {vocabSelect('occasion', 'Occasion', draft.occasion, (v) => set('occasion', v), true)}
            <SimpleGrid cols={2} spacing="md">
              <Select
                label="Day (optional)"
                data={days}
                value={draft.day || null}
                onChange={(v) => set('day', v ?? '')}
                clearable
                error={f('value.day')}
              />
              <Select
                label="Month (optional)"
                data={months}
                value={draft.month || null}
                onChange={(v) => set('month', v ?? '')}
                clearable
                error={f('value.month')}
              />
            </SimpleGrid>
          </>
        )}
        {key === 'budget' && (
          <>
            {textField('category', 'What for', 'e.g. bouquets, a sofa', true)}
            <SimpleGrid cols={2} spacing="md">
              {amountField('min', 'At least')}
              {amountField('max', 'At most')}
            </SimpleGrid>
          </>
        )}
        {key === 'frequency' && (
          <>
            {textField('subject', 'What they buy', 'e.g. fresh flowers', true)}
            <SingleChips
              label="How often"
              options={fixedOptions(FREQUENCIES)}
              value={draft.frequency}
              onChange={(v) => set('frequency', v)}
              error={f('value.frequency')}
            />
          </>
        )}
        {key === 'avoid' && (
          <>
            {textField('item', 'What to avoid', 'e.g. lilies', true)}
            {textField('reason', 'Why (optional)', 'e.g. poisonous to their cat')}
          </>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save preference
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MissingVocabulary({ kind }: { kind: VocabularyKind }) {
  const me = useSignedIn();
  const many = KIND_LABEL[kind].many.toLowerCase();
  return (
    <Alert color="gray" variant="light" title={`No ${many} to choose from yet`}>
      <Stack gap="sm" align="flex-start">
        {can(me, 'catalog.edit')
          ? `Add your shop’s ${many} to the vocabulary first.`
          : `An owner adds the shop’s ${many} under Vocabulary.`}
        {can(me, 'catalog.edit') && (
          <LinkButton to="/vocabulary" variant="white">
            Open the vocabulary
          </LinkButton>
        )}
      </Stack>
    </Alert>
  );
}

import { Button, Card, NativeSelect, SimpleGrid, Stack, Switch } from '@mantine/core';
import { LIFESPANS, type Lifespan } from '../../../shared/catalog.ts';
import type { VocabularyKind } from '../../../shared/customers.ts';
import { Swatch } from '../vocabulary/ColourChips.tsx';
import type { Term, Vocabulary } from '../vocabulary/vocabulary.api.ts';
import { type Choice, ChoiceChips, FamilySwatch } from './Colours.tsx';
import { type CatalogFilters, useCategories } from './catalog.api.ts';
import { familyLabel, LIFESPAN_LABEL } from './words.ts';

const PANEL_ID = 'catalog-filters';

/** Opens and closes the filters; says how many are in use so a closed panel hides nothing. */
export function FilterToggle({ open, count, onToggle }: { open: boolean; count: number; onToggle: () => void }) {
  return (
    <Button
      variant={count ? 'light' : 'default'}
      onClick={onToggle}
      aria-expanded={open}
      aria-controls={PANEL_ID}
      rightSection={<span aria-hidden="true">{open ? '▴' : '▾'}</span>}
    >
      {count ? `Filters (${count})` : 'Filters'}
    </Button>
  );
}

/** The filter used most on the shop floor, so it stays outside the panel. */
export function InStockSwitch({
  storeName,
  checked,
  onChange,
}: {
  storeName: string | undefined;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <Switch
      size="md"
      label={storeName ? `In stock at ${storeName}` : 'In stock here'}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}

/** Active colours grouped by palette family, in the owner's order; colours without a family stand alone. */
function colourGroups(vocab: Vocabulary) {
  const families = new Map<string, Term[]>();
  const loose: Term[] = [];
  for (const t of vocab.active('colour')) {
    if (!t.family) loose.push(t);
    else families.set(t.family, [...(families.get(t.family) ?? []), t]);
  }
  return { families, loose };
}

/** The family a colour filter belongs to, to show it chosen when only `colour` is in the address. */
function familyOf(filters: CatalogFilters, vocab: Vocabulary): string | null {
  if (filters.colourFamily) return filters.colourFamily;
  return filters.colour ? (vocab.find('colour', filters.colour)?.family ?? null) : null;
}

export function FilterPanel(props: {
  open: boolean;
  filters: CatalogFilters;
  vocab: Vocabulary;
  onChange: (patch: Partial<CatalogFilters>) => void;
}) {
  const { filters: f, vocab, onChange } = props;
  const categories = useCategories();
  // Rendered only when open, so nothing hidden can take the keyboard's focus.
  if (!props.open) return <div id={PANEL_ID} hidden />;

  const { families, loose } = colourGroups(vocab);
  const family = familyOf(f, vocab);
  const colourValue = family ? `family:${family}` : f.colour ? `colour:${f.colour}` : null;
  const colourChoices: Choice[] = [
    ...[...families].map(([key, terms]) => ({
      value: `family:${key}`,
      label: familyLabel(key),
      swatch: <FamilySwatch hexes={terms.map((t) => t.hex).filter((h): h is string => !!h)} />,
    })),
    ...loose.map((t) => ({ value: `colour:${t.key}`, label: t.label, swatch: <Swatch hex={t.hex} size={18} /> })),
  ];
  const shades = family ? (families.get(family) ?? []) : [];

  const select = (kind: VocabularyKind, field: 'room' | 'style' | 'occasion', label: string, any: string) => (
    <NativeSelect
      size="md"
      label={label}
      value={f[field] ?? ''}
      onChange={(e) => onChange({ [field]: e.currentTarget.value || null })}
      data={[{ value: '', label: any }, ...vocab.active(kind).map((t) => ({ value: t.key, label: t.label }))]}
    />
  );

  return (
    <Card id={PANEL_ID} withBorder padding="md" component="section" aria-label="Filters">
      <Stack gap="md">
        <ChoiceChips
          label="Colour"
          anyLabel="Any colour"
          value={colourValue}
          options={colourChoices}
          onChange={(v) => {
            if (!v) onChange({ colourFamily: null, colour: null });
            else if (v.startsWith('family:')) onChange({ colourFamily: v.slice(7), colour: null });
            else onChange({ colourFamily: null, colour: v.slice(7) });
          }}
        />
        {family && shades.length > 1 && (
          <ChoiceChips
            label={`Shade of ${familyLabel(family).toLowerCase()}`}
            anyLabel={`Any ${familyLabel(family).toLowerCase()}`}
            value={f.colour}
            options={shades.map((t) => ({ value: t.key, label: t.label, swatch: <Swatch hex={t.hex} size={18} /> }))}
            onChange={(colour) => onChange({ colourFamily: family, colour })}
          />
        )}
        <ChoiceChips
          label="How long it lasts"
          anyLabel="Any"
          value={f.lifespan}
          options={LIFESPANS.map((l) => ({ value: l, label: LIFESPAN_LABEL[l] }))}
          onChange={(v) => onChange({ lifespan: (v as Lifespan | null) ?? null })}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NativeSelect
            size="md"
            label="Category"
            value={f.categoryId ?? ''}
            onChange={(e) => onChange({ categoryId: e.currentTarget.value || null })}
            data={[
              { value: '', label: 'Any category' },
              ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.path.join(' › ') })),
            ]}
          />
          {select('room', 'room', 'Room', 'Any room')}
          {select('style', 'style', 'Style', 'Any style')}
          {select('occasion', 'occasion', 'Occasion', 'Any occasion')}
        </SimpleGrid>
        <Switch
          size="md"
          label="Only what is safe for cats and dogs"
          checked={f.petSafe}
          onChange={(e) => onChange({ petSafe: e.currentTarget.checked })}
        />
      </Stack>
    </Card>
  );
}

/** The filters in use, each in words with a way to remove it. */
export function useActiveFilters(f: CatalogFilters, vocab: Vocabulary, onChange: (patch: Partial<CatalogFilters>) => void) {
  const categories = useCategories();
  const out: { label: string; clear: () => void }[] = [];
  if (f.colour || f.colourFamily) {
    const name = f.colour ? vocab.label('colour', f.colour) : familyLabel(f.colourFamily ?? '');
    out.push({ label: `Colour: ${name}`, clear: () => onChange({ colour: null, colourFamily: null }) });
  }
  if (f.lifespan) out.push({ label: LIFESPAN_LABEL[f.lifespan], clear: () => onChange({ lifespan: null }) });
  if (f.categoryId) {
    const c = categories.data?.find((x) => x.id === f.categoryId);
    out.push({ label: `Category: ${c ? c.path.join(' › ') : '…'}`, clear: () => onChange({ categoryId: null }) });
  }
  if (f.room) out.push({ label: `Room: ${vocab.label('room', f.room)}`, clear: () => onChange({ room: null }) });
  if (f.style) out.push({ label: `Style: ${vocab.label('style', f.style)}`, clear: () => onChange({ style: null }) });
  if (f.occasion) out.push({ label: `Occasion: ${vocab.label('occasion', f.occasion)}`, clear: () => onChange({ occasion: null }) });
  if (f.petSafe) out.push({ label: 'Safe for cats and dogs', clear: () => onChange({ petSafe: false }) });
  return out;
}

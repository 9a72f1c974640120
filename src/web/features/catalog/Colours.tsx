import { Group, Radio, Text } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { Swatch } from '../vocabulary/ColourChips.tsx';
import type { Vocabulary } from '../vocabulary/vocabulary.api.ts';
import classes from './catalog.module.css';

/**
 * A family's swatch: its colours side by side in one circle, so "pink" shows blush and hot pink
 * rather than one of them. Decoration only; the family's name is always written beside it.
 */
export function FamilySwatch({ hexes, size = 18 }: { hexes: string[]; size?: number }) {
  if (!hexes.length) return null;
  const step = 360 / hexes.length;
  const background =
    hexes.length === 1 ? hexes[0] : `conic-gradient(${hexes.map((h, i) => `${h} ${i * step}deg ${(i + 1) * step}deg`).join(', ')})`;
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: '50%',
        background,
        border: '1px solid var(--mantine-color-gray-5)',
        flexShrink: 0,
      }}
    />
  );
}

/**
 * Colours as swatches with their names written out: the swatch helps the eye, the word is what
 * a colour-blind associate or a screen reader relies on. Shows `max` and says how many more.
 */
export function ColourList(props: { keys: string[]; vocab: Vocabulary; max?: number; label?: string; size?: 'sm' | 'md' }) {
  const { keys, vocab, max, label = 'Colours', size = 'sm' } = props;
  if (!keys.length) return null;
  const shown = max ? keys.slice(0, max) : keys;
  const more = keys.length - shown.length;
  return (
    <Group component="ul" gap={6} wrap="wrap" aria-label={label} m={0} p={0} style={{ listStyle: 'none', rowGap: 4 }}>
      {shown.map((key) => (
        <Group component="li" key={key} gap={5} wrap="nowrap">
          <Swatch hex={vocab.find('colour', key)?.hex} size={size === 'sm' ? 14 : 18} />
          <Text span size={size}>
            {vocab.label('colour', key)}
          </Text>
        </Group>
      ))}
      {more > 0 && (
        <Text component="li" size={size} c="dimmed">
          and {more} more
        </Text>
      )}
    </Group>
  );
}

/** One choice of a chip group, with an optional swatch drawn before its name. */
export interface Choice {
  value: string;
  label: string;
  swatch?: ReactNode;
}

/** Chip-shaped cards at least 44 px tall; a radio dot shows which one is chosen, not the colour alone. */
const CHIP = {
  width: 'auto',
  minHeight: '2.75rem',
  borderRadius: '999px',
  paddingBlock: '0.375rem',
  paddingInline: '0.75rem',
  display: 'inline-flex',
  alignItems: 'center',
} as const;

const ANY = '__any';

/**
 * Pick one, or "Any" to drop the filter: a radio group, so arrow keys move between the chips and
 * a screen reader says which is chosen.
 */
export function ChoiceChips(props: {
  label: string;
  anyLabel: string;
  value: string | null;
  options: Choice[];
  onChange: (value: string | null) => void;
}) {
  const name = useId();
  const all: Choice[] = [{ value: ANY, label: props.anyLabel }, ...props.options];
  return (
    <Radio.Group
      label={props.label}
      value={props.value ?? ANY}
      onChange={(v) => props.onChange(v === ANY ? null : v)}
      name={name}
      size="md"
      styles={{ label: { fontWeight: 600 } }}
    >
      <Group gap="xs" mt={6}>
        {all.map((o) => (
          <Radio.Card key={o.value} value={o.value} style={CHIP} className={classes.choice} aria-label={o.label}>
            <Group gap={8} wrap="nowrap">
              <Radio.Indicator size="sm" />
              {o.swatch}
              <Text component="span">{o.label}</Text>
            </Group>
          </Radio.Card>
        ))}
      </Group>
    </Radio.Group>
  );
}

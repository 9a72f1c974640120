import { Checkbox, Group, MultiSelect, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CHIP_CARD } from '../../vocabulary/ColourChips.tsx';

/** One value to pick: its words, and its full name for a screen reader when the words are short. */
export interface Option {
  value: string;
  label: string;
  /** Read instead of the label, e.g. "Fresh flowers › Bouquets" for "Bouquets". */
  name?: string;
  /** Shown ticked and not changeable, e.g. a sub-category its parent already includes. */
  included?: boolean;
}

/** Short lists are chips a finger can hit; longer ones a searchable list. */
const CHIPS_UP_TO = 12;

interface PickProps {
  id: string;
  label: string;
  description?: string;
  error?: ReactNode;
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
  /** Chips even for a long list (the list reads better whole, e.g. categories by group). */
  alwaysChips?: boolean;
  placeholder?: string;
}

/** Pick several values: chips (checkboxes) for a few, a searchable list for many. */
export function PickMany(props: PickProps) {
  if (props.options.length > CHIPS_UP_TO && !props.alwaysChips)
    return (
      <MultiSelect
        id={props.id}
        label={props.label}
        description={props.description}
        error={props.error}
        size="md"
        data={props.options.map((o) => ({ value: o.value, label: o.label }))}
        value={props.value}
        onChange={props.onChange}
        searchable
        hidePickedOptions
        placeholder={props.value.length ? undefined : (props.placeholder ?? 'Type to find one')}
        nothingFoundMessage="Nothing matches"
        comboboxProps={{ shadow: 'md' }}
        styles={{ option: { minHeight: '2.75rem' } }}
      />
    );
  return (
    <div id={props.id}>
      <Checkbox.Group
        label={props.label}
        description={props.description}
        error={props.error}
        value={props.value}
        onChange={props.onChange}
        size="md"
      >
        <Group gap="xs" mt={6}>
          {props.options.map((o) => (
            <Checkbox.Card
              key={o.value}
              value={o.value}
              style={CHIP_CARD}
              aria-label={o.included ? `${o.name ?? o.label} (included)` : (o.name ?? o.label)}
              {...(o.included ? { checked: true, disabled: true } : {})}
            >
              <Group gap={8} wrap="nowrap">
                <Checkbox.Indicator size="sm" disabled={o.included} />
                <Text component="span" c={o.included ? 'dimmed' : undefined}>
                  {o.label}
                </Text>
              </Group>
            </Checkbox.Card>
          ))}
          {props.options.length === 0 && (
            <Text c="dimmed" size="sm">
              Nothing to choose from yet.
            </Text>
          )}
        </Group>
      </Checkbox.Group>
    </div>
  );
}

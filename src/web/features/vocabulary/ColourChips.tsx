import { Checkbox, ColorSwatch, Group, Radio, Text } from '@mantine/core';
import { useId } from 'react';

/** A colour's display swatch; decoration only, so the label beside it must always be shown too. */
export function Swatch({ hex, size = 20 }: { hex: string | null | undefined; size?: number }) {
  if (!hex) return null;
  return (
    <ColorSwatch
      color={hex}
      size={size}
      withShadow={false}
      aria-hidden="true"
      style={{ border: '1px solid var(--mantine-color-gray-5)', flexShrink: 0 }}
    />
  );
}

/** One choice: its value, its words and, for colours, a swatch. */
export interface ChipOption {
  value: string;
  label: string;
  hex?: string | null;
}

/** Cards shaped like chips, at least 44 px tall, with a tick or dot, the swatch and the label. */
export const CHIP_CARD = {
  width: 'auto',
  minHeight: '2.75rem',
  borderRadius: '999px',
  paddingBlock: '0.375rem',
  paddingInline: '0.75rem',
  display: 'inline-flex',
  alignItems: 'center',
} as const;

/** The chips of a group; checkboxes when several may be picked, radios when one. */
function ChipCards({ options, kind }: { options: ChipOption[]; kind: 'checkbox' | 'radio' }) {
  const Card = kind === 'checkbox' ? Checkbox.Card : Radio.Card;
  const Indicator = kind === 'checkbox' ? Checkbox.Indicator : Radio.Indicator;
  return (
    <Group gap="xs" mt={6}>
      {options.map((o) => (
        <Card key={o.value} value={o.value} style={CHIP_CARD} aria-label={o.label}>
          <Group gap={8} wrap="nowrap">
            <Indicator size="sm" />
            <Swatch hex={o.hex} size={18} />
            <Text component="span">{o.label}</Text>
          </Group>
        </Card>
      ))}
    </Group>
  );
}

interface GroupProps {
  label: string;
  description?: string;
  error?: string;
  options: ChipOption[];
}

/** Pick several, e.g. the dominant colours of a room. */
export function MultiChips(props: GroupProps & { value: string[]; onChange: (value: string[]) => void }) {
  return (
    <Checkbox.Group
      label={props.label}
      description={props.description}
      error={props.error}
      value={props.value}
      onChange={props.onChange}
      size="md"
    >
      <ChipCards options={props.options} kind="checkbox" />
    </Checkbox.Group>
  );
}

/** Pick one; arrow keys move between the choices as in any radio group. */
export function SingleChips(props: GroupProps & { value: string | null; onChange: (value: string) => void }) {
  const name = useId();
  return (
    <Radio.Group
      label={props.label}
      description={props.description}
      error={props.error}
      value={props.value}
      onChange={props.onChange}
      name={name}
      size="md"
    >
      <ChipCards options={props.options} kind="radio" />
    </Radio.Group>
  );
}

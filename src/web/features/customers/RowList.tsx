import { Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A list of similar rows (phone numbers, e-mails, dates…) with "Add" and per-row "Remove"
 * buttons whose names say which row they remove.
 */
export function RowList<T>(props: {
  legend: string;
  items: T[];
  onChange: (items: T[]) => void;
  blank: T;
  addLabel: string;
  /** "phone 2": names the row for the remove button and screen readers. */
  rowName: (index: number) => string;
  max?: number;
  empty?: string;
  error?: string;
  children: (item: T, update: (patch: Partial<T>) => void, index: number) => ReactNode;
}) {
  const { items, onChange } = props;
  const update = (i: number) => (patch: Partial<T>) => onChange(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <Fieldset legend={props.legend} styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)' } }} p="sm">
      <Stack gap="sm">
        {items.length === 0 && props.empty && (
          <Text size="sm" c="dimmed">
            {props.empty}
          </Text>
        )}
        {items.map((item, i) => (
          // Rows have no identity of their own; the position is what the person sees.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and never reordered
          <Group key={i} align="flex-end" gap="sm" wrap="nowrap">
            <div style={{ flex: 1, minWidth: 0 }}>{props.children(item, update(i), i)}</div>
            <Button
              variant="default"
              px="sm"
              onClick={() => onChange(items.filter((_, j) => j !== i))}
              aria-label={`Remove ${props.rowName(i)}`}
            >
              Remove
            </Button>
          </Group>
        ))}
        {props.error && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {props.error}
          </Text>
        )}
        {(props.max === undefined || items.length < props.max) && (
          <Button variant="light" onClick={() => onChange([...items, props.blank])} w="fit-content">
            {props.addLabel}
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}

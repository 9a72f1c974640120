import { Alert, Group, Paper, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import type { Placed } from './editor.ts';

/** The save bar's buttons keep their words on one line. */
export const NO_WRAP = { label: { whiteSpace: 'nowrap' } } as const;

/** Messages as shown at a field: each starts with a capital, one a line. */
function lines(messages: string[]): ReactNode {
  return messages.map((m, i) => (
    <Fragment key={m}>
      {i > 0 && <br />}
      {m.charAt(0).toUpperCase() + m.slice(1)}
    </Fragment>
  ));
}

/**
 * Reading placed mistakes: `errorAt` gives what a field shows (nothing when it has none), and
 * `mistakesOf` how many mistakes the card at an index has, found by `indexOf` a place.
 */
export function mistakesAt(problems: Placed[], indexOf: (place: string) => number | null) {
  return {
    errorAt(place: string): ReactNode | undefined {
      const messages = problems.filter((p) => p.place === place).map((p) => p.message);
      return messages.length ? lines(messages) : undefined;
    },
    mistakesOf: (index: number) => problems.filter((p) => indexOf(p.place) === index).length,
  };
}

/** A mistake shown on its own under a heading rather than at an input: focusable, so the summary can take the owner to it. */
export function PlaceError({ id, children }: { id: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <Text c="var(--mantine-color-error)" size="sm" id={id} tabIndex={-1}>
      {children}
    </Text>
  );
}

/** Every mistake, each a link to the field that shows it; nothing when there are none. */
export function MistakesSummary(props: {
  id: string;
  title: string;
  problems: Placed[];
  describe: (place: string) => string;
  onGo: (place: string) => void;
}) {
  if (props.problems.length === 0) return null;
  return (
    <Alert color="red" variant="light" id={props.id} tabIndex={-1} role="region" aria-label="Mistakes to fix" title={props.title}>
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Mistakes">
        {props.problems.map((p) => (
          <li key={`${p.place}\n${p.message}`}>
            <UnstyledButton onClick={() => props.onGo(p.place)} py={6} style={{ minHeight: 44, textAlign: 'left' }}>
              <Text span c="red.9" fw={650} td="underline">
                {props.describe(p.place)}
              </Text>
              <Text span c="gray.9">
                : {p.message}
              </Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    </Alert>
  );
}

/** The bar kept at the bottom of an editor: where the work stands (announced as it changes) and its buttons. */
export function SaveBar({ status, oneLine = false, children }: { status: string; oneLine?: boolean; children: ReactNode }) {
  return (
    <Paper
      withBorder
      shadow="md"
      p="sm"
      radius="md"
      style={{ position: 'sticky', bottom: 'var(--mantine-spacing-sm)', zIndex: 3 }}
      aria-label="Saving"
      component="section"
    >
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <VisuallyHidden aria-live="polite">{status}</VisuallyHidden>
        <Text
          size="sm"
          fw={600}
          aria-hidden="true"
          visibleFrom="sm"
          style={{ flex: '1 1 0', minWidth: 0, ...(oneLine ? { whiteSpace: 'nowrap' } : {}) }}
        >
          {status}
        </Text>
        <Group gap="sm" wrap="nowrap" ml="auto">
          {children}
        </Group>
      </Group>
    </Paper>
  );
}

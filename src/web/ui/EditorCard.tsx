import { ActionIcon, Badge, Box, Button, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { ConfirmModal } from './ConfirmModal.tsx';
import { PlaceError } from './EditorForm.tsx';
import { moveButtonId } from './editor.ts';

/**
 * One card of an ordered editor (a question, a step): closed, a toggle that reads its number, title,
 * summary and mistakes, beside arrows that move it; open, its fields below.
 */
export function EditorCard(props: {
  /** The start of the card's DOM ids: its body is `${cardId}-body`, its arrows `${cardId}-up` and `-down`. */
  cardId: string;
  /** "Question 3". */
  ordinal: string;
  /** What the owner wrote as its title, trimmed; `untitled` shows, in italics, while it is blank. */
  title: string;
  untitled: string;
  /** The card at a glance, under its title. */
  summary: string;
  /** More to see on the card, under the summary. */
  more?: ReactNode;
  /** Badges shown before the count of mistakes. */
  badges?: ReactNode;
  /** How many mistakes the card has, shown on the closed card. */
  mistakes: number;
  index: number;
  count: number;
  /** The accessible name of an arrow: "Move question 3 up". */
  moveLabel: (direction: 'up' | 'down') => string;
  open: boolean;
  onToggle: () => void;
  onMove: (delta: -1 | 1) => void;
  /** The fields, shown while the card is open. */
  children: ReactNode;
}) {
  const bodyId = `${props.cardId}-body`;
  const shown = props.title || props.untitled;
  return (
    <li>
      <Card withBorder padding={0} role="group" aria-label={`${props.ordinal}: ${shown}`}>
        <Group wrap="nowrap" gap="xs" align="stretch" p="xs">
          <UnstyledButton
            onClick={props.onToggle}
            aria-expanded={props.open}
            aria-controls={props.open ? bodyId : undefined}
            style={{ flex: 1, minWidth: 0, minHeight: 44, borderRadius: 'var(--mantine-radius-md)' }}
            px="xs"
            py={6}
          >
            <Group wrap="nowrap" gap="sm" align="flex-start">
              <Text component="span" aria-hidden="true" fw={700} c="moss.8" w="1rem" ta="center" mt={2}>
                {props.open ? '▾' : '▸'}
              </Text>
              <Stack gap={2} miw={0}>
                <Text component="span" size="sm" c="dimmed">
                  {props.ordinal}
                </Text>
                <Text component="span" fw={650} fs={props.title ? undefined : 'italic'} style={{ overflowWrap: 'anywhere' }}>
                  {shown}
                </Text>
                <Text component="span" size="sm" c="dimmed">
                  {props.summary}
                </Text>
                {props.more}
                {(props.badges || props.mistakes > 0) && (
                  <Group gap={6} component="span">
                    {props.badges}
                    {props.mistakes > 0 && (
                      <Badge component="span" color="red.9" variant="outline" size="md">
                        {props.mistakes === 1 ? '1 mistake' : `${props.mistakes} mistakes`}
                      </Badge>
                    )}
                  </Group>
                )}
              </Stack>
            </Group>
          </UnstyledButton>
          <Stack gap={4} justify="center">
            <ActionIcon
              id={moveButtonId(props.cardId, 'up')}
              variant="default"
              aria-label={props.moveLabel('up')}
              disabled={props.index === 0}
              onClick={() => props.onMove(-1)}
            >
              <span aria-hidden="true">↑</span>
            </ActionIcon>
            <ActionIcon
              id={moveButtonId(props.cardId, 'down')}
              variant="default"
              aria-label={props.moveLabel('down')}
              disabled={props.index === props.count - 1}
              onClick={() => props.onMove(1)}
            >
              <span aria-hidden="true">↓</span>
            </ActionIcon>
          </Stack>
        </Group>
        {props.open && (
          <Box id={bodyId} px={{ base: 'sm', sm: 'md' }} pb="md" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            {props.children}
          </Box>
        )}
      </Card>
    </li>
  );
}

/**
 * The section of an editor that holds its cards, in order: a heading with the count and a button
 * to open or close them all, what the order means, a mistake about the list as a whole, the cards
 * and a button that adds one.
 */
export function EditorCardList(props: {
  headingId: string;
  /** "Questions (3)". */
  heading: string;
  hint: ReactNode;
  /** A mistake about the list as a whole, and the id the summary takes the owner to. */
  error: ReactNode | undefined;
  errorId: string;
  /** The list's accessible name. */
  label: string;
  /** Shown instead of the list while it has no cards; without it, the empty list shows. */
  empty?: ReactNode;
  count: number;
  allOpen: boolean;
  onAllOpen: (open: boolean) => void;
  addLabel: string;
  addDisabled: boolean;
  onAdd: () => void;
  /** The cards. */
  children: ReactNode;
}) {
  return (
    <Stack gap="md" component="section" aria-labelledby={props.headingId}>
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2} size="h3" id={props.headingId} tabIndex={-1}>
          {props.heading}
        </Title>
        {props.count > 1 && (
          <Button variant="default" onClick={() => props.onAllOpen(!props.allOpen)}>
            {props.allOpen ? 'Close all' : 'Open all'}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {props.hint}
      </Text>
      <PlaceError id={props.errorId}>{props.error}</PlaceError>
      {props.count === 0 && props.empty ? (
        props.empty
      ) : (
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={props.label}>
          {props.children}
        </Stack>
      )}
      <Button variant="light" w="fit-content" onClick={props.onAdd} disabled={props.addDisabled}>
        {props.addLabel}
      </Button>
    </Stack>
  );
}

/** Asks before a card is taken out ("Remove question 3?"), saying what that means. */
export function ConfirmRemoveCard(props: {
  /** What a card is: "question". */
  noun: string;
  number: number;
  onRemove: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <ConfirmModal
      title={`Remove ${props.noun} ${props.number}?`}
      confirmLabel={`Remove ${props.noun}`}
      danger
      pending={false}
      error={null}
      onConfirm={props.onRemove}
      onClose={props.onClose}
    >
      {props.children}
    </ConfirmModal>
  );
}

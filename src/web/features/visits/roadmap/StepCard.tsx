import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { DEFAULT_AT_LEAST, DONE_KIND_LABEL, DONE_KINDS, type DoneKind, type DraftStep, doneWhenPhrase } from './draft.ts';
import { fieldId, LIMITS } from './problems.ts';

export interface StepCardProps {
  step: DraftStep;
  index: number;
  count: number;
  /** The key visits record the step by: the saved one, or the one its name gives a new step. */
  stepKey: string;
  open: boolean;
  /** The mistakes shown at a placed path (`steps.2.name`), if any. */
  error: (place: string) => ReactNode | undefined;
  /** How many mistakes the step has, shown on the closed card. */
  mistakes: number;
  onToggle: () => void;
  onChange: (change: (s: DraftStep) => DraftStep) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

export const stepName = (s: DraftStep) => s.name.trim() || 'New step';

/** "Can be skipped · Done when the visit is closed": a step at a glance. */
function summaryOf(s: DraftStep): string {
  const done =
    s.kind === 'questions-answered'
      ? doneWhenPhrase({ kind: s.kind, atLeast: s.atLeast === '' ? Number.NaN : s.atLeast })
      : doneWhenPhrase({ kind: s.kind });
  return `${s.skippable ? 'Can be skipped' : 'Cannot be skipped'} · Done when ${done}`;
}

/** The DOM id of a step's up or down button, for focus to follow a moved step. */
export const moveButtonId = (uid: string, direction: 'up' | 'down') => `roadmap-${uid}-${direction}`;

/** One step of the roadmap: closed, its name and what marks it done; open, everything about it. */
export function StepCard(props: StepCardProps) {
  const { step: s, index: i } = props;
  const number = i + 1;
  const bodyId = `roadmap-${s.uid}-body`;
  return (
    <li>
      <Card withBorder padding={0} role="group" aria-label={`Step ${number}: ${stepName(s)}`}>
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
                  Step {number}
                </Text>
                <Text component="span" fw={650} fs={s.name.trim() ? undefined : 'italic'} style={{ overflowWrap: 'anywhere' }}>
                  {stepName(s)}
                </Text>
                <Text component="span" size="sm" c="dimmed">
                  {summaryOf(s)}
                </Text>
                {!props.open && s.guidance.trim() && (
                  <Text component="span" size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                    {s.guidance.trim()}
                  </Text>
                )}
                {(s.key === null || props.mistakes > 0) && (
                  <Group gap={6} component="span">
                    {s.key === null && (
                      <Badge component="span" color="moss.8" variant="outline" size="md">
                        New
                      </Badge>
                    )}
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
              id={moveButtonId(s.uid, 'up')}
              variant="default"
              aria-label={`Move step ${number}, ${stepName(s)}, up`}
              disabled={i === 0}
              onClick={() => props.onMove(-1)}
            >
              <span aria-hidden="true">↑</span>
            </ActionIcon>
            <ActionIcon
              id={moveButtonId(s.uid, 'down')}
              variant="default"
              aria-label={`Move step ${number}, ${stepName(s)}, down`}
              disabled={i === props.count - 1}
              onClick={() => props.onMove(1)}
            >
              <span aria-hidden="true">↓</span>
            </ActionIcon>
          </Stack>
        </Group>
        {props.open && (
          <Box id={bodyId} px={{ base: 'sm', sm: 'md' }} pb="md" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <StepFields {...props} number={number} />
          </Box>
        )}
      </Card>
    </li>
  );
}

function StepFields(props: StepCardProps & { number: number }) {
  const { step: s, error, number } = props;
  const at = `steps.${props.index}`;
  const set = (change: Partial<DraftStep>) => props.onChange((old) => ({ ...old, ...change }));
  const cardError = error(at);
  return (
    <Stack gap="md">
      {cardError && (
        <Text c="var(--mantine-color-error)" size="sm" id={fieldId(at)} tabIndex={-1}>
          {cardError}
        </Text>
      )}
      <TextInput
        id={fieldId(`${at}.name`)}
        label="Name"
        description="What associates see for this step during a visit"
        value={s.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={error(`${at}.name`)}
        required
        maxLength={LIMITS.stepName}
      />
      <Textarea
        id={fieldId(`${at}.guidance`)}
        label="Guidance"
        description="What the associate should do, and why; shown with the step during a visit"
        value={s.guidance}
        onChange={(e) => set({ guidance: e.currentTarget.value })}
        error={error(`${at}.guidance`)}
        autosize
        minRows={3}
        size="md"
        maxLength={LIMITS.guidance}
      />
      <Switch
        id={fieldId(`${at}.skippable`)}
        label="Can be skipped"
        description={
          s.skippable
            ? 'An associate may skip it when it does not fit the visit'
            : 'Every visit goes through it: the steps after it wait until it is done'
        }
        checked={s.skippable}
        onChange={(e) => set({ skippable: e.currentTarget.checked })}
        error={error(`${at}.skippable`)}
        size="md"
      />
      <NativeSelect
        id={fieldId(`${at}.doneWhen`)}
        label="Done when"
        description="Associates can always mark a step done themselves"
        data={DONE_KINDS.map((k) => ({ value: k, label: DONE_KIND_LABEL[k] }))}
        value={s.kind}
        onChange={(e) => {
          const kind = e.currentTarget.value as DoneKind;
          props.onChange((old) => ({ ...old, kind, atLeast: old.atLeast === '' ? DEFAULT_AT_LEAST : old.atLeast }));
        }}
        error={error(`${at}.doneWhen`)}
        size="md"
      />
      {s.kind === 'questions-answered' && (
        <NumberInput
          id={fieldId(`${at}.doneWhen.atLeast`)}
          label="Questions answered, at least"
          description="Answers given in the visit’s guided selling"
          value={s.atLeast}
          onChange={(value) => set({ atLeast: typeof value === 'number' ? value : value.trim() === '' ? '' : Number(value) })}
          error={error(`${at}.doneWhen.atLeast`)}
          min={1}
          max={LIMITS.atLeast}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          hideControls
          maw={320}
          required
        />
      )}
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {s.key === null
          ? `Visits will record it as “${props.stepKey}”, made from its name when you save.`
          : `Visits record it as “${props.stepKey}”, whatever you call it.`}
      </Text>
      <Button variant="default" c="red.9" w="fit-content" onClick={props.onRemove}>
        Remove step {number}
      </Button>
    </Stack>
  );
}

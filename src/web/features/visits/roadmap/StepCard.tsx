import { Badge, Button, NativeSelect, NumberInput, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { EditorCard } from '../../../ui/EditorCard.tsx';
import { PlaceError } from '../../../ui/EditorForm.tsx';
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

/** The start of a step card's DOM ids (its body and arrows). */
export const stepCardId = (uid: string) => `roadmap-${uid}`;

/** One step of the roadmap: closed, its name and what marks it done; open, everything about it. */
export function StepCard(props: StepCardProps) {
  const { step: s, index: i } = props;
  const number = i + 1;
  return (
    <EditorCard
      cardId={stepCardId(s.uid)}
      ordinal={`Step ${number}`}
      title={s.name.trim()}
      untitled="New step"
      summary={summaryOf(s)}
      more={
        !props.open &&
        s.guidance.trim() && (
          <Text component="span" size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {s.guidance.trim()}
          </Text>
        )
      }
      badges={
        s.key === null && (
          <Badge component="span" color="moss.8" variant="outline" size="md">
            New
          </Badge>
        )
      }
      mistakes={props.mistakes}
      index={i}
      count={props.count}
      moveLabel={(direction) => `Move step ${number}, ${stepName(s)}, ${direction}`}
      open={props.open}
      onToggle={props.onToggle}
      onMove={props.onMove}
    >
      <StepFields {...props} number={number} />
    </EditorCard>
  );
}

function StepFields(props: StepCardProps & { number: number }) {
  const { step: s, error, number } = props;
  const at = `steps.${props.index}`;
  const set = (change: Partial<DraftStep>) => props.onChange((old) => ({ ...old, ...change }));
  return (
    <Stack gap="md">
      <PlaceError id={fieldId(at)}>{error(at)}</PlaceError>
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

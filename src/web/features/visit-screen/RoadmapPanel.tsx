import { Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import type { Me } from '../auth/auth.api.ts';
import { Section } from '../customers/Section.tsx';
import { timeOfDay } from '../visits/words.ts';
import type { ShownStep } from './pending.ts';

const STATE = {
  done: { label: 'Done', color: 'moss.7', variant: 'filled' },
  skipped: { label: 'Skipped', color: 'gray.7', variant: 'outline' },
  current: { label: 'Now', color: 'yellow.4', variant: 'filled' },
  'to-do': { label: 'To do', color: 'gray.7', variant: 'outline' },
} as const;
const NOT_DONE = { label: 'Not done', color: 'gray.7', variant: 'outline' } as const;

/** "waiting to sync" or "not saved" after a change still in the queue. */
export function PendingMark({ pending }: { pending: 'waiting' | 'failed' | undefined }) {
  if (!pending) return null;
  return (
    <Text span size="sm" c={pending === 'failed' ? 'red.8' : 'dimmed'} fs="italic">
      {pending === 'failed' ? ' · not saved' : ' · waiting to sync'}
    </Text>
  );
}

/** The step to do now, with its guidance and Done / Skip. */
export function CurrentStep({
  step,
  onMark,
  closed,
}: {
  step: ShownStep | null;
  onMark: (step: ShownStep, status: 'done' | 'skipped') => void;
  closed: boolean;
}) {
  return (
    <Section id="current-step-heading" title={step ? `Now: ${step.name}` : 'Every step is done'}>
      {step ? (
        <>
          <Text size="lg" style={{ overflowWrap: 'anywhere' }}>
            {step.guidance}
          </Text>
          {step.doneWhen.kind === 'closed' ? (
            <Text c="dimmed">This step is done when the visit is closed{closed ? '.' : ' below.'}</Text>
          ) : (
            <Group gap="sm">
              <Button onClick={() => onMark(step, 'done')}>Done: {step.name}</Button>
              {step.skippable && (
                <Button variant="default" onClick={() => onMark(step, 'skipped')}>
                  Skip
                </Button>
              )}
            </Group>
          )}
        </>
      ) : (
        <Text c="dimmed">Nothing left on the roadmap for this visit.</Text>
      )}
    </Section>
  );
}

/** The roadmap as a compact list: each step's state and when it happened. */
export function StepList({ steps, me, timeZone, closed }: { steps: ShownStep[]; me: Me; timeZone: string; closed?: boolean }) {
  return (
    <Section id="roadmap-heading" title="The visit step by step">
      <Stack component="ol" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby="roadmap-heading">
        {steps.map((s, i) => {
          // Once the visit is closed, a step left undone is just that: nothing is "now" any more.
          const state = closed && (s.state === 'current' || s.state === 'to-do') ? NOT_DONE : STATE[s.state];
          return (
            <Group
              component="li"
              key={s.key}
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py={6}
              style={i === 0 ? undefined : { borderTop: '1px solid var(--mantine-color-gray-2)' }}
              aria-current={s.state === 'current' && !closed ? 'step' : undefined}
            >
              <Box miw={0}>
                <Text fw={s.state === 'current' && !closed ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
                  {s.name}
                  <PendingMark pending={s.pending} />
                </Text>
                {s.pending === 'failed' && s.error && (
                  <Text size="sm" c="red.8">
                    {s.error.message}
                  </Text>
                )}
              </Box>
              <Group gap={8} wrap="nowrap" style={{ flexShrink: 0 }}>
                {s.at && (s.state === 'done' || s.state === 'skipped') && (
                  <Text size="sm" c="dimmed">
                    {timeOfDay(s.at, me.retailer.locale, timeZone)}
                  </Text>
                )}
                <Badge color={state.color} variant={state.variant} autoContrast style={{ textTransform: 'none' }}>
                  {state.label}
                </Badge>
              </Group>
            </Group>
          );
        })}
      </Stack>
    </Section>
  );
}

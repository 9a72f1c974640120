import { Box, Group, Text, VisuallyHidden } from '@mantine/core';
import type { LostOutcome } from '../../../../shared/domain/visits.ts';
import { LOST_OUTCOME_LABEL } from '../words.ts';
import type { OutcomePart } from './report-logic.ts';

/** The colour each outcome has in the stacked bars; the words beside them say the same. */
export const OUTCOME_COLOUR: Record<LostOutcome, string> = {
  substituted: 'var(--mantine-color-moss-6)',
  'other-store': 'var(--mantine-color-blue-6)',
  ordered: 'var(--mantine-color-violet-5)',
  lost: 'var(--mantine-color-red-8)',
};

/** A small square in an outcome's colour, tying the words to the bar. */
function Swatch({ outcome }: { outcome: LostOutcome }) {
  return (
    <Box
      component="span"
      aria-hidden="true"
      w={12}
      h={12}
      display="inline-block"
      style={{ background: OUTCOME_COLOUR[outcome], borderRadius: 3, flex: 'none' }}
    />
  );
}

/**
 * What happened instead as one bar, each outcome as wide as its share of the units, with the
 * numbers in words underneath (the bar itself is hidden from screen readers: the words say it all).
 */
export function OutcomeBreakdown({ parts, size = 12 }: { parts: OutcomePart[]; size?: number }) {
  if (parts.length === 0) return null;
  return (
    <Box>
      <Box
        aria-hidden="true"
        h={size}
        style={{ display: 'flex', gap: 2, borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}
        data-testid="outcome-bar"
      >
        {parts.map((p) => (
          <Box key={p.outcome} style={{ width: `${p.percent}%`, minWidth: 4, background: OUTCOME_COLOUR[p.outcome] }} />
        ))}
      </Box>
      <Group component="p" gap="xs" style={{ rowGap: 0 }} mt={6} mb={0} fz="sm" wrap="wrap">
        <VisuallyHidden>What happened instead: </VisuallyHidden>
        {parts.map((p, i) => (
          <Text key={p.outcome} span size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
            <Swatch outcome={p.outcome} />
            {LOST_OUTCOME_LABEL[p.outcome]} {p.units}
            {i < parts.length - 1 && <VisuallyHidden>, </VisuallyHidden>}
          </Text>
        ))}
      </Group>
    </Box>
  );
}

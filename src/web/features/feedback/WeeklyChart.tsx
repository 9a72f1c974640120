import { Group, Text } from '@mantine/core';
import type { FeedbackWeek } from './feedback.api.ts';
import { percent } from './words.ts';

const HEIGHT = 160;
const BAR = 22;
const GAP = 14;
const TOP = 12;
const BOTTOM = 8;

/**
 * Average satisfaction per week as bars (out of 5) and the response rate as dots on the same
 * height (out of 100 %). Drawn here, in SVG, so the page needs no chart library; the numbers are in
 * the table beside it, and the chart carries a summary for screen readers.
 */
export function WeeklyChart({ weeks, locale }: { weeks: FeedbackWeek[]; locale: string }) {
  const width = weeks.length * (BAR + GAP) + GAP;
  const plot = HEIGHT - TOP - BOTTOM;
  const answered = weeks.filter((w) => w.averageSatisfaction !== null);
  const summary = answered.length
    ? `Average satisfaction by week, out of 5: ${answered
        .map((w) => `${label(w.weekStart, locale)} ${w.averageSatisfaction?.toFixed(1)} (${percent(w.responseRate)} answered)`)
        .join('; ')}.`
    : 'No answers in these weeks.';
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} width="100%" height={HEIGHT} preserveAspectRatio="none" role="img" aria-label={summary}>
        {[0, 0.5, 1].map((f) => (
          <line
            key={f}
            x1={0}
            x2={width}
            y1={TOP + plot * (1 - f)}
            y2={TOP + plot * (1 - f)}
            stroke="var(--mantine-color-gray-3)"
            strokeWidth={1}
          />
        ))}
        {weeks.map((w, i) => {
          const x = GAP + i * (BAR + GAP);
          const h = w.averageSatisfaction === null ? 0 : (plot * w.averageSatisfaction) / 5;
          return (
            <g key={w.weekStart}>
              {h > 0 && <rect x={x} y={TOP + plot - h} width={BAR} height={h} rx={3} fill="var(--mantine-color-moss-6)" />}
              {w.responseRate !== null && (
                <circle cx={x + BAR / 2} cy={TOP + plot * (1 - w.responseRate)} r={4} fill="var(--mantine-color-dark-6)" />
              )}
            </g>
          );
        })}
      </svg>
      {/* Week labels in HTML, under their bars: text in the stretched SVG would be squeezed on a phone. */}
      <div
        aria-hidden="true"
        style={{ display: 'grid', gridTemplateColumns: `repeat(${weeks.length}, 1fr)`, padding: `0 ${(GAP / 2 / width) * 100}%` }}
      >
        {weeks.map((w, i) => (
          <Text key={w.weekStart} size="xs" c="dimmed" ta="center" style={{ whiteSpace: 'nowrap' }}>
            {i % 2 === weeks.length % 2 ? '' : label(w.weekStart, locale)}
          </Text>
        ))}
      </div>
      <Group component="figcaption" gap="lg" mt={4} wrap="wrap">
        <Text size="sm" c="dimmed">
          <span
            aria-hidden="true"
            style={{ display: 'inline-block', width: 12, height: 12, background: 'var(--mantine-color-moss-6)', marginRight: 6 }}
          />
          Average satisfaction (the full height is 5)
        </Text>
        <Text size="sm" c="dimmed">
          <span
            aria-hidden="true"
            style={{
              display: 'inline-block',
              width: 10,
              height: 10,
              borderRadius: 5,
              background: 'var(--mantine-color-dark-6)',
              marginRight: 6,
            }}
          />
          Response rate (the full height is 100 %)
        </Text>
      </Group>
    </figure>
  );
}

function label(weekStart: string, locale: string): string {
  return new Date(`${weekStart}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

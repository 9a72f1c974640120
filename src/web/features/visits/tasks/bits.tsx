import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Links in running text still get a 44 px tall target. */
export const TAP = { display: 'inline-flex', alignItems: 'center', minHeight: 44 } as const;

/** Keeps a short phrase (a price, a date) in one piece when the line wraps. */
export function Nowrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}

/** One labelled fact of a card, as a term and its description (inside a `<dl>`). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** The look of one item in these lists: a bordered card whose left edge repeats its state for a quick scan. */
export const cardStyle = (edge: string) =>
  ({
    borderRadius: 'var(--mantine-radius-md)',
    border: '1px solid var(--mantine-color-gray-3)',
    borderLeft: `6px solid ${edge}`,
    background: 'var(--mantine-color-white)',
  }) as const;

/** Tabs with 44 px targets that wrap on a narrow screen. */
export const TAB_STYLES = { tab: { minHeight: '2.75rem' }, list: { flexWrap: 'wrap' } } as const;

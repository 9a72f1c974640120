import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Links in running text still get a 44 × 44 px target, however short their words. */
export const TAP = { display: 'inline-flex', alignItems: 'center', minHeight: 44, minWidth: 44 } as const;

/** Keeps a short phrase (a price, a date, a name) in one piece when the line wraps. */
export function Nowrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}

/** A list row's frame, as on the sales, visits and stock lists. */
export const ROW = {
  borderRadius: 'var(--mantine-radius-md)',
  border: '1px solid var(--mantine-color-gray-3)',
  background: 'var(--mantine-color-white)',
} as const;

/** One labelled fact, as a term and its description (inside a `<dl>`). */
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

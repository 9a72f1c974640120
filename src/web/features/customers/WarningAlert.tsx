import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** An orange "stop and look" notice; its title keeps the body's text colour so it stays readable. */
export function WarningAlert({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Alert color="orange" role="alert" variant="light" title={title} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      {children}
    </Alert>
  );
}

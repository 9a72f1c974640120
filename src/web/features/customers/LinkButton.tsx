import { Button, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A link that looks like a button; an `<a>` does not centre its label by itself, unlike `<button>`. */
export function LinkButton({ to, children, ...props }: ButtonProps & { to: string; children: ReactNode }) {
  return (
    <Button
      component={Link}
      to={to}
      {...props}
      styles={{ root: { display: 'inline-flex', alignItems: 'center', justifyContent: 'center' } }}
    >
      {children}
    </Button>
  );
}

import { Alert } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Says something was done, where the thing done has just left the screen: it takes the focus (a
 * screen reader reads it, the keyboard carries on from it) and can be dismissed.
 */
export function DoneNotice({ title, onDismiss, children }: { title: string; onDismiss: () => void; children: ReactNode }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    notice.current?.focus();
  }, []);
  return (
    <Alert
      ref={notice}
      tabIndex={-1}
      color="moss"
      variant="light"
      role="status"
      title={title}
      withCloseButton
      onClose={onDismiss}
      closeButtonLabel="Dismiss"
      styles={{ closeButton: { minWidth: 44, minHeight: 44 } }}
    >
      {children}
    </Alert>
  );
}

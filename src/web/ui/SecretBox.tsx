import { Button, CopyButton, Group, TextInput } from '@mantine/core';

/** A read-only value (a link or a token) with a button that copies it. */
export function SecretBox({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="sm" align="flex-end" wrap="nowrap">
      <TextInput label={label} value={value} readOnly style={{ flex: 1, minWidth: 0 }} onFocus={(e) => e.currentTarget.select()} />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button onClick={copy} variant={copied ? 'light' : 'filled'} aria-live="polite" miw={96}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

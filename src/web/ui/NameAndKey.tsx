import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { toKey } from '../features/vocabulary/vocabulary.api.ts';

/** A name and the key made from it as it is typed, until the key is edited itself; an existing key stays fixed. */
export function useNameAndKey(existing?: { label: string; key: string } | null) {
  const [label, setLabel] = useState(existing?.label ?? '');
  const [key, setKey] = useState(existing?.key ?? '');
  const [keyTouched, setKeyTouched] = useState(Boolean(existing));
  return {
    label,
    key,
    fixed: Boolean(existing),
    setLabel(v: string) {
      setLabel(v);
      if (!keyTouched) setKey(toKey(v));
    },
    setKey(v: string) {
      setKeyTouched(true);
      setKey(v.toLowerCase());
    },
  };
}

/** The Name and Key fields of a vocabulary term or a product attribute. */
export function NameAndKeyFields({
  value,
  nameDescription,
  usedBy,
  errors,
}: {
  value: ReturnType<typeof useNameAndKey>;
  nameDescription: string;
  /** Who refers to the key, said when it is fixed ("profiles and products"). */
  usedBy: string;
  errors: { label?: string | undefined; key?: string | undefined };
}) {
  return (
    <>
      <TextInput
        label="Name"
        description={nameDescription}
        value={value.label}
        onChange={(e) => value.setLabel(e.currentTarget.value)}
        error={errors.label}
        required
        data-autofocus
      />
      <TextInput
        label="Key"
        description={value.fixed ? `Fixed: ${usedBy} refer to it.` : 'Lower-case words joined by hyphens; it cannot change later.'}
        value={value.key}
        onChange={(e) => value.setKey(e.currentTarget.value)}
        error={errors.key}
        readOnly={value.fixed}
        required
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
    </>
  );
}

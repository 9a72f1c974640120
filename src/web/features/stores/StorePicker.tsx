import { Select } from '@mantine/core';
import type { Me, StoreRef } from '../auth/auth.api.ts';

/** Which of the person's stores a page is about; shown only to those who work in more than one. */
export function StorePicker({ me, store, choose }: { me: Me; store: StoreRef | undefined; choose: (storeId: string) => void }) {
  if (me.stores.length < 2 || !store) return null;
  return (
    <Select
      label="Store"
      data={me.stores.map((s) => ({ value: s.id, label: s.name }))}
      value={store.id}
      onChange={(value) => value && choose(value)}
      allowDeselect={false}
      maw={360}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

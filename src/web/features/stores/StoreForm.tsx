import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { fieldError } from '../../api.ts';
import { FormError } from '../../ui/states.tsx';
import { ME_KEY } from '../auth/auth.api.ts';
import { useSignedIn } from '../auth/me-context.ts';
import { currencySymbol } from '../customers/format.ts';
import { VISITS_KEY } from '../visits/visits.api.ts';
import { createStore, STORES_KEY, type Store, type StoreInput, updateStore } from './stores.api.ts';

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return zones.includes(current) || !current ? zones : [current, ...zones];
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());
const num = (v: string | number) => (v === '' || v === '-' ? null : Number(v));

/** Add or edit a store (owners only). */
export function StoreForm({ store, onClose }: { store: Store | null; onClose: () => void }) {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [name, setName] = useState(store?.name ?? '');
  const [line1, setLine1] = useState(store?.address.line1 ?? '');
  const [line2, setLine2] = useState(store?.address.line2 ?? '');
  const [city, setCity] = useState(store?.address.city ?? '');
  const [postcode, setPostcode] = useState(store?.address.postcode ?? '');
  const [country, setCountry] = useState(store?.address.country ?? '');
  const [latitude, setLatitude] = useState<string | number>(store?.latitude ?? '');
  const [longitude, setLongitude] = useState<string | number>(store?.longitude ?? '');
  const [timeZone, setTimeZone] = useState(store?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  // A new store starts empty here and takes the server's default budget.
  const [gestureBudget, setGestureBudget] = useState<string | number>(store?.gestureBudget ?? '');
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const zones = useMemo(() => timeZones(timeZone), [timeZone]);

  const mutation = useMutation({
    mutationFn: (body: StoreInput) => (store ? updateStore(store.id, body) : createStore(body)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: STORES_KEY });
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      // The gestures screen shows the budget against the month's spend.
      void queryClient.invalidateQueries({ queryKey: [...VISITS_KEY, 'gestures'] });
      onClose();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      name: name.trim() ? undefined : 'Give the store a name.',
      country: country.trim() && !/^[A-Za-z]{2}$/.test(country.trim()) ? 'Use the two-letter country code, e.g. GB.' : undefined,
      timeZone: timeZone ? undefined : 'Choose the store’s time zone.',
      // An existing store keeps a budget; 0 is a real answer (no gestures that cost anything).
      gestureBudget: store && num(gestureBudget) === null ? 'Give a monthly budget; 0 means no gestures with a cost.' : undefined,
    };
    const budget = num(gestureBudget);
    setProblems(next);
    if (Object.values(next).some(Boolean)) return;
    mutation.mutate({
      name: name.trim(),
      address: {
        line1: text(line1),
        line2: text(line2),
        city: text(city),
        postcode: text(postcode),
        country: text(country)?.toUpperCase() ?? null,
      },
      latitude: num(latitude),
      longitude: num(longitude),
      timeZone,
      ...(budget === null ? {} : { gestureBudget: budget }),
    });
  }

  const err = mutation.error;
  const f = (field: string) => problems[field] ?? fieldError(err, field) ?? fieldError(err, `address.${field}`);
  return (
    <Modal opened onClose={onClose} title={store ? `Edit ${store.name}` : 'Add a store'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={err} />
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={f('name')} required data-autofocus />
          <TextInput
            label="Address line 1"
            value={line1}
            onChange={(e) => setLine1(e.currentTarget.value)}
            error={f('line1')}
            autoComplete="address-line1"
          />
          <TextInput
            label="Address line 2"
            value={line2}
            onChange={(e) => setLine2(e.currentTarget.value)}
            error={f('line2')}
            autoComplete="address-line2"
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
            <TextInput
              label="Town or city"
              value={city}
              onChange={(e) => setCity(e.currentTarget.value)}
              error={f('city')}
              autoComplete="address-level2"
            />
            <TextInput
              label="Postcode"
              value={postcode}
              onChange={(e) => setPostcode(e.currentTarget.value)}
              error={f('postcode')}
              autoComplete="postal-code"
            />
            <TextInput
              label="Country code"
              value={country}
              onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())}
              error={f('country')}
              maxLength={2}
              autoComplete="country"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <NumberInput
              label="Latitude"
              value={latitude}
              onChange={setLatitude}
              min={-90}
              max={90}
              decimalScale={6}
              error={f('latitude')}
            />
            <NumberInput
              label="Longitude"
              value={longitude}
              onChange={setLongitude}
              min={-180}
              max={180}
              decimalScale={6}
              error={f('longitude')}
            />
          </SimpleGrid>
          <Select
            label="Time zone"
            data={zones}
            value={timeZone}
            onChange={(v) => setTimeZone(v ?? '')}
            searchable
            nothingFoundMessage="No time zone matches"
            error={f('timeZone')}
            required
          />
          <NumberInput
            label="Monthly budget for gestures"
            description={`What the team may spend each calendar month on extra blooms, free samples and gift wrap.${store ? '' : ' Left empty, the usual amount applies; you can change it later.'}`}
            leftSection={currencySymbol(me)}
            value={gestureBudget}
            onChange={setGestureBudget}
            min={0}
            max={1_000_000}
            decimalScale={2}
            hideControls
            inputMode="decimal"
            allowNegative={false}
            error={f('gestureBudget')}
            required={!!store}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {store ? 'Save changes' : 'Add store'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

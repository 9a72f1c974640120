import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { can, useSignedIn } from '../auth/me-context.ts';
import { Swatch } from '../vocabulary/ColourChips.tsx';
import { useVocabulary, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import { type Customer, customerKey, type Preference, removePreference, timelineKey } from './customers.api.ts';
import { dayAndMonth, money, relativeTime } from './format.ts';
import { PreferenceEditor } from './PreferenceEditor.tsx';
import { type Described, describePreference, groupPreferences } from './preferences.ts';
import { Section } from './Section.tsx';

/** What the customer told us, grouped and written in their terms, with who recorded it and when. */
export function PreferencesSection({ customer }: { customer: Customer }) {
  const me = useSignedIn();
  const vocabulary = useVocabulary();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<{ pref: Preference; text: string } | null>(null);
  const mayEdit = can(me, 'customers.edit');
  const locale = me.retailer.locale;

  const remove = useMutation({
    mutationFn: (p: Preference) => removePreference(customer.id, p.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerKey(customer.id) });
      void queryClient.invalidateQueries({ queryKey: timelineKey(customer.id) });
      setRemoving(null);
    },
  });

  const addButton = mayEdit ? (
    <Button variant="light" onClick={() => setAdding(true)}>
      Add preference
    </Button>
  ) : null;
  const prefs = customer.preferences ?? [];

  let body: ReactNode;
  if (vocabulary.isPending) body = <LoadingState label="Loading preferences…" />;
  else if (vocabulary.isError) body = <ErrorState error={vocabulary.error} onRetry={() => vocabulary.refetch()} />;
  else if (prefs.length === 0)
    body = <Text c="dimmed">Nothing recorded yet. Ask about their rooms, colours and occasions, and note what they tell you here.</Text>;
  else {
    const vocab = vocabularyOf(vocabulary.data);
    const describe = (p: Preference): Described =>
      describePreference(
        p,
        vocab,
        (n) => money(n, me, { whole: true }),
        (m, d) => dayAndMonth(m, d, locale),
      );
    body = (
      <Stack gap="lg">
        {groupPreferences(prefs).map((g) => (
          <Stack key={g.key} gap="xs" component="section" aria-labelledby={`pref-${g.key}`}>
            <Title order={3} size="h5" id={`pref-${g.key}`} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              {g.heading}
            </Title>
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {g.items.map((p) => {
                const d = describe(p);
                return (
                  <Group key={p.id} component="li" justify="space-between" wrap="nowrap" align="center" gap="sm">
                    <Stack gap={2} miw={0} style={{ flex: 1 }}>
                      <Group gap={8} wrap="nowrap" align="flex-start">
                        {d.colours.length > 0 && (
                          <Group gap={4} wrap="nowrap" mt={2} style={{ flexShrink: 0 }}>
                            {d.colours.map((c) => (
                              <Swatch key={c.key} hex={c.hex} />
                            ))}
                          </Group>
                        )}
                        <Text fw={600}>{d.text}</Text>
                      </Group>
                      <Text size="sm" c="dimmed">
                        {p.recordedBy ? `Recorded by ${p.recordedBy.name}` : 'Recorded'} {relativeTime(p.recordedAt, locale)}
                      </Text>
                    </Stack>
                    {mayEdit && (
                      <Button
                        style={{ flexShrink: 0 }}
                        variant="default"
                        px="sm"
                        onClick={() => setRemoving({ pref: p, text: d.text })}
                        aria-label={`Remove ${g.heading.toLowerCase()}: ${d.text}`}
                      >
                        Remove
                      </Button>
                    )}
                  </Group>
                );
              })}
            </Stack>
          </Stack>
        ))}
      </Stack>
    );
  }

  return (
    <Section id="preferences-heading" title="Preferences" action={addButton}>
      {body}
      {adding && <PreferenceEditor customer={customer} onClose={() => setAdding(false)} />}
      {removing && (
        <ConfirmModal
          title="Remove this preference?"
          confirmLabel="Remove"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing.pref)}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
        >
          “{removing.text}” will no longer show on the profile. It stays in the history.
        </ConfirmModal>
      )}
    </Section>
  );
}

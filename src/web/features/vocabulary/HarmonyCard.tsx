import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_HARMONY_PAIRS, normaliseHarmony, sameHarmony } from '../../../shared/domain/recommend.ts';
import { ApiError } from '../../api.ts';
import { ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { MultiChips } from './ColourChips.tsx';
import { HARMONY_KEY, type Harmony, saveHarmony, type Term, useHarmony } from './vocabulary.api.ts';

type Pair = [string, string];
const title = (f: string) => f.charAt(0).toUpperCase() + f.slice(1);

/** The pairs with one family's partners replaced: pairs are unordered, so red with green is green with red too. */
export function withPartners(pairs: Pair[], family: string, partners: string[]): Pair[] {
  return [...pairs.filter(([a, b]) => a !== family && b !== family), ...partners.map((p): Pair => [family, p])];
}

/** Saves the pairs and puts what the server now holds in the cache. */
function useSaveHarmony() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { pairs: Pair[]; replaces: Pair[] }) => saveHarmony(v.pairs, v.replaces),
    onSuccess: (next) => queryClient.setQueryData(HARMONY_KEY, next),
  });
}

/**
 * Which colour families go together, for items meant to go with the customer's room or furniture
 * (owners): each family's partners as chips, saved together, over the pairs the screen showed.
 */
export function HarmonyCard({ terms }: { terms: Term[] }) {
  const harmony = useHarmony();
  // Here rather than in the form, which starts again once saved: "Saved" outlives it.
  const save = useSaveHarmony();
  if (harmony.isPending) return <LoadingState label="Loading the colours that go together…" />;
  if (harmony.isError) return <ErrorState error={harmony.error} onRetry={() => harmony.refetch()} />;
  // Keyed by what the server holds, so the form starts again from it once saved or reloaded.
  return <HarmonyForm key={normaliseHarmony(harmony.data.pairs).join(';')} saved={harmony.data} terms={terms} save={save} />;
}

function HarmonyForm({ saved, terms, save }: { saved: Harmony; terms: Term[]; save: ReturnType<typeof useSaveHarmony> }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Pair[]>(saved.pairs);
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const changed = !sameHarmony(draft, saved.pairs);
  const isDefault = sameHarmony(draft, DEFAULT_HARMONY_PAIRS);
  // A swatch for each family: the first of the shop's colours in it.
  const hexOf = (family: string) => terms.find((t) => t.kind === 'colour' && t.family === family && !t.archived)?.hex ?? null;
  const { chromatic, neutral } = saved.families;
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="harmony-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="harmony-heading">
          Colours that go together
        </Title>
        <Text>
          When a customer says what colours their sofa or room is, items in colours that go with them come first.{' '}
          {neutral.map(title).join(', ')} go with every colour; here you choose the rest.{' '}
          {saved.custom ? 'These are your shop’s choices.' : 'These are Ones’ suggestions until you change them.'}
        </Text>
        {chromatic.map((family) => (
          <MultiChips
            key={family}
            label={`${title(family)} goes with`}
            options={chromatic.filter((f) => f !== family).map((f) => ({ value: f, label: title(f), hex: hexOf(f) }))}
            value={draft.flatMap(([a, b]) => (a === family ? [b] : b === family ? [a] : []))}
            onChange={(partners) => {
              setDraft(withPartners(draft, family, partners));
              save.reset();
            }}
          />
        ))}
        {stale ? (
          <Alert color="red" variant="light" role="alert" title="Not saved">
            <Stack gap="sm" align="flex-start">
              <Text>{save.error?.message}</Text>
              <Button
                variant="default"
                onClick={() => {
                  save.reset();
                  void queryClient.invalidateQueries({ queryKey: HARMONY_KEY });
                }}
              >
                Show their choice
              </Button>
            </Stack>
          </Alert>
        ) : (
          <FormError error={save.error} />
        )}
        {save.isSuccess && !changed && <Text role="status">Saved: guided selling now uses these.</Text>}
        <Group gap="sm">
          <Button onClick={() => save.mutate({ pairs: draft, replaces: saved.pairs })} loading={save.isPending} disabled={!changed}>
            Save colours that go together
          </Button>
          {changed && (
            <Button variant="default" onClick={() => setDraft(saved.pairs)}>
              Undo changes
            </Button>
          )}
          {!isDefault && (
            <Button variant="default" onClick={() => setDraft(DEFAULT_HARMONY_PAIRS)}>
              Ones’ suggestions
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

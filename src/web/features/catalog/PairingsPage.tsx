import { Badge, Button, Card, Group, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { dateTime } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { useStores } from '../stores/stores.api.ts';
import { type RulesRun, useLearnPairings, useRulesRuns } from './catalog.api.ts';
import { pairingWords, progressWords, selectionWords } from './words.ts';

const ALL = 'all';

/** A run's state in a word, and how its badge looks: filled while it matters, outlined once it is past. */
function statusOf(run: RulesRun): { label: string; color: string; variant: 'filled' | 'outline' } {
  if (run.status === 'queued') return { label: 'Waiting to start', color: 'gray.7', variant: 'outline' };
  if (run.status === 'running') return { label: 'Learning…', color: 'blue.8', variant: 'filled' };
  if (run.status === 'failed') return { label: 'Failed', color: 'red.8', variant: 'filled' };
  return run.current ? { label: 'In use', color: 'moss.8', variant: 'filled' } : { label: 'Replaced', color: 'gray.7', variant: 'outline' };
}

/**
 * `/catalog/pairings` (owners): what Ones has learned is bought together, from which sales and
 * when, and a button that learns it again from the latest sales — in the background, with its
 * progress, so the shop keeps selling meanwhile.
 */
export function PairingsPage() {
  const me = useSignedIn();
  const runs = useRulesRuns();
  const stores = useStores();
  const learn = useLearnPairings();
  const [from, setFrom] = useState<string>(ALL);
  const items = runs.data ?? [];
  // Said while the run asked for has yet to finish; its card says the rest.
  const asked = items.some((r) => r.id === learn.data?.runId && (r.status === 'queued' || r.status === 'running'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    learn.mutate(from === ALL ? null : from);
  };
  return (
    <Page
      title="Goes well with"
      actions={
        <LinkButton to="/catalog" variant="default">
          Back to the catalog
        </LinkButton>
      }
    >
      <Text c="dimmed" mt={-12}>
        Ones learns which products your customers buy together from your sales, and suggests them on each product page and beside the basket
        in guided selling. Learn again after importing or making many sales; the shop keeps working meanwhile.
      </Text>
      <Card withBorder radius="lg" padding="lg" component="form" onSubmit={submit} aria-labelledby="learn-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="learn-heading">
            Learn from your sales
          </Title>
          <Select
            size="lg"
            label="From the sales of"
            description="One store’s pairings are used in that store; all sales are used everywhere else."
            data={[{ value: ALL, label: 'All stores' }, ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
            value={from}
            onChange={(v) => setFrom(v ?? ALL)}
            allowDeselect={false}
            maw={420}
          />
          <FormError error={learn.error} />
          <Text role="status">
            {asked &&
              (learn.data?.queued
                ? 'Asked: the run below starts in a moment.'
                : 'A run of these sales is already waiting: it is shown below.')}
          </Text>
          <Group>
            <Button type="submit" size="lg" loading={learn.isPending}>
              Learn pairings
            </Button>
          </Group>
        </Stack>
      </Card>
      <Stack gap="md">
        <Title order={2} size="h3">
          Runs
        </Title>
        {runs.isPending ? (
          <LoadingState label="Loading the runs…" />
        ) : runs.isError ? (
          <ErrorState error={runs.error} onRetry={() => runs.refetch()} />
        ) : items.length === 0 ? (
          <Empty
            title="Nothing learned yet"
            description="Choose whose sales to learn from and press Learn pairings. Until then, only the pairings set on products are suggested."
          />
        ) : (
          <Stack component="ul" gap="md" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Runs, newest first">
            {items.map((run) => (
              <RunCard key={run.id} run={run} locale={me.retailer.locale} />
            ))}
          </Stack>
        )}
      </Stack>
    </Page>
  );
}

function RunCard({ run, locale }: { run: RulesRun; locale: string }) {
  const titleId = useId();
  const status = statusOf(run);
  const n = new Intl.NumberFormat(locale);
  const progress = run.status === 'running' && run.progress ? progressWords(run.progress, locale) : null;
  const asked = `Asked ${dateTime(run.startedAt, locale)}${run.startedBy ? ` by ${run.startedBy}` : ''}`;
  return (
    <Card component="li" withBorder radius="lg" padding="md" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Title order={3} size="h4" id={titleId}>
            {selectionWords(run)}
          </Title>
          <Badge variant={status.variant} color={status.color} size="lg">
            {status.label}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {asked}
          {run.finishedAt && run.status !== 'running' ? ` · finished ${dateTime(run.finishedAt, locale)}` : ''}
        </Text>
        {run.status === 'running' && (
          <Stack gap={6}>
            <Text>{progress?.text ?? 'Starting…'}</Text>
            <Progress.Root
              size="lg"
              role="progressbar"
              aria-label={`Learning from ${selectionWords(run).toLowerCase()}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress?.percent ?? 0}
              aria-valuetext={progress?.text ?? 'Starting'}
            >
              <Progress.Section value={progress?.percent ?? 0} withAria={false} />
            </Progress.Root>
          </Stack>
        )}
        {run.status === 'failed' && (
          <Text c="red.9" role="note">
            {run.error ?? 'It stopped without saying why.'} Press Learn pairings to try again.
          </Text>
        )}
        {run.status === 'succeeded' && (
          <Text>
            {run.rules === 0
              ? `Nothing is bought together often enough in ${n.format(run.baskets)} baskets to suggest.`
              : `${n.format(run.rules)} pairings from ${n.format(run.baskets)} baskets.`}
          </Text>
        )}
        {run.best.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={650} c="dimmed" id={`${titleId}-best`}>
              Bought together most
            </Text>
            <Stack component="ul" gap={2} m={0} pl="md" aria-labelledby={`${titleId}-best`}>
              {run.best.map((rule) => (
                <Text component="li" key={`${rule.antecedent.map((p) => p.id).join()}>${rule.consequent.map((p) => p.id).join()}`}>
                  {pairingWords(rule, locale)}
                </Text>
              ))}
            </Stack>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

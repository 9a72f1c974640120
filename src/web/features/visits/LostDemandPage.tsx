import { Anchor, Box, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { ROW, TAP } from '../../ui/text.tsx';
import { useChosenStore } from '../stores/chosen-store.ts';
import { StorePicker } from '../stores/StorePicker.tsx';
import { OutcomeBreakdown } from './reports/parts.tsx';
import { count, isDay, lastDays, lostDemandSummary, outcomeParts, timesAsked, todayIn } from './reports/report-logic.ts';
import { type LostDemandItem, useLostDemand } from './visits.api.ts';
import { calendarDay } from './words.ts';

const QUICK = [7, 30, 90] as const;
const DEFAULT_DAYS = 30;

/**
 * `/lost-demand`: what customers asked for and could not have at the store (or not enough of), most
 * units first, with what happened instead — over a range of days, the last 30 unless chosen.
 */
export function LostDemandPage() {
  const { me, store, choose } = useChosenStore();
  const [params, setParams] = useSearchParams();
  const today = todayIn(store?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const fallback = lastDays(DEFAULT_DAYS, today);
  // The range lives in the address, so Back from a product returns to the same report. It is held
  // in state too: react-router does not queue updates, and two quick edits (From, then To) would
  // otherwise each start from the address as it was before either.
  const [range, setRange] = useState(() => ({ from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to }));
  const { from, to } = range;
  const isDefault = from === fallback.from && to === fallback.to;
  const inAddress = { from: params.get('from'), to: params.get('to') };
  const wanted = isDefault ? { from: null, to: null } : { from, to };
  const outOfStep = inAddress.from !== wanted.from || inAddress.to !== wanted.to;
  useEffect(() => {
    if (!outOfStep) return;
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const key of ['from', 'to'] as const) {
          const value = wanted[key];
          if (value === null) p.delete(key);
          else p.set(key, value);
        }
        return p;
      },
      { replace: true },
    );
  }, [outOfStep, wanted, setParams]);
  const problems = {
    from: isDay(from) ? undefined : 'Choose the first day.',
    to: !isDay(to) ? 'Choose the last day.' : isDay(from) && from > to ? 'The last day comes before the first.' : undefined,
  };
  const valid = !problems.from && !problems.to;
  const query = useLostDemand(valid ? (store?.id ?? null) : null, { from, to });
  const change = (next: { from?: string; to?: string }) => setRange((r) => ({ ...r, ...next }));

  const locale = me.retailer.locale;
  const between = valid ? `${calendarDay(from, locale)} and ${calendarDay(to, locale)}` : '';
  return (
    <Page title="Lost demand">
      <Text c="dimmed" mt={-12}>
        What customers asked for that the store did not have, or not enough of, and what happened instead.
      </Text>
      <StorePicker me={me} store={store} choose={choose} />
      {!store ? (
        <Empty title="You are not in a store yet" description="Ask a manager to add you to the store you work in." />
      ) : (
        <>
          <Stack gap="sm" component="section" aria-label="Days to look at">
            <SimpleGrid cols={3} spacing="xs" maw={480} role="group" aria-label="Quick picks">
              {QUICK.map((days) => {
                const pick = lastDays(days, today);
                const on = pick.from === from && pick.to === to;
                return (
                  <Button
                    key={days}
                    variant={on ? 'filled' : 'default'}
                    aria-pressed={on}
                    onClick={() => setRange(pick)}
                    px={4}
                    fz={{ base: 'sm', xs: 'md' }}
                  >
                    Last {days} days
                  </Button>
                );
              })}
            </SimpleGrid>
            <SimpleGrid cols={2} spacing="sm" maw={480}>
              <TextInput
                type="date"
                label="From"
                value={from}
                max={today}
                onChange={(e) => change({ from: e.currentTarget.value })}
                error={problems.from}
              />
              <TextInput
                type="date"
                label="To"
                value={to}
                max={today}
                onChange={(e) => change({ to: e.currentTarget.value })}
                error={problems.to}
              />
            </SimpleGrid>
          </Stack>
          {!valid ? null : query.isPending ? (
            <LoadingState label={`Loading lost demand at ${store.name}…`} />
          ) : query.isError ? (
            <ErrorState error={query.error} onRetry={() => query.refetch()} title="Lost demand could not be loaded" />
          ) : query.data.length === 0 ? (
            <Empty
              title={`No lost demand at ${store.name} between ${between}`}
              description={
                <>
                  Lost demand is what a customer asked for that we did not have in stock, or not enough of it — how many, and what happened
                  instead: a substitute, the item from another store, an order, or a sale lost. It is recorded by itself when guided selling
                  offers a substitute for something out of stock, and by hand from a visit. Try a longer range of days.
                </>
              }
            />
          ) : (
            <>
              <Summary items={query.data} between={between} />
              <Stack gap="xs" component="section" aria-labelledby="items-heading">
                <Title order={2} size="h3" id="items-heading">
                  Asked for, most units first
                </Title>
                <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Items asked for, most units first">
                  {query.data.map((item) => (
                    <ItemRow key={item.variantId ?? `text:${item.description}`} item={item} />
                  ))}
                </Stack>
              </Stack>
            </>
          )}
        </>
      )}
    </Page>
  );
}

/** Units asked for in all, the share lost, and what happened instead across every item. */
function Summary({ items, between }: { items: LostDemandItem[]; between: string }) {
  const s = lostDemandSummary(items);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="summary-heading">
      <Stack gap="xs">
        <Title order={2} size="h3" id="summary-heading">
          In all
        </Title>
        <Text>
          <Text span fw={700}>
            {count(s.units, 'unit')} asked for
          </Text>{' '}
          between {between}, across {count(items.length, 'item')}.{' '}
          <Text span fw={700}>
            {s.lost > 0 ? `${count(s.lost, 'unit')} lost (${s.lostPercent} %)` : 'None lost'}
          </Text>
          {s.lost > 0 ? ': the customer went without.' : ': every customer got something.'}
        </Text>
        <OutcomeBreakdown parts={outcomeParts(s.outcomes)} size={16} />
      </Stack>
    </Paper>
  );
}

function ItemRow({ item }: { item: LostDemandItem }) {
  return (
    <Box component="li" px="md" py="xs" style={ROW}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={0} miw={0}>
          {item.productId ? (
            <Anchor
              component={Link}
              to={`/catalog/${item.productId}`}
              fw={650}
              size="lg"
              w="fit-content"
              style={{ ...TAP, overflowWrap: 'anywhere' }}
            >
              {item.description}
            </Anchor>
          ) : (
            <Text fw={650} size="lg" mih={44} style={{ display: 'flex', alignItems: 'center', overflowWrap: 'anywhere' }}>
              {item.description}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {timesAsked(item.times).replace(/^a/, 'A')}
            {!item.variantId && ' · not in the catalog'}
          </Text>
        </Stack>
        <Text fw={700} size="lg" mih={44} style={{ whiteSpace: 'nowrap', display: 'flex', alignItems: 'center' }}>
          {count(item.units, 'unit')}
        </Text>
      </Group>
      <Box mt={8}>
        <OutcomeBreakdown parts={outcomeParts(item.outcomes)} />
      </Box>
    </Box>
  );
}

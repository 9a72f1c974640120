import { Anchor, Box, Button, Group, Select, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { Nowrap, ROW, TAP } from '../../ui/text.tsx';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import { money, relativeTime } from '../customers/format.ts';
import { useChosenStore } from '../stores/chosen-store.ts';
import { StorePicker } from '../stores/StorePicker.tsx';
import { StartVisitButton } from '../visit-screen/StartVisitButton.tsx';
import { customerLabel, dayAndTime, helpedBy } from './visit/format.ts';
import { OutcomeBadge } from './visit/OutcomeBadge.tsx';
import { useVisits, type VisitFilter, type VisitOutcome, type VisitSummary } from './visits.api.ts';
import { duration, OUTCOME_LABEL, secondsBetween } from './words.ts';

const ANY = 'any';

const STATUS_OPTIONS = [
  { value: ANY, label: 'All visits' },
  { value: 'open', label: 'Still open' },
  { value: 'closed', label: 'Ended' },
];
const OUTCOME_OPTIONS = [
  { value: ANY, label: 'Any ending' },
  ...(Object.keys(OUTCOME_LABEL) as VisitOutcome[]).map((o) => ({ value: o, label: OUTCOME_LABEL[o] })),
];

/** The list's filters, kept in the address so Back from a visit returns to the same list. */
function useFilter(): [VisitFilter, (next: VisitFilter) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const outcome = params.get('outcome');
  const filter: VisitFilter = {
    status: status === 'open' || status === 'closed' ? status : undefined,
    outcome: outcome && outcome in OUTCOME_LABEL ? (outcome as VisitOutcome) : undefined,
  };
  const set = (next: VisitFilter) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const key of ['status', 'outcome'] as const) {
          const value = next[key];
          if (value) p.set(key, value);
          else p.delete(key);
        }
        return p;
      },
      { replace: true },
    );
  return [filter, set];
}

/** `/visits`: a store's visits, newest first — who came, who helped, how it ended and how long it took. */
export function VisitsPage() {
  const { me, store, choose } = useChosenStore();
  const [filter, setFilter] = useFilter();
  const visits = useVisits(store?.id ?? null, filter);
  const items = visits.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = filter.status !== undefined || filter.outcome !== undefined;

  return (
    <Page title="Visits" actions={store ? <StartVisitButton store={store} /> : undefined}>
      <Text c="dimmed" mt={-12}>
        Every visit{store ? ` at ${store.name}` : ''} step by step: who came, who helped and how it ended. Newest first.
      </Text>
      <StorePicker me={me} store={store} choose={choose} />
      <SimpleGrid cols={2} spacing="sm" maw={440}>
        <Select
          label="Show"
          data={STATUS_OPTIONS}
          value={filter.status ?? ANY}
          // An open visit has no ending yet: choosing open visits lets go of the ending.
          onChange={(value) => {
            const status = value === 'open' || value === 'closed' ? value : undefined;
            setFilter({ status, outcome: status === 'open' ? undefined : filter.outcome });
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Ending"
          data={OUTCOME_OPTIONS}
          value={filter.outcome ?? ANY}
          onChange={(value) => {
            const outcome = value && value in OUTCOME_LABEL ? (value as VisitOutcome) : undefined;
            setFilter({ status: outcome && filter.status === 'open' ? undefined : filter.status, outcome });
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      {!store ? (
        <Empty title="You are not in a store yet" description="Ask a manager to add you to the store you work in." />
      ) : visits.isPending ? (
        <LoadingState label={`Loading visits at ${store.name}…`} />
      ) : visits.isError && !visits.data ? (
        <ErrorState error={visits.error} onRetry={() => visits.refetch()} title="The visits could not be loaded" />
      ) : items.length === 0 ? (
        filtered ? (
          <Empty
            title="No visits like that"
            description={`No visit at ${store.name} matches what you chose.`}
            action={
              <Button variant="light" onClick={() => setFilter({})}>
                Show all visits
              </Button>
            }
          />
        ) : (
          <Empty
            title={`No visits at ${store.name} yet`}
            description="Each visit started on the shop floor shows here, newest first, with every step and who helped."
          />
        )
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Visits at ${store.name}, newest first`}>
          {items.map((v) => (
            <VisitRow key={v.id} visit={v} me={me} store={store} />
          ))}
        </Stack>
      )}
      {visits.hasNextPage && (
        <Button variant="default" onClick={() => visits.fetchNextPage()} loading={visits.isFetchingNextPage} w="fit-content">
          Show more
        </Button>
      )}
      {visits.isFetchNextPageError && <FormError error={visits.error} />}
    </Page>
  );
}

/**
 * "Took 12 min", from when the customer came in when that is known; an open one "Open for 5 min
 * so far", or when it was started if that was long ago.
 */
function lengthText(v: VisitSummary, me: Me): string {
  const began = v.arrivedAt && v.arrivedAt < v.startedAt ? v.arrivedAt : v.startedAt;
  if (v.closedAt) return `Took ${duration(secondsBetween(began, v.closedAt))}`;
  const open = secondsBetween(began, new Date().toISOString());
  return open < 12 * 3600 ? `Open for ${duration(open)} so far` : `Started ${relativeTime(v.startedAt, me.retailer.locale)}`;
}

function VisitRow({ visit: v, me, store }: { visit: VisitSummary; me: Me; store: StoreRef }) {
  const people = helpedBy(v, me.retailer.locale);
  const who = customerLabel(v.customer);
  return (
    <Box component="li" px="md" py={4} style={ROW}>
      <Group justify="space-between" align="center" wrap="nowrap" gap="sm">
        <Anchor component={Link} to={`/visits/${v.id}`} fw={650} fz={{ base: 'md', sm: 'lg' }} style={{ ...TAP, overflowWrap: 'anywhere' }}>
          {/* A screen reader moving from link to link hears whose visit each one opens, not only a time. */}
          <VisuallyHidden>Visit: {who}, </VisuallyHidden>
          {dayAndTime(v.startedAt, me.retailer.locale, store.timeZone)}
        </Anchor>
        {v.saleTotal !== null && (
          <Text fw={650} fz={{ base: 'md', sm: 'lg' }} ta="right" style={{ whiteSpace: 'nowrap' }}>
            <VisuallyHidden>Sale of </VisuallyHidden>
            {money(v.saleTotal, me)}
          </Text>
        )}
      </Group>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }} c={v.customer?.name ? undefined : 'dimmed'}>
        {who}
      </Text>
      <Group gap={8} wrap="wrap" align="center" pb={10} pt={4} style={{ rowGap: 4 }}>
        <OutcomeBadge status={v.status} outcome={v.outcome} noSaleReason={v.noSaleReason} />
        <Text size="sm" c="dimmed">
          {people && (
            <>
              <span style={{ overflowWrap: 'anywhere' }}>{people}</span>
              {' · '}
            </>
          )}
          <Nowrap>{lengthText(v, me)}</Nowrap>
        </Text>
      </Group>
    </Box>
  );
}

import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can } from '../auth/me-context.ts';
import { dateTime } from '../customers/format.ts';
import { useStaff } from '../staff/staff.api.ts';
import { useChosenStore } from '../stores/chosen-store.ts';
import { StorePicker } from '../stores/StorePicker.tsx';
import { duration } from '../visits/words.ts';
import { DelightCard } from './DelightCard.tsx';
import { FeedbackSettingsCard } from './FeedbackSettingsCard.tsx';
import {
  type FeedbackFilters,
  type FeedbackItem,
  type FeedbackWeek,
  useFeedbackFeed,
  useFeedbackWeeks,
  type VisitBehaviours,
} from './feedback.api.ts';
import { WeeklyChart } from './WeeklyChart.tsx';
import { EXPECTATIONS_LABEL, percent, satisfactionText } from './words.ts';

/**
 * `/feedback`: what customers said about their visits, in their own words where the role may read
 * them. Managers see a store's, or one person's, with the weekly figures; everyone else sees the
 * answers about visits they served. Answers to follow up (poor ones) can be shown alone.
 */
export function FeedbackPage() {
  const { me, store, choose } = useChosenStore();
  const [params, setParams] = useSearchParams();
  const all = can(me, 'feedback.all');
  const poor = params.get('poor') === '1';
  const staffId = all ? (params.get('person') ?? undefined) : undefined;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const dates = { from: from || undefined, to: to || undefined };
  const filters: FeedbackFilters = all ? { storeId: store?.id, staffId, poor, ...dates } : { poor, ...dates };
  const set = (name: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <Page title={all ? 'Feedback' : 'Your feedback'}>
      <Text c="dimmed" mt={-12}>
        {all
          ? 'What customers said about their visits, on their own phones, and how it goes week by week.'
          : 'What customers said about the visits you served: the customer decides whether a visit was good.'}
      </Text>
      {all && (
        <Group align="flex-end" gap="md" wrap="wrap">
          <StorePicker me={me} store={store} choose={choose} />
          {can(me, 'staff.view') && <PersonPicker storeId={store?.id} value={staffId} onChange={(id) => set('person', id)} />}
        </Group>
      )}
      <Weekly filters={filters} me={me} />
      <Switch
        label="Only answers to follow up"
        description="Satisfaction of 2 or less, expectations not met, felt rushed, or one of your watch words"
        checked={poor}
        onChange={(e) => set('poor', e.currentTarget.checked ? '1' : null)}
        size="md"
      />
      <Group align="flex-end" gap="md" wrap="wrap" role="group" aria-label="Answers given between">
        <TextInput
          type="date"
          label="Answered from"
          value={from}
          max={to || undefined}
          onChange={(e) => set('from', e.currentTarget.value || null)}
        />
        <TextInput type="date" label="to" value={to} min={from || undefined} onChange={(e) => set('to', e.currentTarget.value || null)} />
        {(from || to) && (
          <Button variant="subtle" onClick={() => setParams((prev) => withoutDates(prev), { replace: true })}>
            Any day
          </Button>
        )}
      </Group>
      {all && <DelightCard filters={filters} />}
      <Feed filters={filters} me={me} />
      {can(me, 'retailer.manage') && <FeedbackSettingsCard />}
    </Page>
  );
}

function withoutDates(prev: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(prev);
  next.delete('from');
  next.delete('to');
  return next;
}

function PersonPicker({
  storeId,
  value,
  onChange,
}: {
  storeId: string | undefined;
  value: string | undefined;
  onChange: (id: string | null) => void;
}) {
  const staff = useStaff();
  const people = (staff.data ?? []).filter((s) => s.active && (!storeId || s.storeIds.includes(storeId)));
  return (
    <Select
      label="Person"
      placeholder={staff.isPending ? 'Loading the team…' : 'Everyone'}
      data={people.map((p) => ({ value: p.id, label: p.name }))}
      value={value ?? null}
      onChange={onChange}
      clearable
      maw={320}
      comboboxProps={{ withinPortal: true }}
      error={staff.isError ? 'The team could not be loaded.' : undefined}
    />
  );
}

function Weekly({ filters, me }: { filters: FeedbackFilters; me: Me }) {
  const query = useFeedbackWeeks(filters);
  if (query.isPending) return <LoadingState label="Loading the weekly figures…" />;
  if (query.isError)
    return <ErrorState error={query.error} onRetry={() => query.refetch()} title="The weekly figures could not be loaded" />;
  const weeks = query.data.weeks;
  const latest = weeks.at(-1);
  const asked = weeks.reduce((n, w) => n + w.requests, 0);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="weekly-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="weekly-heading">
          Week by week
        </Title>
        {asked === 0 ? (
          <Text c="dimmed">No customer has been asked yet in these weeks: closing a visit asks for feedback.</Text>
        ) : (
          <>
            {latest && <LatestWeek week={latest} me={me} />}
            <WeeklyChart weeks={weeks} locale={me.retailer.locale} />
            <WeeklyTable weeks={weeks} locale={me.retailer.locale} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function LatestWeek({ week, me }: { week: FeedbackWeek; me: Me }) {
  const figures = [
    ['Response rate', percent(week.responseRate)],
    ['Average satisfaction', week.averageSatisfaction === null ? '—' : `${week.averageSatisfaction.toFixed(1)} of 5`],
    ['Expectations exceeded', percent(week.shareExceeded)],
    ['Felt rushed', percent(week.shareFeltRushed)],
  ] as const;
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        This week (from {new Date(`${week.weekStart}T12:00:00Z`).toLocaleDateString(me.retailer.locale, { day: 'numeric', month: 'long' })}
        ): {week.responses} of {week.requests} asked answered
      </Text>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0}>
        {figures.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" m={0} fw={650} fz="xl">
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** The chart's figures as a table, for anyone who prefers reading them, and for screen readers. */
function WeeklyTable({ weeks, locale }: { weeks: FeedbackWeek[]; locale: string }) {
  return (
    <details>
      <summary style={{ ...TAP, cursor: 'pointer', display: 'flex', alignItems: 'center' }}>The figures week by week</summary>
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Week from</Table.Th>
              <Table.Th scope="col">Asked</Table.Th>
              <Table.Th scope="col">Answered</Table.Th>
              <Table.Th scope="col">Average</Table.Th>
              <Table.Th scope="col">Exceeded</Table.Th>
              <Table.Th scope="col">Felt rushed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...weeks].reverse().map((w) => (
              <Table.Tr key={w.weekStart}>
                <Table.Th scope="row" fw={500}>
                  {new Date(`${w.weekStart}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short' })}
                </Table.Th>
                <Table.Td>{w.requests}</Table.Td>
                <Table.Td>
                  {w.responses} ({percent(w.responseRate)})
                </Table.Td>
                <Table.Td>{w.averageSatisfaction === null ? '—' : w.averageSatisfaction.toFixed(1)}</Table.Td>
                <Table.Td>{percent(w.shareExceeded)}</Table.Td>
                <Table.Td>{percent(w.shareFeltRushed)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </details>
  );
}

function Feed({ filters, me }: { filters: FeedbackFilters; me: Me }) {
  const feed = useFeedbackFeed(filters);
  if (feed.isPending) return <LoadingState label="Loading the answers…" />;
  if (feed.isError) return <ErrorState error={feed.error} onRetry={() => feed.refetch()} title="The answers could not be loaded" />;
  const items = feed.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <Empty
        title={filters.poor ? 'Nothing to follow up' : filters.from || filters.to ? 'No answers on these days' : 'No answers yet'}
        description={
          filters.poor
            ? 'No customer answered poorly here. Turn the switch off to see every answer.'
            : filters.from || filters.to
              ? 'No customer answered between these days. Choose other days, or any day.'
              : 'When a customer answers on their phone after a visit, what they said shows here, newest first.'
        }
      />
    );
  return (
    <Stack gap="md" component="section" aria-label="Answers, newest first">
      {items.map((item) => (
        <Answer key={item.id} item={item} me={me} />
      ))}
      {feed.hasNextPage && (
        <Button variant="default" onClick={() => feed.fetchNextPage()} loading={feed.isFetchingNextPage} w="fit-content">
          Show older answers
        </Button>
      )}
    </Stack>
  );
}

function Answer({ item, me }: { item: FeedbackItem; me: Me }) {
  const lead = item.staff.filter((s) => s.part === 'lead').map((s) => s.name);
  const assists = item.staff.filter((s) => s.part === 'assist').map((s) => s.name);
  const flags = [
    item.expectations && EXPECTATIONS_LABEL[item.expectations],
    item.listened === false && 'Did not feel listened to',
    item.listened === true && 'Felt listened to',
    item.feltRushed === true && 'Felt rushed',
    item.feltRushed === false && 'Never rushed',
    item.inStock === false && 'What they wanted was not in stock',
  ].filter((f): f is string => !!f);
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-label={`${satisfactionText(item.satisfaction)}, ${dateTime(item.at, me.retailer.locale)}`}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Text fw={700} fz="lg">
            {satisfactionText(item.satisfaction)}
          </Text>
          <Group gap={6}>
            {item.poor && (
              <Badge color="red.8" variant="filled">
                To follow up
              </Badge>
            )}
            {item.kind === 'imported' && (
              <Badge color="gray" variant="light">
                Imported review
              </Badge>
            )}
          </Group>
        </Group>
        {flags.length > 0 && <Text>{flags.join(' · ')}</Text>}
        {item.comment !== null ? (
          <Text
            component="blockquote"
            m={0}
            pl="sm"
            style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
            dir="auto"
          >
            {item.comment}
          </Text>
        ) : (
          item.commentHidden && (
            <Text size="sm" c="dimmed">
              They wrote a comment; your role does not show customers’ words.
            </Text>
          )
        )}
        {item.behaviours && <InTheVisit behaviours={item.behaviours} />}
        <Text size="sm" c="dimmed">
          {dateTime(item.at, me.retailer.locale)}
          {item.store && ` · ${item.store.name}`}
          {lead.length > 0 && ` · served by ${lead.join(', ')}`}
          {assists.length > 0 && `, with ${assists.join(', ')}`}
          {item.mayContact && ' · may be contacted about it'}
        </Text>
        <Group gap="md" wrap="wrap">
          {item.encounter && (
            <Anchor component={Link} to={`/visits/${item.encounter.id}`} style={TAP}>
              The visit
            </Anchor>
          )}
          {item.customer && (
            <Anchor component={Link} to={`/customers/${item.customer.id}`} style={TAP}>
              {item.customer.name}
            </Anchor>
          )}
          {item.followUp && (
            <Anchor component={Link} to="/follow-ups?view=store" style={TAP}>
              {item.followUp.status === 'open'
                ? 'Follow-up open'
                : `Followed up${item.followUp.outcome ? `: ${item.followUp.outcome}` : ''}`}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

const quantified = (l: { description: string; quantity: number }) =>
  l.quantity === 1 ? l.description : `${l.quantity} × ${l.description}`;

/** What happened in the visit the answer is about, in one short list. */
function InTheVisit({ behaviours: b }: { behaviours: VisitBehaviours }) {
  const done = b.steps.filter((s) => s.state === 'done').map((s) => s.name);
  const skipped = b.steps.filter((s) => s.state === 'skipped').map((s) => s.name);
  const cadence = [
    b.secondsToGreet !== null && `greeted after ${duration(b.secondsToGreet)}`,
    b.secondsInDiscovery !== null && `${duration(b.secondsInDiscovery)} in discovery`,
    b.secondsGiven > 0 && `${duration(b.secondsGiven)} given to decide`,
  ].filter((f): f is string => !!f);
  const facts = [
    done.length > 0 && `Steps done: ${done.join(', ')}`,
    skipped.length > 0 && `Skipped: ${skipped.join(', ')}`,
    cadence.length > 0 && `${cadence.join(', ').replace(/^./, (c) => c.toUpperCase())}`,
    `${b.questionsAnswered} ${b.questionsAnswered === 1 ? 'question' : 'questions'} answered, ${b.recommendationsShown} ${b.recommendationsShown === 1 ? 'recommendation' : 'recommendations'} shown`,
    b.bought.length > 0 ? `Bought ${b.bought.map(quantified).join(', ')}` : 'Nothing bought',
    b.gestures.length > 0 && `Gesture: ${b.gestures.join(', ')}`,
    b.lostDemand.length > 0 && `Not there: ${b.lostDemand.map(quantified).join(', ')}`,
    b.assisted && 'A colleague assisted',
  ].filter((f): f is string => !!f);
  return (
    <Text component="ul" size="sm" m={0} pl="md" aria-label="In the visit">
      {facts.map((f) => (
        <li key={f}>{f}</li>
      ))}
    </Text>
  );
}

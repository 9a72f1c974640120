import { Anchor, Badge, Box, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { ROW, TAP } from '../../ui/text.tsx';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import { can } from '../auth/me-context.ts';
import { dateTime, money } from '../customers/format.ts';
import { useChosenStore } from '../stores/chosen-store.ts';
import { StorePicker } from '../stores/StorePicker.tsx';
import { BudgetModal } from './reports/BudgetModal.tsx';
import { budgetState, count, isMonth, monthIn, monthName, shiftMonth, totalsByKind } from './reports/report-logic.ts';
import { type GestureMonth, useGestureMonth } from './visits.api.ts';
import { GESTURE_LABEL } from './words.ts';

/**
 * `/gestures`: a store's gestures of surprise and delight in a month — extra blooms, free samples,
 * gift wrap — against the month's budget, by kind and one by one. Owners change the budget here.
 */
export function GesturesPage() {
  const { me, store, choose } = useChosenStore();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const thisMonth = store ? monthIn(store.timeZone) : null;
  const asked = params.get('month');
  // The month lives in the address (Back from a visit returns to it); nothing can be given in a month still to come.
  const month = isMonth(asked) && thisMonth && asked < thisMonth ? asked : thisMonth;
  const query = useGestureMonth(store?.id ?? null, month ?? undefined);

  const goTo = (m: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (m === thisMonth) next.delete('month');
        else next.set('month', m);
        return next;
      },
      { replace: true },
    );

  const owner = can(me, 'stores.manage');
  return (
    <Page title="Gestures">
      <Text c="dimmed" mt={-12}>
        Extra blooms, free samples and gift wrap given in visits, against the store’s budget for the month.
      </Text>
      <StorePicker me={me} store={store} choose={choose} />
      {!store || !month || !thisMonth ? (
        <Empty title="You are not in a store yet" description="Ask a manager to add you to the store you work in." />
      ) : (
        <>
          <MonthPicker month={month} thisMonth={thisMonth} locale={me.retailer.locale} onChange={goTo} />
          {query.isPending ? (
            <LoadingState label={`Loading ${monthName(month, me.retailer.locale)} at ${store.name}…`} />
          ) : query.isError ? (
            <ErrorState error={query.error} onRetry={() => query.refetch()} title="The gestures could not be loaded" />
          ) : (
            <>
              <BudgetFigures
                data={query.data}
                me={me}
                store={store}
                current={month === thisMonth}
                onChange={owner ? () => setEditing(true) : undefined}
              />
              {query.data.gestures.length === 0 ? (
                <Empty
                  title={`No gestures at ${store.name} in ${monthName(month, me.retailer.locale)}`}
                  description={
                    month === thisMonth
                      ? 'When someone gives extra blooms, a free sample or gift wrap in a visit, it shows here with its cost, who gave it and for whom.'
                      : 'Nothing was given that month. Use the buttons above to look at another month.'
                  }
                />
              ) : (
                <>
                  <KindTotals data={query.data} me={me} />
                  <GestureList data={query.data} me={me} />
                </>
              )}
              {editing && <BudgetModal me={me} store={store} budget={query.data.budget} onClose={() => setEditing(false)} />}
            </>
          )}
        </>
      )}
    </Page>
  );
}

/** Previous and next month around the month's name; the name is announced when it changes. */
function MonthPicker(props: { month: string; thisMonth: string; locale: string; onChange: (month: string) => void }) {
  const previous = shiftMonth(props.month, -1);
  const next = shiftMonth(props.month, 1);
  const atEnd = props.month >= props.thisMonth;
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" role="group" aria-label="Month">
      <Button variant="default" onClick={() => props.onChange(previous)} px="sm" style={{ flex: 'none' }}>
        <span aria-hidden="true">‹&nbsp;</span>Previous<VisuallyHidden> month, {monthName(previous, props.locale)}</VisuallyHidden>
      </Button>
      <Title order={2} fz={{ base: 'lg', sm: 'h3' }} ta="center" aria-live="polite" style={{ minWidth: 0 }}>
        {monthName(props.month, props.locale)}
      </Title>
      <Button variant="default" onClick={() => props.onChange(next)} disabled={atEnd} px="sm" style={{ flex: 'none' }}>
        Next<VisuallyHidden> month{atEnd ? '' : `, ${monthName(next, props.locale)}`}</VisuallyHidden>
        <span aria-hidden="true">&nbsp;›</span>
      </Button>
    </Group>
  );
}

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Box miw={0}>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={strong ? 750 : 650} fz={{ base: 'lg', sm: 'xl' }} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Box>
  );
}

/** Budget, spent and left, a bar of what is spent, and a warning past 80 % or when it is used up. */
function BudgetFigures(props: { data: GestureMonth; me: Me; store: StoreRef; current: boolean; onChange: (() => void) | undefined }) {
  const { data, me, store } = props;
  const state = budgetState(data.budget, data.spent);
  const name = monthName(data.month, me.retailer.locale);
  const color = state.level === 'used-up' ? 'red.8' : state.level === 'warn' ? 'yellow.5' : 'moss.6';
  const valueText = `${money(data.spent, me)} of ${money(data.budget, me)} spent (${state.percent} %)`;
  let message: string | null = null;
  if (state.level === 'none') message = `There is no budget for gestures at ${store.name}: a gesture that costs anything is refused.`;
  else if (state.level === 'used-up')
    message = props.current
      ? `The budget for ${name} is used up: gestures that cost anything are refused until next month${props.onChange ? ' or until you raise the budget' : ''}.`
      : `The budget for ${name} was used up.`;
  else if (state.level === 'warn')
    message = props.current
      ? `More than 80 % of the budget is spent: ${money(data.left, me)} is left for the rest of ${name}.`
      : `More than 80 % of the budget for ${name} was spent.`;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="budget-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="budget-heading">
          Budget for {name}
        </Title>
        <SimpleGrid component="dl" cols={3} spacing="sm" m={0}>
          <Figure label="Budget" value={money(data.budget, me)} />
          <Figure label="Spent" value={money(data.spent, me)} />
          <Figure label="Left" value={money(data.left, me)} strong />
        </SimpleGrid>
        {state.level !== 'none' && (
          <Progress.Root
            size="lg"
            role="progressbar"
            aria-label={`Budget spent in ${name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={state.percent}
            aria-valuetext={valueText}
          >
            <Progress.Section value={state.percent} color={color} withAria={false} />
          </Progress.Root>
        )}
        <Text size="sm" c="dimmed">
          {valueText}
          {state.over > 0 && ` · ${money(state.over, me)} over the budget`}
        </Text>
        {message && (
          <Text
            fw={600}
            c={state.level === 'used-up' ? 'red.9' : undefined}
            role={props.current ? 'status' : undefined}
            data-level={state.level}
          >
            {state.level === 'warn' && (
              <Badge color="yellow.4" autoContrast variant="filled" mr={8} style={{ verticalAlign: 'middle' }}>
                Nearly spent
              </Badge>
            )}
            {message}
          </Text>
        )}
        {props.onChange ? (
          <Button variant="light" onClick={props.onChange} w="fit-content">
            Change the budget
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            The owner sets the budget for each store.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The month added up by kind of gesture, the costliest first. */
function KindTotals({ data, me }: { data: GestureMonth; me: Me }) {
  const totals = totalsByKind(data.gestures);
  return (
    <Stack gap="xs" component="section" aria-labelledby="kinds-heading">
      <Title order={3} size="h4" id="kinds-heading">
        By kind
      </Title>
      <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none', ...ROW }} aria-label="Totals by kind">
        {totals.map((t, i) => (
          <Group
            component="li"
            key={t.kind}
            justify="space-between"
            wrap="nowrap"
            gap="sm"
            px="md"
            py="xs"
            style={i > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
          >
            <Text>
              <Text span fw={650}>
                {GESTURE_LABEL[t.kind]}
              </Text>
              <Text span c="dimmed">
                {' · '}
                {count(t.count, 'gesture')}
              </Text>
            </Text>
            <Text fw={650} style={{ whiteSpace: 'nowrap' }}>
              {money(t.cost, me)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

/** Each gesture, newest first: what, how much, when, who gave it, for whom, and the visit. */
function GestureList({ data, me }: { data: GestureMonth; me: Me }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="gestures-heading">
      <Title order={3} size="h4" id="gestures-heading">
        Gestures given ({data.gestures.length})
      </Title>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Gestures, newest first">
        {data.gestures.map((g) => (
          <Box component="li" key={g.id} px="md" pt="xs" style={ROW}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Stack gap={2} miw={0}>
                <Text fw={650} size="lg" style={{ overflowWrap: 'anywhere' }}>
                  {g.description}
                </Text>
                <Text size="sm" c="dimmed">
                  <Badge component="span" variant="outline" color="gray.7" size="md" mr={8} style={{ verticalAlign: 'middle' }}>
                    {GESTURE_LABEL[g.kind]}
                  </Badge>
                  {dateTime(g.givenAt, me.retailer.locale)}
                  {g.givenBy && (
                    <>
                      {' · '}
                      <span style={{ whiteSpace: 'nowrap' }}>given by {g.givenBy}</span>
                    </>
                  )}
                </Text>
              </Stack>
              <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }}>
                {money(g.cost, me)}
              </Text>
            </Group>
            <Group gap="md" style={{ rowGap: 0 }} wrap="wrap">
              {g.customer?.name ? (
                <Text size="sm">
                  For{' '}
                  <Anchor component={Link} to={`/customers/${g.customer.id}`} size="sm" style={{ ...TAP, overflowWrap: 'anywhere' }}>
                    {g.customer.name}
                  </Anchor>
                </Text>
              ) : (
                <Text size="sm" c="dimmed" mih={44} style={{ display: 'flex', alignItems: 'center' }}>
                  {g.customer ? 'For a customer' : 'No customer named'}
                </Text>
              )}
              {/* Heard from link to link, each says which gesture's visit it opens. */}
              <Anchor
                component={Link}
                to={`/visits/${g.encounterId}`}
                size="sm"
                style={TAP}
                aria-label={`Open the visit: ${g.description}`}
              >
                Open the visit
              </Anchor>
            </Group>
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}

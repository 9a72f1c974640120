import { Anchor, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DoneNotice } from '../../ui/DoneNotice.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { TAP } from '../../ui/text.tsx';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import { can } from '../auth/me-context.ts';
import { useChosenStore } from '../stores/chosen-store.ts';
import { StorePicker } from '../stores/StorePicker.tsx';
import { TAB_STYLES } from './tasks/bits.tsx';
import { CancelFollowUpModal, CompleteFollowUpModal } from './tasks/CompleteFollowUpModal.tsx';
import { FollowUpCard } from './tasks/FollowUpCard.tsx';
import { dayIn, FOLLOW_UP_GROUP_TITLE, groupFollowUps } from './tasks/schedule.ts';
import { type FollowUp, useFollowUps } from './visits.api.ts';

type View = 'mine' | 'store';

/**
 * `/follow-ups`: the thank-yous, calls and check-ins the person promised, by when they fall due where
 * the store is; managers also see the whole store's. Marking one done asks what came of it.
 */
export function FollowUpsPage() {
  const { me, store, choose } = useChosenStore();
  const [params, setParams] = useSearchParams();
  const maySeeStore = can(me, 'store.reports');
  // The view lives in the address, so Back from a visit or a customer returns to the same list.
  const view: View = maySeeStore && params.get('view') === 'store' && store ? 'store' : 'mine';
  const [completing, setCompleting] = useState<FollowUp | null>(null);
  const [cancelling, setCancelling] = useState<FollowUp | null>(null);
  const [completed, setCompleted] = useState<{ item: FollowUp; how: 'done' | 'cancelled' } | null>(null);

  const show = (value: string | null) => {
    setCompleted(null);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'store') next.set('view', 'store');
        else next.delete('view');
        return next;
      },
      { replace: true },
    );
  };

  const list = (v: View) =>
    v === 'store' && store ? (
      <Stack gap="lg">
        <StorePicker
          me={me}
          store={store}
          choose={(id) => {
            setCompleted(null);
            choose(id);
          }}
        />
        <FollowUpList scope={{ storeId: store.id }} store={store} me={me} onDone={setCompleting} onCancel={setCancelling} />
      </Stack>
    ) : (
      <FollowUpList scope="mine" store={store} me={me} onDone={setCompleting} onCancel={setCancelling} />
    );

  return (
    <Page title="Follow-ups">
      <Text c="dimmed" mt={-12}>
        Thank-yous, calls and check-ins promised to customers, the soonest due first. Mark each one done with what came of it, or cancel one
        no longer needed.
      </Text>
      {completed && <Completed {...completed} me={me} onDismiss={() => setCompleted(null)} />}
      {maySeeStore ? (
        <Tabs value={view} onChange={show} styles={TAB_STYLES}>
          <Tabs.List aria-label="Whose follow-ups">
            <Tabs.Tab value="mine">Mine</Tabs.Tab>
            {store && <Tabs.Tab value="store">Whole store</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="mine" pt="lg">
            {view === 'mine' && list('mine')}
          </Tabs.Panel>
          {store && (
            <Tabs.Panel value="store" pt="lg">
              {view === 'store' && list('store')}
            </Tabs.Panel>
          )}
        </Tabs>
      ) : (
        list('mine')
      )}
      {completing && (
        <CompleteFollowUpModal
          item={completing}
          onClose={() => setCompleting(null)}
          onDone={(f) => {
            setCompleting(null);
            setCompleted({ item: f, how: 'done' });
          }}
        />
      )}
      {cancelling && (
        <CancelFollowUpModal
          item={cancelling}
          onClose={() => setCancelling(null)}
          onDone={(f) => {
            setCancelling(null);
            setCompleted({ item: f, how: 'cancelled' });
          }}
        />
      )}
    </Page>
  );
}

function FollowUpList(props: {
  scope: 'mine' | { storeId: string };
  store: StoreRef | undefined;
  me: Me;
  onDone: (f: FollowUp) => void;
  onCancel: (f: FollowUp) => void;
}) {
  const { scope, store, me } = props;
  const query = useFollowUps(scope);
  const mine = scope === 'mine';
  // Due days are the store's: for one's own, the store the person is working in.
  const timeZone = store?.timeZone;
  const today = dayIn(new Date(), timeZone);
  if (query.isPending) return <LoadingState label={mine ? 'Loading your follow-ups…' : `Loading the follow-ups at ${store?.name}…`} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} title="The follow-ups could not be loaded" />;
  if (query.data.length === 0)
    return (
      <Empty
        title="Nothing to follow up"
        description={
          mine
            ? 'When you close a visit, the thank-yous and calls you keep are listed here on the day they fall due.'
            : `Nobody at ${store?.name} has a follow-up open. Those kept when visits close show here, with who they are for.`
        }
      />
    );
  return (
    <Stack gap="xl">
      {groupFollowUps(query.data, today, timeZone).map(({ group, items }) => (
        <Stack key={group} gap="sm" component="section" aria-labelledby={`follow-ups-${group}`}>
          <Title order={2} size="h3" id={`follow-ups-${group}`} c={group === 'overdue' ? 'red.9' : undefined}>
            {FOLLOW_UP_GROUP_TITLE[group]} ({items.length})
          </Title>
          {group === 'waiting' && (
            <Text c="dimmed" size="sm" mt={-6}>
              These fall due by themselves when the delivery of the item they wait for arrives.
            </Text>
          )}
          <Stack
            gap="md"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={`${FOLLOW_UP_GROUP_TITLE[group]}: follow-ups`}
          >
            {items.map((f) => (
              <FollowUpCard
                key={f.id}
                item={f}
                group={group}
                me={me}
                today={today}
                timeZone={timeZone}
                showAssignee={!mine}
                onDone={props.onDone}
                onCancel={props.onCancel}
              />
            ))}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}

/** The follow-up just marked done or cancelled; it takes the focus, as the follow-up left the list. */
function Completed({ item: f, how, me, onDismiss }: { item: FollowUp; how: 'done' | 'cancelled'; me: Me; onDismiss: () => void }) {
  const kept = f.customer ? `, and ${how === 'done' ? 'what came of it' : 'why'} is kept on ${f.customer.name}’s timeline` : '';
  return (
    <DoneNotice title={how === 'done' ? 'Marked as done' : 'Cancelled'} onDismiss={onDismiss}>
      <Stack gap={0} align="flex-start">
        <span style={{ overflowWrap: 'anywhere' }}>
          “{f.title}” is {how === 'done' ? 'done' : 'cancelled'}
          {kept}.
        </span>
        {f.customer && can(me, 'customers.view') && (
          <Anchor component={Link} to={`/customers/${f.customer.id}`} fw={650} fz="inherit" style={TAP}>
            See {f.customer.name}’s timeline
          </Anchor>
        )}
      </Stack>
    </DoneNotice>
  );
}

import { Anchor, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { DoneNotice } from '../../ui/DoneNotice.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { TAP } from '../../ui/text.tsx';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import { money } from '../customers/format.ts';
import { SALES_KEY } from '../sales/sales.api.ts';
import { useChosenStore } from '../stores/chosen-store.ts';
import { StorePicker } from '../stores/StorePicker.tsx';
import { TAB_STYLES } from './tasks/bits.tsx';
import { ReasonModal } from './tasks/ReasonModal.tsx';
import { orderName, orderNameInSentence, SpecialOrderCard } from './tasks/SpecialOrderCard.tsx';
import { balanceOf, dayIn, groupOrders, ORDER_GROUP_TITLE } from './tasks/schedule.ts';
import { cancelSpecialOrder, fulfilSpecialOrder, type SpecialOrder, useSpecialOrders, VISITS_KEY, visitKey } from './visits.api.ts';

type Status = SpecialOrder['status'];
const TABS: { value: Status; label: string }[] = [
  { value: 'open', label: 'To hand over' },
  { value: 'fulfilled', label: 'Handed over' },
  { value: 'cancelled', label: 'Cancelled' },
];

const EMPTY: Record<Status, { title: (store: string) => string; description: string }> = {
  open: {
    title: (store) => `No orders waiting at ${store}`,
    description:
      'A visit closed as a special order shows here until it is delivered or collected, the soonest first, with anything overdue at the top.',
  },
  fulfilled: {
    title: (store) => `Nothing handed over at ${store} yet`,
    description: 'An order becomes a sale when it is handed over, and is listed here with a link to that sale.',
  },
  cancelled: {
    title: (store) => `No cancelled orders at ${store}`,
    description: 'Orders that will not go ahead are kept here for reference.',
  },
};

/** `/special-orders`: a store's orders to deliver or be collected, by day, and handing them over as sales. */
export function SpecialOrdersPage() {
  const { me, store, choose } = useChosenStore();
  const [params, setParams] = useSearchParams();
  // The tab lives in the address, so Back from a visit or a sale returns to the same list.
  const status: Status = TABS.find((t) => t.value === params.get('show'))?.value ?? 'open';
  const [handingOver, setHandingOver] = useState<SpecialOrder | null>(null);
  const [handedOver, setHandedOver] = useState<{ saleId: string; order: SpecialOrder } | null>(null);
  const [cancelling, setCancelling] = useState<SpecialOrder | null>(null);
  const [cancelled, setCancelled] = useState<SpecialOrder | null>(null);

  const show = (value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!value || value === 'open') next.delete('show');
        else next.set('show', value);
        return next;
      },
      { replace: true },
    );

  return (
    <Page title="Special orders">
      <Text c="dimmed" mt={-12}>
        Orders to deliver or to be collected{store ? ` at ${store.name}` : ''}, the soonest first. Handing one over turns it into a sale;
        one the customer no longer wants can be cancelled.
      </Text>
      <StorePicker
        me={me}
        store={store}
        choose={(id) => {
          setHandedOver(null);
          setCancelled(null);
          choose(id);
        }}
      />
      {handedOver && <HandedOver {...handedOver} onDismiss={() => setHandedOver(null)} />}
      {cancelled && <Cancelled order={cancelled} me={me} onDismiss={() => setCancelled(null)} />}
      {!store ? (
        <Empty title="You are not in a store yet" description="Ask a manager to add you to the store you work in." />
      ) : (
        <Tabs value={status} onChange={show} styles={TAB_STYLES}>
          <Tabs.List aria-label="Which orders">
            {TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TABS.map((t) => (
            <Tabs.Panel key={t.value} value={t.value} pt="lg">
              {/* Only the tab shown asks the server. */}
              {t.value === status && (
                <OrdersPanel store={store} status={t.value} me={me} onHandOver={setHandingOver} onCancel={setCancelling} />
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
      {handingOver && (
        <HandOverModal
          order={handingOver}
          me={me}
          onClose={() => setHandingOver(null)}
          onDone={(saleId) => {
            setHandingOver(null);
            setCancelled(null);
            setHandedOver({ saleId, order: handingOver });
          }}
        />
      )}
      {cancelling && (
        <CancelOrderModal
          order={cancelling}
          me={me}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            setHandedOver(null);
            setCancelled(cancelling);
          }}
        />
      )}
    </Page>
  );
}

function OrdersPanel(props: {
  store: StoreRef;
  status: Status;
  me: Me;
  onHandOver: (o: SpecialOrder) => void;
  onCancel: (o: SpecialOrder) => void;
}) {
  const { store, status, me } = props;
  const query = useSpecialOrders(store.id, status);
  const today = dayIn(new Date(), store.timeZone);
  if (query.isPending) return <LoadingState label={`Loading the orders at ${store.name}…`} />;
  if (query.isError)
    return <ErrorState error={query.error} onRetry={() => query.refetch()} title="The special orders could not be loaded" />;
  const orders = query.data;
  if (orders.length === 0) return <Empty title={EMPTY[status].title(store.name)} description={EMPTY[status].description} />;
  const card = (o: SpecialOrder) => (
    <SpecialOrderCard key={o.id} order={o} me={me} today={today} onHandOver={props.onHandOver} onCancel={props.onCancel} />
  );
  if (status !== 'open') {
    // What was handed over or cancelled is looked back on: the server gives the latest day first.
    return (
      <OrderList label={`${status === 'fulfilled' ? 'Orders handed over' : 'Cancelled orders'}, latest first`}>
        {orders.map(card)}
      </OrderList>
    );
  }
  return (
    <Stack gap="xl">
      {groupOrders(orders, today).map(({ group, items }) => (
        <Stack key={group} gap="sm" component="section" aria-labelledby={`orders-${group}`}>
          <Title order={2} size="h3" id={`orders-${group}`} c={group === 'overdue' ? 'red.9' : undefined}>
            {ORDER_GROUP_TITLE[group]} ({items.length})
          </Title>
          <OrderList label={`${ORDER_GROUP_TITLE[group]}: orders to hand over`}>{items.map(card)}</OrderList>
        </Stack>
      ))}
    </Stack>
  );
}

function OrderList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {children}
    </Stack>
  );
}

/** The order just handed over, with the way to its sale; it takes the focus, as the order left the list. */
function HandedOver({ saleId, order, onDismiss }: { saleId: string; order: SpecialOrder; onDismiss: () => void }) {
  return (
    <DoneNotice title="Handed over" onDismiss={onDismiss}>
      The {orderNameInSentence(order)} is now a sale.{' '}
      <Anchor component={Link} to={`/sales/${saleId}`} fw={650} fz="inherit" style={TAP}>
        See the sale
      </Anchor>
    </DoneNotice>
  );
}

/** The order just cancelled, and the deposit to give back; it takes the focus, as the order left the list. */
function Cancelled({ order, me, onDismiss }: { order: SpecialOrder; me: Me; onDismiss: () => void }) {
  return (
    <DoneNotice title="Order cancelled" onDismiss={onDismiss}>
      The {orderNameInSentence(order)} is cancelled and kept under “Cancelled”.
      {order.deposit > 0 && <> Refund the deposit of {money(order.deposit, me)} at the till.</>}
    </DoneNotice>
  );
}

/** Asks the customer's reason, then cancels the order. */
function CancelOrderModal(props: { order: SpecialOrder; me: Me; onClose: () => void; onDone: () => void }) {
  const { order: o, me } = props;
  const queryClient = useQueryClient();
  return (
    <ReasonModal
      title="Cancel the order"
      subject={orderName(o)}
      label="Why is it cancelled?"
      description="For example: “The party is off; she will come back in the spring.”"
      missingMessage="Say why, even in a few words."
      field="reason"
      maxLength={500}
      submitLabel="Cancel the order"
      dismissLabel="Keep it"
      note={
        o.deposit > 0
          ? `Nothing is taken from stock. The deposit of ${money(o.deposit, me)} is to be refunded at the till.`
          : 'Nothing is taken from stock, and no deposit was paid.'
      }
      submit={(text) => cancelSpecialOrder(o.id, text)}
      refresh={() => {
        void queryClient.invalidateQueries({ queryKey: [...VISITS_KEY, 'special-orders'] });
        void queryClient.invalidateQueries({ queryKey: visitKey(o.encounterId) });
      }}
      onClose={props.onClose}
      onDone={props.onDone}
    />
  );
}

/** A conflict says why in the server's words; a short hint says what to do about it. */
function explained(err: unknown): unknown {
  if (!(err instanceof ApiError) || err.status !== 409) return err;
  const hint =
    err.details.available !== undefined
      ? 'Receive the delivery or correct the stock count first, then hand it over.'
      : 'The list has been brought up to date.';
  return new ApiError(err.status, err.code, `${err.message} ${hint}`, err.fields, err.details);
}

function HandOverModal(props: { order: SpecialOrder; me: Me; onClose: () => void; onDone: (saleId: string) => void }) {
  const { order: o, me } = props;
  const queryClient = useQueryClient();
  const balance = balanceOf(o);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: [...VISITS_KEY, 'special-orders'] });
    void queryClient.invalidateQueries({ queryKey: visitKey(o.encounterId) });
  };
  const handOver = useMutation({
    mutationFn: () => fulfilSpecialOrder(o.id),
    onSuccess: ({ saleId }) => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: SALES_KEY });
      props.onDone(saleId);
    },
    onError: (err) => {
      // Handed over on another tablet, say: the list should stop offering it.
      if (err instanceof ApiError && err.status === 409 && err.details.available === undefined) refresh();
    },
  });
  const name = orderName(o);
  return (
    <ConfirmModal
      title={`Hand over: ${name}`}
      confirmLabel="Hand over"
      pending={handOver.isPending}
      error={explained(handOver.error)}
      onConfirm={() => handOver.mutate()}
      onClose={props.onClose}
    >
      {balance > 0 ? (
        <>
          Take the balance of <strong>{money(balance, me)}</strong> before it goes: the order comes to {money(o.total, me)} and{' '}
          {money(o.deposit, me)} was paid as a deposit.
        </>
      ) : (
        <>Nothing is left to pay: the deposit of {money(o.deposit, me)} covers the order.</>
      )}{' '}
      Handing it over records the sale of these items and takes them from stock.
    </ConfirmModal>
  );
}

import { Anchor, Box, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { TAP } from '../../../ui/text.tsx';
import type { Me } from '../../auth/auth.api.ts';
import { can } from '../../auth/me-context.ts';
import { money } from '../../customers/format.ts';
import type { Visit } from '../visits.api.ts';
import { calendarDay, GESTURE_LABEL, LOST_OUTCOME_LABEL, NO_SALE_LABEL, timeOfDay } from '../words.ts';
import { sinceStartText, type Timeline, type TimelineEntry } from './timeline.ts';

const WRAP = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/** "What happened": the visit's story, one entry a line, each with its time of day and how long into the visit. */
export function VisitTimeline({ visit, timeline, me, timeZone }: { visit: Visit; timeline: Timeline; me: Me; timeZone?: string }) {
  const { untimed, notReached } = timeline;
  return (
    <Stack gap="md">
      <Box component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="What happened, in order">
        {timeline.entries.map((e, i) => (
          <Box
            component="li"
            key={e.id}
            style={{ display: 'grid', gridTemplateColumns: '4.75rem minmax(0, 1fr)', columnGap: 'var(--mantine-spacing-sm)' }}
          >
            <Stack gap={0} pt={2} pb="sm">
              <Text fw={650}>{timeOfDay(e.at, me.retailer.locale, timeZone)}</Text>
              <Text size="sm" c="dimmed">
                {sinceStartText(e.sinceStart)}
              </Text>
            </Stack>
            <Box
              pl="md"
              pb={i === timeline.entries.length - 1 ? 0 : 'md'}
              pt={2}
              style={{ borderLeft: '2px solid var(--mantine-color-gray-4)', position: 'relative', minWidth: 0 }}
            >
              <Box
                aria-hidden="true"
                style={{
                  position: 'absolute',
                  left: -7,
                  top: 8,
                  width: 12,
                  height: 12,
                  borderRadius: '50%',
                  background: e.kind === 'closed' ? 'var(--mantine-color-moss-7)' : 'var(--mantine-color-white)',
                  border: '2px solid var(--mantine-color-moss-7)',
                }}
              />
              <Entry entry={e} visit={visit} me={me} />
            </Box>
          </Box>
        ))}
      </Box>
      {untimed.length > 0 && (
        <Text size="sm" c="dimmed">
          Done along the way, with no time recorded: {untimed.map((s) => s.name).join(', ')}.
        </Text>
      )}
      {notReached.length > 0 && (
        <Box>
          <Text fw={600} id="visit-not-reached">
            {visit.status === 'open' ? 'Still to do' : 'Steps not reached'}
          </Text>
          <Text component="ul" m={0} pl="lg" c="dimmed" aria-labelledby="visit-not-reached">
            {notReached.map((s) => (
              <li key={s.key}>
                {s.name}
                {s.current && visit.status === 'open' ? ' (next)' : ''}
              </li>
            ))}
          </Text>
        </Box>
      )}
    </Stack>
  );
}

function Title({ children }: { children: ReactNode }) {
  return (
    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Text>
  );
}

function Detail({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" style={WRAP}>
      {children}
    </Text>
  );
}

function Entry({ entry: e, visit, me }: { entry: TimelineEntry; visit: Visit; me: Me }) {
  switch (e.kind) {
    case 'arrived':
      return <Title>{visit.customer?.name ? `${visit.customer.name} came in` : 'The customer came in'}</Title>;
    case 'started':
      return <Title>{e.by ? `Visit started by ${e.by} (lead)` : 'Visit started'}</Title>;
    case 'joined': {
      const [first, ...later] = e.roles;
      return (
        <Title>
          {e.name} {first === 'lead' ? 'took over as lead' : 'joined to assist'}
          {later.includes(first === 'lead' ? 'assist' : 'lead') ? (first === 'lead' ? ', and assisted' : ', then led') : ''}
        </Title>
      );
    }
    case 'step':
      return <Title>{e.state === 'done' ? `Step done: ${e.name}` : `Step skipped: ${e.name}`}</Title>;
    case 'session':
      return (
        <>
          <Title>Guided selling started</Title>
          <Anchor component={Link} to={`/selling/${e.sessionId}`} style={{ ...TAP, overflowWrap: 'anywhere' }}>
            <VisuallyHidden>Guided selling: </VisuallyHidden>
            {e.setName}
          </Anchor>
        </>
      );
    case 'note':
      return (
        <>
          <Title>{e.author ? `Note from ${e.author}` : 'Note'}</Title>
          <Text style={WRAP}>{e.text}</Text>
        </>
      );
    case 'gesture':
      return (
        <>
          <Title>
            Gesture: {GESTURE_LABEL[e.gesture.kind] ?? 'Other gesture'}, {money(e.gesture.cost, me)}
          </Title>
          <Detail>{e.gesture.description}</Detail>
        </>
      );
    case 'lost': {
      const l = e.item;
      return (
        <>
          <Title>
            Asked for, not had: {l.description}
            {l.quantity > 1 ? ` × ${l.quantity}` : ''}
          </Title>
          <Detail>
            {l.outcome === 'substituted' && l.substitute
              ? `Took ${l.substitute} instead`
              : `What happened instead: ${LOST_OUTCOME_LABEL[l.outcome] ?? l.outcome}`}
            {l.note ? `. ${l.note}` : ''}
          </Detail>
        </>
      );
    }
    case 'closed':
      return <Closing visit={visit} me={me} steps={e.steps} />;
  }
}

function SaleLink({ saleId, total, me, children }: { saleId: string; total: number | null; me: Me; children: string }) {
  const text = total === null ? children : `${children}: ${money(total, me)}`;
  if (!can(me, 'sales.close')) return <Text>{text}</Text>;
  return (
    <Anchor component={Link} to={`/sales/${saleId}`} style={TAP}>
      {text}
    </Anchor>
  );
}

function Closing({ visit: v, me, steps }: { visit: Visit; me: Me; steps: string[] }) {
  const done = steps.length > 0 && <Detail>Step done: {steps.join(', ')}</Detail>;
  if (v.outcome === 'sale')
    return (
      <>
        <Title>Ended with a sale</Title>
        {v.saleId ? (
          <SaleLink saleId={v.saleId} total={v.saleTotal} me={me}>
            See the sale
          </SaleLink>
        ) : (
          v.saleTotal !== null && <Text>{money(v.saleTotal, me)}</Text>
        )}
        {done}
      </>
    );
  if (v.outcome === 'special-order') {
    const o = v.specialOrder;
    return (
      <>
        <Title>Ended with a special order</Title>
        {o && (
          <>
            <Text style={WRAP}>
              {o.fulfilment === 'delivery' ? 'Delivery' : 'Collection'} on {calendarDay(o.dueOn, me.retailer.locale)}
              {o.recipient ? `, for ${o.recipient}` : ''}
              {`. Deposit ${money(o.deposit, me)}.`}
              {o.status === 'fulfilled' ? ' Handed over.' : o.status === 'cancelled' ? ' Cancelled.' : ''}
            </Text>
            {o.cardMessage && <Detail>Card: “{o.cardMessage}”</Detail>}
            {o.cancelled && <Detail>Why cancelled: {o.cancelled.reason}</Detail>}
          </>
        )}
        {v.saleId && (
          <SaleLink saleId={v.saleId} total={v.saleTotal} me={me}>
            See the sale it became
          </SaleLink>
        )}
        {done}
      </>
    );
  }
  return (
    <>
      <Title>Ended with no sale</Title>
      {v.noSaleReason && <Text>Why: {NO_SALE_LABEL[v.noSaleReason] ?? v.noSaleReason}</Text>}
      {done}
    </>
  );
}

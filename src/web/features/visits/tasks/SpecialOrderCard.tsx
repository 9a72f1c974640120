import { Anchor, Badge, Box, Button, Group, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { Fact, Nowrap, TAP } from '../../../ui/text.tsx';
import type { Me } from '../../auth/auth.api.ts';
import { can } from '../../auth/me-context.ts';
import { money } from '../../customers/format.ts';
import { LinkButton } from '../../customers/LinkButton.tsx';
import type { SpecialOrder } from '../visits.api.ts';
import { calendarDay } from '../words.ts';
import { cardStyle } from './bits.tsx';
import { addressLines, balanceOf, dueWords, orderGroupOf } from './schedule.ts';

/** On a phone the card's buttons stack, each the card's width; side by side from a tablet up. */
const WIDE = { base: '100%', xs: 'auto' };

/** "Delivery for Ada", "Collection for Mr Okafor", or just "Delivery" when nobody is named. */
export function orderName(o: SpecialOrder): string {
  const kind = o.fulfilment === 'delivery' ? 'Delivery' : 'Collection';
  const who = o.recipient ?? o.customer?.name ?? null;
  return who ? `${kind} for ${who}` : kind;
}

/** The order's name inside a sentence: "the delivery for Ada". */
export const orderNameInSentence = (o: SpecialOrder) => {
  const name = orderName(o);
  return name.charAt(0).toLowerCase() + name.slice(1);
};

/** One special order: when and where it goes, to whom, the card, the items and what is still to pay. */
export function SpecialOrderCard(props: {
  order: SpecialOrder;
  me: Me;
  today: string;
  onHandOver: (o: SpecialOrder) => void;
  onCancel: (o: SpecialOrder) => void;
}) {
  const { order: o, me, today } = props;
  const open = o.status === 'open';
  const overdue = open && orderGroupOf(o.dueOn, today) === 'overdue';
  const balance = balanceOf(o);
  const address = o.fulfilment === 'delivery' ? addressLines(o.address) : [];
  const headingId = `order-${o.id}`;
  const name = orderName(o);
  // Said after a verb to a screen reader: "Hand over the delivery for Ada".
  const spoken = orderNameInSentence(o);
  return (
    <Box
      component="li"
      px="md"
      py="sm"
      aria-labelledby={headingId}
      style={cardStyle(overdue ? 'var(--mantine-color-red-8)' : open ? 'var(--mantine-color-moss-6)' : 'var(--mantine-color-gray-5)')}
    >
      <Stack gap="sm">
        <Stack gap={2}>
          <Group gap="xs" wrap="wrap" align="center">
            <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            {overdue && (
              <Badge color="red.9" variant="filled" size="md">
                Overdue
              </Badge>
            )}
            {o.status === 'cancelled' && (
              <Badge color="gray.7" variant="outline" size="md">
                Cancelled
              </Badge>
            )}
          </Group>
          <Text fw={open ? 650 : undefined} c={overdue ? 'red.9' : undefined}>
            {open ? (
              <>
                {dueWords(o.dueOn, today)} · <Nowrap>{calendarDay(o.dueOn, me.retailer.locale)}</Nowrap>
              </>
            ) : (
              <>
                {o.fulfilment === 'delivery' ? 'Delivery' : 'Collection'} day <Nowrap>{calendarDay(o.dueOn, me.retailer.locale)}</Nowrap>
              </>
            )}
          </Text>
        </Stack>

        {o.cancelled && (
          <Text style={{ overflowWrap: 'anywhere' }}>
            <Text span fw={650}>
              Cancelled:
            </Text>{' '}
            {o.cancelled.reason}
          </Text>
        )}
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="xs" m={0}>
          <Fact label="Ordered by">
            {o.customer?.name && can(me, 'customers.view') ? (
              <Anchor component={Link} to={`/customers/${o.customer.id}`} style={{ ...TAP, overflowWrap: 'anywhere' }}>
                {o.customer.name}
              </Anchor>
            ) : (
              (o.customer?.name ?? 'No customer recorded')
            )}
          </Fact>
          {o.fulfilment === 'delivery' && (
            <Fact label="Deliver to">
              {address.length ? (
                address.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two parts of an address may read the same
                  <span key={i} style={{ display: 'block' }}>
                    {line}
                  </span>
                ))
              ) : (
                <Text span c="red.9">
                  No address given: check with the customer
                </Text>
              )}
            </Fact>
          )}
          {o.cardMessage && (
            <Fact label="Card message">
              <Text span fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
                “{o.cardMessage}”
              </Text>
            </Fact>
          )}
        </SimpleGrid>

        <Stack gap={4}>
          <Text size="sm" c="dimmed" id={`${headingId}-items`}>
            Items
          </Text>
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby={`${headingId}-items`}>
            {o.lines.map((l, i) => (
              <Group
                // biome-ignore lint/suspicious/noArrayIndexKey: an item may be on an order twice; the lines never reorder
                key={i}
                component="li"
                justify="space-between"
                align="flex-start"
                wrap="nowrap"
                gap="sm"
                py={6}
                style={i === 0 ? undefined : { borderTop: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Text miw={0} style={{ overflowWrap: 'anywhere' }}>
                  <Text span fw={650}>
                    {l.quantity} ×
                  </Text>{' '}
                  {l.title}
                  <Text span c="dimmed" size="sm">
                    {' '}
                    <Nowrap>· {money(l.unitPrice, me)} each</Nowrap>
                  </Text>
                </Text>
                <Text style={{ whiteSpace: 'nowrap' }}>{money(l.quantity * l.unitPrice, me)}</Text>
              </Group>
            ))}
          </Stack>
        </Stack>

        <Group
          component="dl"
          m={0}
          pt="xs"
          gap="lg"
          wrap="wrap"
          justify="flex-end"
          style={{ borderTop: '2px solid var(--mantine-color-gray-3)' }}
        >
          <Money label="Total" value={money(o.total, me)} />
          <Money label="Deposit paid" value={money(o.deposit, me)} />
          {open && <Money label="Balance to pay" value={balance > 0 ? money(balance, me) : 'Paid in full'} strong />}
        </Group>

        <Group gap="sm" wrap="wrap" justify="flex-end">
          <LinkButton to={`/visits/${o.encounterId}`} variant="default" w={WIDE}>
            Open the visit<VisuallyHidden> of the {spoken}</VisuallyHidden>
          </LinkButton>
          {o.saleId && (
            <LinkButton to={`/sales/${o.saleId}`} variant="light" w={WIDE}>
              See the sale<VisuallyHidden> of the {spoken}</VisuallyHidden>
            </LinkButton>
          )}
          {open && (
            <Button variant="default" onClick={() => props.onCancel(o)} w={WIDE}>
              Cancel order…<VisuallyHidden> the {spoken}</VisuallyHidden>
            </Button>
          )}
          {open && (
            <Button onClick={() => props.onHandOver(o)} w={WIDE}>
              Hand over…<VisuallyHidden> the {spoken}</VisuallyHidden>
            </Button>
          )}
        </Group>
      </Stack>
    </Box>
  );
}

function Money({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed" ta="right">
        {label}
      </Text>
      <Text component="dd" m={0} ta="right" fw={strong ? 700 : 500} size={strong ? 'lg' : 'md'} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </div>
  );
}

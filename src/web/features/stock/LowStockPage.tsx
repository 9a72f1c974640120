import { Anchor, Badge, Box, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { variantLabel } from '../../../shared/catalog.ts';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import { Nowrap, TAP } from '../../ui/text.tsx';
import type { Me, StoreRef } from '../auth/auth.api.ts';
import { useChosenStore } from '../stores/chosen-store.ts';
import { StorePicker } from '../stores/StorePicker.tsx';
import { type LowStockItem, useLowStock } from './stock.api.ts';

/** `/stock/low`: what is low or out in the person's store, scarcest first, and what is on its way. */
export function LowStockPage() {
  const { me, store, choose } = useChosenStore();
  const query = useLowStock(store?.id ?? null);
  const items = query.data ?? [];
  // What has run out needs seeing to first; the server's order (scarcest first) holds within each.
  const out = items.filter((i) => i.state === 'out');
  const low = items.filter((i) => i.state !== 'out');

  return (
    <Page title="Low stock">
      <StorePicker me={me} store={store} choose={choose} />
      {!store ? (
        <Empty title="You are not in a store yet" description="Ask a manager to add you to the store you work in." />
      ) : query.isPending ? (
        <LoadingState label={`Checking stock at ${store.name}…`} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} title="The stock could not be checked" />
      ) : items.length === 0 ? (
        <Empty
          title={`Nothing is running low in ${store.name}`}
          description="Everything has more on the shelf than its low-stock level. Anything that runs low will show here, scarcest first."
        />
      ) : (
        <>
          <Text c="dimmed" mt={-8}>
            At {store.name}: {out.length > 0 ? `${out.length} out of stock, ` : ''}
            {low.length} running low. Scarcest first.
          </Text>
          <StockGroup id="out-heading" title="Out of stock" items={out} me={me} store={store} />
          <StockGroup id="low-heading" title="Running low" items={low} me={me} store={store} />
        </>
      )}
    </Page>
  );
}

function StockGroup(props: { id: string; title: string; items: LowStockItem[]; me: Me; store: StoreRef }) {
  if (props.items.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby={props.id}>
      <Title order={2} size="h3" id={props.id}>
        {props.title} ({props.items.length})
      </Title>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`${props.title} at ${props.store.name}`}>
        {props.items.map((i) => (
          <LowStockRow key={i.variantId} item={i} me={props.me} store={props.store} />
        ))}
      </Stack>
    </Stack>
  );
}

function LowStockRow({ item: i, me, store }: { item: LowStockItem; me: Me; store: StoreRef }) {
  const day = new Intl.DateTimeFormat(me.retailer.locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: store.timeZone });
  const held = i.onHand - i.available;
  return (
    <Box
      component="li"
      px="md"
      py="xs"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: '1px solid var(--mantine-color-gray-3)',
        // The edge repeats the state for a quick scan; the badge says it in words.
        borderLeft: `6px solid var(--mantine-color-${i.state === 'out' ? 'red-8' : 'yellow-5'})`,
        background: 'var(--mantine-color-white)',
      }}
    >
      <Stack gap={2} miw={0}>
        <Anchor
          component={Link}
          to={`/catalog/${i.productId}`}
          fw={650}
          size="lg"
          w="fit-content"
          style={{ ...TAP, overflowWrap: 'anywhere' }}
        >
          {variantLabel(i.productTitle, i.title)}
        </Anchor>
        <Group gap={8} wrap="wrap" align="center">
          {i.state === 'out' ? (
            <Badge color="red.9" variant="filled" size="md">
              Out of stock
            </Badge>
          ) : (
            <Badge color="yellow.4" variant="filled" autoContrast size="md">
              Low
            </Badge>
          )}
          <Text>
            <Text span fw={650}>
              {i.available} available
            </Text>
            <Text span c="dimmed">
              {' · '}
              <Nowrap>low at {i.threshold} or fewer</Nowrap>
              {held > 0 && (
                <>
                  {' · '}
                  <Nowrap>
                    {i.onHand} on hand, {held} held for customers
                  </Nowrap>
                </>
              )}
            </Text>
          </Text>
        </Group>
        <Text size="sm" c="dimmed" pb={6}>
          {i.incoming.length ? (
            <Text span size="sm" fw={600} c="var(--mantine-color-text)">
              On its way: {i.incoming.map((d) => `${d.quantity} expected ${day.format(new Date(d.expectedAt))}`).join(', ')}
            </Text>
          ) : (
            'Nothing on its way'
          )}
          {i.sku && (
            <>
              {' · '}
              <Nowrap>SKU {i.sku}</Nowrap>
            </>
          )}
        </Text>
      </Stack>
    </Box>
  );
}

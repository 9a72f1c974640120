import { Anchor, Badge, Box, Button, Group, Select, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, FormError, LoadingState } from '../../ui/states.tsx';
import { ROW, TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { dateTime } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { linesText, totalText } from './format.ts';
import { type SaleSummary, useSales } from './sales.api.ts';

const ALL = 'all';

/** `/sales`: sales and returns in the person's stores, newest first, a page at a time. */
export function SalesPage() {
  const me = useSignedIn();
  const [params, setParams] = useSearchParams();
  // The filter lives in the address, so Back from a sale returns to the same list.
  const asked = params.get('store');
  const storeId = asked && me.stores.some((s) => s.id === asked) ? asked : null;
  const store = me.stores.find((s) => s.id === storeId);
  const sales = useSales(storeId);
  const items = sales.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page
      title="Sales"
      actions={
        can(me, 'sales.import') ? (
          <LinkButton to="/catalog/import" variant="default">
            Import a sales history
          </LinkButton>
        ) : null
      }
    >
      <Text c="dimmed" mt={-12}>
        Sales and returns {store ? `at ${store.name}` : me.stores.length > 1 ? 'in your stores' : 'in your store'}, newest first.
      </Text>
      {me.stores.length > 1 && (
        <Select
          label="Store"
          data={[{ value: ALL, label: 'All your stores' }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]}
          value={storeId ?? ALL}
          onChange={(value) => setParams(value && value !== ALL ? { store: value } : {}, { replace: true })}
          maw={360}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {sales.isPending ? (
        <LoadingState label="Loading sales…" />
      ) : sales.isError && !sales.data ? (
        <ErrorState error={sales.error} onRetry={() => sales.refetch()} title="The sales could not be loaded" />
      ) : items.length === 0 ? (
        <Empty
          title={store ? `No sales at ${store.name} yet` : 'No sales yet'}
          description="Sales rung up at the till, or sent by your shop’s other systems, show here as soon as they are recorded."
        />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Sales and returns, newest first">
          {items.map((s) => (
            <SaleRow key={s.id} sale={s} me={me} />
          ))}
        </Stack>
      )}
      {sales.hasNextPage && (
        <Button variant="default" onClick={() => sales.fetchNextPage()} loading={sales.isFetchingNextPage} w="fit-content">
          Load more
        </Button>
      )}
      {sales.isFetchNextPageError && <FormError error={sales.error} />}
    </Page>
  );
}

function SaleRow({ sale: s, me }: { sale: SaleSummary; me: Me }) {
  const isReturn = s.kind === 'return';
  return (
    <Box component="li" px="md" py={4} style={ROW}>
      <Group justify="space-between" align="center" wrap="nowrap" gap="sm">
        <Anchor component={Link} to={`/sales/${s.id}`} fw={650} fz={{ base: 'md', sm: 'lg' }} style={{ ...TAP, whiteSpace: 'nowrap' }}>
          {/* A screen reader moving from link to link hears what each one opens, not only a time. */}
          <VisuallyHidden>{isReturn ? 'Return' : 'Sale'}, </VisuallyHidden>
          {dateTime(s.soldAt, me.retailer.locale)}
        </Anchor>
        <Text fw={650} fz={{ base: 'md', sm: 'lg' }} ta="right" style={{ whiteSpace: 'nowrap' }}>
          {totalText(s, me)}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mih={44} style={{ display: 'flex', alignItems: 'center' }}>
        <span>
          {isReturn && (
            <Badge component="span" variant="outline" color="gray.7" size="md" mr={8} style={{ verticalAlign: 'middle' }}>
              Return
            </Badge>
          )}
          {[s.store.name, s.staffName, linesText(s.lines)].filter(Boolean).join(' · ')}
          {s.customer && (
            <>
              {' · '}
              {/* "for" stays with the name; a very long name still wraps within itself. */}
              <span style={{ whiteSpace: 'nowrap' }}>
                for{' '}
                <Anchor component={Link} to={`/customers/${s.customer.id}`} size="sm" style={{ ...TAP, whiteSpace: 'normal' }}>
                  {s.customer.name}
                </Anchor>
              </span>
            </>
          )}
        </span>
      </Text>
    </Box>
  );
}

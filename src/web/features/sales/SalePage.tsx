import { Alert, Anchor, Badge, Box, Button, Group, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { Fact, Nowrap, TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { dateTime, money } from '../customers/format.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Section } from '../customers/Section.tsx';
import { totalText, unitsText } from './format.ts';
import { ReturnForm } from './ReturnForm.tsx';
import { returnable, type Sale, type SaleLine, useSale } from './sales.api.ts';

/** Set by the return form on the way to the return it recorded. */
export interface RecordedState {
  recorded?: boolean;
}

/** `/sales/:id`: a sale or a return, its lines, its returns, and a way to give items back. */
export function SalePage() {
  const { id = '' } = useParams();
  // A sale and its return share this route: a new id starts afresh (a new form, a new draft id).
  return <SaleScreen key={id} id={id} />;
}

function SaleScreen({ id }: { id: string }) {
  const sale = useSale(id);
  if (sale.isPending) {
    return (
      <Page title="Sale">
        <LoadingState label="Loading the sale…" />
      </Page>
    );
  }
  if (sale.isError) {
    return (
      <Page title="Sale">
        <ErrorState error={sale.error} onRetry={() => sale.refetch()} title="This sale could not be opened" />
        <LinkButton to="/sales" variant="light" w="fit-content">
          Back to sales
        </LinkButton>
      </Page>
    );
  }
  return <SaleDocument sale={sale.data} />;
}

function SaleDocument({ sale }: { sale: Sale }) {
  const me = useSignedIn();
  const location = useLocation();
  const [returning, setReturning] = useState(false);
  const returnButton = useRef<HTMLButtonElement>(null);
  const isReturn = sale.kind === 'return';
  const justRecorded = isReturn && (location.state as RecordedState | null)?.recorded === true;
  const mayReturn = !isReturn && can(me, 'sales.close') && sale.lines.some((l) => returnable(l) > 0);

  return (
    <Page
      title={isReturn ? 'Return' : 'Sale'}
      actions={
        mayReturn && !returning ? (
          <Button variant="light" onClick={() => setReturning(true)} ref={returnButton}>
            Return items
          </Button>
        ) : null
      }
    >
      {justRecorded && (
        <Alert color="moss" variant="light" role="status" title="Return recorded">
          {sale.total <= 0
            ? `Give ${money(-sale.total, me)} back to the customer.`
            : `The customer pays ${money(sale.total, me)} for the exchange.`}
        </Alert>
      )}
      <Details sale={sale} me={me} />
      <Lines sale={sale} me={me} />
      {sale.returns.length > 0 && <Returns sale={sale} me={me} />}
      {returning && (
        <ReturnForm
          sale={sale}
          onCancel={() => {
            setReturning(false);
            // The form is gone: give the focus back to the button that opened it.
            requestAnimationFrame(() => returnButton.current?.focus());
          }}
        />
      )}
    </Page>
  );
}

function Details({ sale, me }: { sale: Sale; me: Me }) {
  const isReturn = sale.kind === 'return';
  return (
    <Section id="sale-details-heading" title="Details">
      <SimpleGrid component="dl" cols={2} spacing="md" verticalSpacing="sm" m={0}>
        <Fact label={isReturn ? 'Returned' : 'Sold'}>{dateTime(sale.soldAt, me.retailer.locale)}</Fact>
        <Fact label="Store">{sale.store.name}</Fact>
        <Fact label={isReturn ? 'Taken back by' : 'Served by'}>{sale.staff?.name ?? 'Not recorded'}</Fact>
        <Fact label="Customer">
          {sale.customer ? (
            <Anchor component={Link} to={`/customers/${sale.customer.id}`} style={TAP}>
              {sale.customer.name}
            </Anchor>
          ) : (
            'No customer recorded'
          )}
        </Fact>
        <Fact label={isReturn ? (sale.total <= 0 ? 'Refund' : 'Paid for the exchange') : 'Total'}>
          <Text span fw={650}>
            {money(Math.abs(sale.total), me)}
          </Text>
        </Fact>
        {sale.discountTotal > 0 && <Fact label="Discount given">{money(sale.discountTotal, me)}</Fact>}
        {isReturn && sale.originalSaleId && (
          <Fact label="Gives back items of">
            <Anchor component={Link} to={`/sales/${sale.originalSaleId}`} style={TAP}>
              The original sale
            </Anchor>
          </Fact>
        )}
      </SimpleGrid>
      {sale.note && <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{sale.note}</Text>}
    </Section>
  );
}

function Lines({ sale, me }: { sale: Sale; me: Me }) {
  const isReturn = sale.kind === 'return';
  return (
    <Section id="sale-lines-heading" title={isReturn && sale.lines.every((l) => l.quantity < 0) ? 'Items given back' : 'Items'}>
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="sale-lines-heading">
        {sale.lines.map((l, i) => (
          <LineRow key={l.lineNo} line={l} me={me} first={i === 0} inReturn={isReturn} />
        ))}
      </Stack>
      <Group justify="space-between" gap="sm" pt="xs" style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
        <Text fw={650} size="lg">
          {isReturn ? (sale.total <= 0 ? 'Refund' : 'Paid for the exchange') : 'Total'}
        </Text>
        <Text fw={650} size="lg">
          {money(Math.abs(sale.total), me)}
        </Text>
      </Group>
    </Section>
  );
}

function LineRow({ line: l, me, first, inReturn }: { line: SaleLine; me: Me; first: boolean; inReturn: boolean }) {
  const givenBack = l.quantity < 0;
  // A return's positive lines are what the customer took instead.
  const exchanged = inReturn && !givenBack;
  const units = Math.abs(l.quantity);
  return (
    <Box component="li" py="sm" style={first ? undefined : { borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} miw={0} style={{ flex: 1 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {l.description}
          </Text>
          <Text size="sm" c="dimmed">
            <Nowrap>
              {givenBack ? `${unitsText(units)} given back` : unitsText(units)} × {money(l.unitPrice, me)}
            </Nowrap>
            {l.discount > 0 && (
              <>
                {' · '}
                <Nowrap>{money(l.discount, me)} off</Nowrap>
              </>
            )}
            {l.sku && (
              <>
                {' · '}
                <Nowrap>{l.sku}</Nowrap>
              </>
            )}
          </Text>
          {(l.returned > 0 || l.backordered > 0 || exchanged) && (
            <Group gap={6} wrap="wrap">
              {exchanged && (
                <Badge variant="outline" color="gray.7">
                  Taken in exchange
                </Badge>
              )}
              {l.returned > 0 && (
                <Badge variant="outline" color="gray.7">
                  {l.returned} returned
                </Badge>
              )}
              {l.backordered > 0 && (
                <Badge variant="outline" color="gray.7">
                  {l.backordered} back-ordered
                </Badge>
              )}
            </Group>
          )}
        </Stack>
        <Text fw={600} ta="right" style={{ whiteSpace: 'nowrap' }}>
          {givenBack ? (
            <>
              <VisuallyHidden>refund </VisuallyHidden>
              {money(-l.total, me)}
            </>
          ) : (
            money(l.total, me)
          )}
        </Text>
      </Group>
    </Box>
  );
}

function Returns({ sale, me }: { sale: Sale; me: Me }) {
  return (
    <Section id="sale-returns-heading" title="Returns">
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="sale-returns-heading">
        {sale.returns.map((r) => (
          <Group key={r.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
            <Anchor component={Link} to={`/sales/${r.id}`} style={TAP}>
              <VisuallyHidden>Return, </VisuallyHidden>
              {dateTime(r.soldAt, me.retailer.locale)}
            </Anchor>
            <Text style={{ whiteSpace: 'nowrap' }}>{totalText({ kind: 'return', total: r.total }, me)}</Text>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

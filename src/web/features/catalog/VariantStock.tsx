import { Alert, Badge, Box, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useInViewport } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { StoreStock } from '../../../shared/catalog.ts';
import { ErrorState, FormError } from '../../ui/states.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { money } from '../customers/format.ts';
import type { Vocabulary } from '../vocabulary/vocabulary.api.ts';
import { AdjustStockModal } from './AdjustStockModal.tsx';
import { ColourList } from './Colours.tsx';
import { availabilityKey, CATALOG_KEY, type Product, receiveDelivery, useAvailability, type Variant } from './catalog.api.ts';
import { DeliveryModal } from './DeliveryModal.tsx';
import { dueDay, STATE_LABEL, STATE_STYLE } from './words.ts';

/**
 * One variant: its price and codes, what a bundle is made of, and its stock in every store.
 * Stock is asked for once the variant scrolls into view, so a product with dozens of sizes does
 * not send dozens of requests at once.
 */
export function VariantStock({ product, variant: v, vocab }: { product: Product; variant: Variant; vocab: Vocabulary }) {
  const me = useSignedIn();
  const storeId = me.currentStoreId;
  const store = me.stores.find((s) => s.id === storeId);
  const { ref, inViewport } = useInViewport<HTMLElement>();
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (inViewport) setSeen(true);
  }, [inViewport]);
  const availability = useAvailability(v.id, storeId, seen);
  const [adjusting, setAdjusting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const headingId = `variant-${v.id}`;
  const bundle = v.components.length > 0;
  // Stock is counted where the person works now; a bundle has no stock of its own to count.
  const mayAdjust = can(me, 'stock.count') && !!store && !bundle;
  const mayExpect = can(me, 'stock.move') && !!store && !bundle;
  const [expecting, setExpecting] = useState(false);
  const here = availability.data?.stores.find((s) => s.storeId === storeId);
  const codes = [
    money(v.price, me),
    v.sku ? `SKU ${v.sku}` : null,
    v.barcode ? `Barcode ${v.barcode}` : null,
    v.unitCost !== undefined && v.unitCost !== null ? `Unit cost ${money(v.unitCost, me)}` : null,
  ].filter(Boolean);

  return (
    <Box component="section" aria-labelledby={headingId} ref={ref}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="wrap" align="center">
            <Title order={3} size="h4" id={headingId}>
              {v.title}
            </Title>
            {v.retired && (
              <Badge variant="outline" color="red.9" size="md">
                Retired
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="wrap">
            {mayExpect && store && (
              <Button variant="default" onClick={() => setExpecting(true)} aria-label={`Expect a delivery of ${v.title} at ${store.name}`}>
                Expect delivery
              </Button>
            )}
            {mayAdjust && store && (
              <Button variant="light" onClick={() => setAdjusting(true)} aria-label={`Adjust stock of ${v.title} at ${store.name}`}>
                Adjust stock
              </Button>
            )}
          </Group>
        </Group>
        <Text>{codes.join(' · ')}</Text>
        {/* A colourway's own colours, unless its name already says them. */}
        {v.attributes.colours && v.attributes.colours.length > 0 && colourWords(v.attributes.colours, vocab) !== v.title.toLowerCase() && (
          <ColourList keys={v.attributes.colours} vocab={vocab} label={`Colours of ${v.title}`} />
        )}
        {bundle && (
          <Stack gap={2}>
            <Text fw={600}>Made up from</Text>
            <Stack component="ul" gap={0} m={0} pl="lg">
              {v.components.map((c) => (
                <li key={c.variantId}>
                  <Text>
                    {c.quantity} × {c.title}
                  </Text>
                </li>
              ))}
            </Stack>
            <Text size="sm" c="dimmed">
              Available means how many can be made up from the stock of these in each store.
            </Text>
          </Stack>
        )}
        {notice && (
          <Alert
            color="moss"
            variant="light"
            role="status"
            withCloseButton
            onClose={() => setNotice(null)}
            closeButtonLabel="Dismiss"
            styles={{ closeButton: { minWidth: 44, minHeight: 44 } }}
          >
            {notice}
          </Alert>
        )}
        {availability.isError ? (
          <ErrorState error={availability.error} onRetry={() => availability.refetch()} title="Stock could not be loaded" />
        ) : !availability.data ? (
          <Group gap="sm" role="status" mih={44}>
            <Loader size="sm" aria-hidden="true" />
            <Text>Checking stock…</Text>
          </Group>
        ) : (
          <StoreList
            stores={availability.data.stores}
            variantId={v.id}
            variantTitle={v.title}
            currentStoreId={storeId}
            me={me}
            bundle={bundle}
            onReceived={setNotice}
          />
        )}
      </Stack>
      {expecting && store && (
        <DeliveryModal
          productTitle={product.title}
          variant={v}
          store={store}
          onClose={() => setExpecting(false)}
          onSaved={(message) => {
            setExpecting(false);
            setNotice(message);
          }}
        />
      )}
      {adjusting && store && (
        <AdjustStockModal
          product={product}
          variant={v}
          store={store}
          stock={availability.data ? (here ?? null) : undefined}
          onClose={() => setAdjusting(false)}
          onSaved={(message) => {
            setAdjusting(false);
            setNotice(message);
          }}
        />
      )}
    </Box>
  );
}

const colourWords = (keys: string[], vocab: Vocabulary) =>
  keys
    .map((k) => vocab.label('colour', k))
    .join(' and ')
    .toLowerCase();

function StoreList(props: {
  stores: StoreStock[];
  variantId: string;
  variantTitle: string;
  currentStoreId: string | null;
  me: Me;
  bundle: boolean;
  onReceived: (message: string) => void;
}) {
  const { me } = props;
  const queryClient = useQueryClient();
  const receive = useMutation({
    mutationFn: (d: { id: string; quantity: number; storeName: string }) => receiveDelivery(d.id),
    onSuccess: (_, d) => {
      void queryClient.invalidateQueries({ queryKey: availabilityKey(props.variantId) });
      void queryClient.invalidateQueries({ queryKey: [...CATALOG_KEY, 'list'] });
      props.onReceived(`Received ${d.quantity} ${props.variantTitle} at ${d.storeName}.`);
    },
  });
  // Deliveries are received by people who work in that store and may count stock.
  const mayReceive = (storeId: string) => can(me, 'stock.count') && me.stores.some((s) => s.id === storeId);
  const locale = me.retailer.locale;
  const km = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Deliveries are due in a store's own day; the person's store's zone is the best known one.
  const zone = me.stores.find((s) => s.id === props.currentStoreId)?.timeZone;
  return (
    <Stack component="ul" gap={0} m={0} p={0} aria-label={`Stock of ${props.variantTitle} in every store`} style={{ listStyle: 'none' }}>
      {props.stores.map((s, i) => {
        const mine = s.storeId === props.currentStoreId;
        return (
          <Group
            component="li"
            key={s.storeId}
            justify="space-between"
            align="flex-start"
            wrap="nowrap"
            gap="sm"
            py="sm"
            style={{ borderTop: i ? '1px solid var(--mantine-color-gray-3)' : undefined }}
          >
            <Stack gap={2} miw={0}>
              <Text fw={600}>
                {s.storeName}
                <Text span c="dimmed" fw={400}>
                  {mine ? ' · this store' : s.distanceKm !== null ? ` · ${km.format(s.distanceKm)} km away` : ''}
                </Text>
              </Text>
              <Text size="sm">
                <Text span fw={600}>
                  {s.available} available
                </Text>
                {/* Holds are placed on the components, never on a bundle itself. */}
                {props.bundle ? '' : ` · ${s.held} held`}
              </Text>
              {s.incoming.length > 0 &&
                (mayReceive(s.storeId) ? (
                  s.incoming.map((d) => (
                    <Group key={d.id} gap="sm" wrap="wrap" align="center">
                      <Text size="sm">
                        On its way: {d.quantity} due {dueDay(d.expectedAt, locale, zone)}
                      </Text>
                      <Button
                        size="compact-md"
                        mih={44}
                        variant="default"
                        loading={receive.isPending && receive.variables?.id === d.id}
                        onClick={() => receive.mutate({ id: d.id, quantity: d.quantity, storeName: s.storeName })}
                        aria-label={`Receive ${d.quantity} ${props.variantTitle} due ${dueDay(d.expectedAt, locale, zone)} at ${s.storeName}`}
                      >
                        Receive
                      </Button>
                    </Group>
                  ))
                ) : (
                  <Text size="sm">
                    On its way: {s.incoming.map((d) => `${d.quantity} due ${dueDay(d.expectedAt, locale, zone)}`).join(', ')}
                  </Text>
                ))}
              {receive.isError && receive.variables && s.incoming.some((d) => d.id === receive.variables?.id) && (
                <FormError error={receive.error} />
              )}
            </Stack>
            <Badge variant="outline" style={{ flexShrink: 0, ...STATE_STYLE[s.state] }}>
              {STATE_LABEL[s.state]}
            </Badge>
          </Group>
        );
      })}
    </Stack>
  );
}

import { Button, Fieldset, Group, Loader, NumberInput, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Empty, ErrorState } from '../../ui/states.tsx';
import { useSignedIn } from '../auth/me-context.ts';
import { NO_FILTERS, useProduct, useProducts } from '../catalog/catalog.api.ts';
import { priceRange } from '../catalog/words.ts';
import { money } from '../customers/format.ts';

/** One item the customer takes instead, as chosen in the return form. */
export interface ExchangeItem {
  variantId: string;
  label: string;
  unitPrice: number;
  quantity: number | '';
}

const RESULTS = 5;
const pick = {
  display: 'block',
  width: '100%',
  minHeight: 48,
  padding: 'var(--mantine-spacing-xs) var(--mantine-spacing-sm)',
  borderRadius: 'var(--mantine-radius-md)',
  border: '1px solid var(--mantine-color-gray-3)',
} as const;

/** The variants of one product to choose from, by name and price. */
function VariantChoice(props: { productId: string; onPick: (item: ExchangeItem) => void; onBack: () => void }) {
  const me = useSignedIn();
  const product = useProduct(props.productId);
  if (product.isPending) return <Loader size="sm" aria-label="Loading the product…" />;
  if (product.isError)
    return <ErrorState error={product.error} onRetry={() => product.refetch()} title="The product could not be loaded" />;
  const variants = product.data.variants.filter((v) => !v.retired);
  return (
    <Stack gap={6} role="group" aria-label={`Choose which ${product.data.title}`}>
      <Text fw={600}>Which {product.data.title}?</Text>
      {variants.map((v) => (
        <UnstyledButton
          key={v.id}
          style={pick}
          onClick={() =>
            props.onPick({
              variantId: v.id,
              label: v.title === 'Default' ? product.data.title : `${product.data.title} — ${v.title}`,
              unitPrice: v.price,
              quantity: 1,
            })
          }
        >
          <Text component="span">{v.title === 'Default' ? product.data.title : v.title}</Text>
          <Text component="span" c="dimmed">
            {' '}
            · {money(v.price, me)}
          </Text>
        </UnstyledButton>
      ))}
      <Button variant="subtle" w="fit-content" onClick={props.onBack}>
        Back to the search
      </Button>
    </Stack>
  );
}

/**
 * What the customer takes instead of what they bring back: found by name in the catalog (with
 * what the store has), a variant and a quantity each. The server checks stock when it is recorded.
 */
export function ExchangeLines(props: {
  storeId: string;
  items: ExchangeItem[];
  onChange: (items: ExchangeItem[]) => void;
  errorFor: (index: number) => string | undefined;
}) {
  const me = useSignedIn();
  const [q, setQ] = useState('');
  const [searching, setSearching] = useState(false);
  const [productId, setProductId] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q.trim(), 250);
  // Only a search that has words asks the catalog: the form opening costs nothing.
  const results = useProducts({ ...NO_FILTERS, q: debounced }, props.storeId, searching && debounced !== '');
  const found = debounced ? (results.data?.pages[0]?.items ?? []).slice(0, RESULTS) : [];

  const add = (item: ExchangeItem) => {
    const same = props.items.findIndex((i) => i.variantId === item.variantId);
    props.onChange(
      same >= 0
        ? props.items.map((i, n) => (n === same ? { ...i, quantity: (typeof i.quantity === 'number' ? i.quantity : 0) + 1 } : i))
        : [...props.items, item],
    );
    setProductId(null);
    setQ('');
    setSearching(false);
  };

  return (
    <Fieldset legend="Taking something instead?" p="sm" styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)' } }}>
      <Stack gap="sm">
        {props.items.map((item, i) => (
          <Group key={item.variantId} gap="md" align="flex-end" wrap="wrap" role="group" aria-label={`Exchange: ${item.label}`}>
            <Stack gap={0} style={{ flex: '1 1 12rem' }}>
              <Text fw={600}>{item.label}</Text>
              <Text size="sm" c="dimmed">
                {money(item.unitPrice, me)} each
              </Text>
            </Stack>
            <NumberInput
              label="Units"
              min={1}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              inputMode="numeric"
              w={110}
              value={item.quantity}
              onChange={(v) =>
                props.onChange(
                  props.items.map((x, n) => (n === i ? { ...x, quantity: typeof v === 'number' ? v : v === '' ? '' : Number(v) } : x)),
                )
              }
              error={props.errorFor(i)}
            />
            <Button
              variant="default"
              onClick={() => props.onChange(props.items.filter((_, n) => n !== i))}
              aria-label={`Remove ${item.label}`}
            >
              Remove
            </Button>
          </Group>
        ))}
        {!searching ? (
          <Button variant="light" w="fit-content" onClick={() => setSearching(true)}>
            {props.items.length ? 'Add another item' : 'Add an item they take instead'}
          </Button>
        ) : productId ? (
          <VariantChoice productId={productId} onPick={add} onBack={() => setProductId(null)} />
        ) : (
          <Stack gap={6}>
            <TextInput
              label="Find the item"
              description="Words from its name"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-autofocus
              autoFocus
              rightSection={results.isFetching && debounced ? <Loader size="xs" aria-hidden="true" /> : null}
            />
            {results.isError ? (
              <ErrorState error={results.error} onRetry={() => results.refetch()} title="The catalog could not be searched" />
            ) : debounced && !results.isFetching && found.length === 0 ? (
              <Empty title="Nothing found" description={`No product matches “${debounced}”.`} />
            ) : (
              <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Matching products">
                {found.map((p) => (
                  <li key={p.id}>
                    <UnstyledButton style={pick} onClick={() => setProductId(p.id)}>
                      <Text component="span" fw={600}>
                        {p.title}
                      </Text>
                      <Text component="span" c="dimmed">
                        {' '}
                        · {priceRange(p.priceFrom, p.priceTo, me)}
                        {p.available !== null ? ` · ${p.available} here` : ''}
                      </Text>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            )}
            <Button
              variant="subtle"
              w="fit-content"
              onClick={() => {
                setSearching(false);
                setQ('');
              }}
            >
              Close the search
            </Button>
          </Stack>
        )}
      </Stack>
    </Fieldset>
  );
}

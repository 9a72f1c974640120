import { Badge, Box, Button, Card, Group, Loader, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorState, LoadingState } from '../../ui/states.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { useVocabulary, type Vocabulary, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import { useCatalogAddress } from './address.ts';
import { ColourList } from './Colours.tsx';
import { NO_ATTRIBUTE_FILTERS, NO_FILTERS, type ProductSummary, useProducts } from './catalog.api.ts';
import classes from './catalog.module.css';
import { FilterPanel, FilterToggle, InStockSwitch, useActiveFilters } from './Filters.tsx';
import { priceRange, STATUS_LABEL } from './words.ts';

/**
 * `/catalog`: find a product by words and by what it is like (colour, room, style, occasion, how
 * long it lasts, pet safety), with what the person's store has of it. Every filter lives in the
 * address, so Back from a product returns to the same list and a link can be shared.
 */
export function CatalogPage() {
  const me = useSignedIn();
  const { filters, change } = useCatalogAddress();
  const [q, setQ] = useState(filters.q);
  const [debounced] = useDebouncedValue(q, 250);
  const [panelOpen, setPanelOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const terms = useVocabulary();
  const vocab = vocabularyOf(terms.data ?? []);
  const storeId = me.currentStoreId;
  const store = me.stores.find((s) => s.id === storeId);
  const products = useProducts(filters, storeId);

  // The words the page itself last put in the address. Any other words there came from Back,
  // Forward or a link, and the box then shows them (which also drops a pending debounce).
  const written = useRef(filters.q.trim());
  const writeQ = useCallback(
    (words: string, replace: boolean) => {
      written.current = words.trim();
      change({ q: words }, replace);
    },
    [change],
  );
  const urlQ = filters.q.trim();
  useEffect(() => {
    if (urlQ !== written.current) {
      written.current = urlQ;
      setQ(urlQ);
    }
  }, [urlQ]);
  // The words reach the address once typing pauses.
  useEffect(() => writeQ(debounced, true), [debounced, writeQ]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    writeQ(q, true);
    // Hides a tablet's on-screen keyboard so the results can be seen.
    input.current?.blur();
  };
  const clearAll = () => {
    setQ('');
    written.current = '';
    change(NO_FILTERS);
  };

  const active = useActiveFilters(filters, vocab, change);
  const items = products.data?.pages.flatMap((p) => p.items) ?? [];
  const more = products.hasNextPage;
  const anything = active.length > 0 || filters.inStock || filters.q.trim() !== '';
  const status = products.isPending
    ? 'Loading products…'
    : `${items.length}${more ? ' products shown, more to load' : items.length === 1 ? ' product' : ' products'}`;

  return (
    <Page
      title="Catalog"
      actions={
        <Group gap="sm">
          {can(me, 'catalog.edit') && (
            <>
              <LinkButton to="/catalog/attributes" variant="default">
                Attributes
              </LinkButton>
              <LinkButton to="/catalog/pairings" variant="default">
                Goes well with
              </LinkButton>
            </>
          )}
          {can(me, 'stock.move') && (
            <LinkButton to="/catalog/import" variant="default">
              Import
            </LinkButton>
          )}
        </Group>
      }
    >
      <Stack gap="sm">
        <Box component="form" role="search" onSubmit={submit} aria-label="Catalog">
          <TextInput
            ref={input}
            size="lg"
            label="Search the catalog"
            description="Words from a product’s name or description"
            placeholder="e.g. ranunculus, bud vase"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && q) setQ('');
            }}
            type="search"
            autoComplete="off"
            enterKeyHint="search"
            rightSection={products.isFetching && !products.isFetchingNextPage ? <Loader size="sm" aria-hidden="true" /> : null}
          />
        </Box>
        <Group gap="sm" wrap="wrap" justify="space-between">
          <FilterToggle open={panelOpen} count={active.length} onToggle={() => setPanelOpen((o) => !o)} />
          {storeId && <InStockSwitch storeName={store?.name} checked={filters.inStock} onChange={(inStock) => change({ inStock })} />}
        </Group>
        <FilterPanel open={panelOpen} filters={filters} vocab={vocab} onChange={change} />
        {active.length > 0 && (
          <Group gap="xs" wrap="wrap" aria-label="Filters in use" role="group">
            {active.map((f) => (
              <Button key={f.label} variant="light" size="sm" onClick={f.clear} aria-label={`Remove filter: ${f.label}`} rightSection="✕">
                {f.label}
              </Button>
            ))}
            {active.length > 1 && (
              <Button variant="subtle" size="sm" onClick={() => change(NO_ATTRIBUTE_FILTERS)}>
                Remove all filters
              </Button>
            )}
          </Group>
        )}
      </Stack>

      <VisuallyHidden role="status" aria-live="polite">
        {status}
      </VisuallyHidden>

      {products.isError && !products.data ? (
        <ErrorState error={products.error} onRetry={() => products.refetch()} title="The catalog could not be loaded" />
      ) : products.isPending ? (
        <LoadingState label="Loading products…" />
      ) : items.length === 0 ? (
        anything ? (
          <Empty
            title={filters.q.trim() ? `No products match “${filters.q.trim()}”` : 'No products match these filters'}
            description={`Try other words or fewer filters${filters.inStock ? `, or include what ${store?.name ?? 'this store'} has run out of` : ''}.`}
            action={
              <Button variant="light" onClick={clearAll}>
                Clear search and filters
              </Button>
            }
          />
        ) : (
          <Empty title="The catalog is empty" description="Products added by an import or through the API will show here." />
        )
      ) : (
        <Stack gap="sm">
          <Stack
            component="ul"
            gap="sm"
            aria-label="Products"
            aria-busy={products.isPlaceholderData}
            m={0}
            p={0}
            style={{ listStyle: 'none', opacity: products.isPlaceholderData ? 0.7 : 1 }}
          >
            {items.map((p) => (
              <ProductCard key={p.id} product={p} me={me} vocab={vocab} storeName={store?.name} />
            ))}
          </Stack>
          {products.isError && (
            <ErrorState error={products.error} onRetry={() => products.fetchNextPage()} title="More products could not be loaded" />
          )}
          {more && (
            <Button
              variant="default"
              onClick={() => products.fetchNextPage()}
              loading={products.isFetchingNextPage}
              w={{ base: '100%', xs: 'auto' }}
              style={{ alignSelf: 'center' }}
            >
              Load more products
            </Button>
          )}
        </Stack>
      )}
    </Page>
  );
}

function ProductCard({
  product: p,
  me,
  vocab,
  storeName,
}: {
  product: ProductSummary;
  me: Me;
  vocab: Vocabulary;
  storeName: string | undefined;
}) {
  const location = useLocation();
  const here = storeName ? `at ${storeName}` : 'here';
  return (
    <Card component="li" withBorder padding="md" className={classes.card}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} miw={0} style={{ flex: '1 1 14rem' }}>
          <Link to={`/catalog/${p.id}`} state={{ from: location.search }} className={classes.open}>
            <Text component="span" fw={650} size="lg" lh={1.3}>
              {p.title}
            </Text>
          </Link>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed">
              {[p.category, p.variants > 1 ? `${p.variants} variants` : null].filter(Boolean).join(' · ') || 'No category'}
            </Text>
            {p.status !== 'active' && (
              <Badge variant="outline" color="gray.7" size="md">
                {STATUS_LABEL[p.status]}
              </Badge>
            )}
          </Group>
          <ColourList keys={p.colours} vocab={vocab} max={6} label={`Colours of ${p.title}`} />
        </Stack>
        <div className={classes.facts}>
          <Text fw={650} size="lg">
            {priceRange(p.priceFrom, p.priceTo, me)}
          </Text>
          {p.available !== null && (
            <Text size="sm" c={p.available > 0 ? undefined : 'dimmed'} fw={p.available > 0 ? 600 : undefined}>
              {p.available > 0 ? `${p.available} available ${here}` : `None available ${here}`}
            </Text>
          )}
        </div>
      </Group>
    </Card>
  );
}

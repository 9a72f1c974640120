import { Anchor, Badge, DataList, Divider, Group, Image, Stack, Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { VocabularyKind } from '../../../shared/customers.ts';
import { ApiError } from '../../api.ts';
import { Page } from '../../ui/Page.tsx';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { TAP } from '../../ui/text.tsx';
import type { Me } from '../auth/auth.api.ts';
import { can, useSignedIn } from '../auth/me-context.ts';
import { LinkButton } from '../customers/LinkButton.tsx';
import { Part, Section } from '../customers/Section.tsx';
import { sentence } from '../guidance/guidance-words.ts';
import { useVocabulary, type Vocabulary, vocabularyOf } from '../vocabulary/vocabulary.api.ts';
import { ColourList } from './Colours.tsx';
import { type GoesWellWith, type Product, useAttributeKeys, useGoesWellWith, useProduct } from './catalog.api.ts';
import { VariantStock } from './VariantStock.tsx';
import { CARE_WORDS, dimensionWords, keyWords, LIFESPAN_WORDS, petSafety, priceRange, SCENT_WORDS, seasonWords } from './words.ts';

/** Back to the list the person came from, filters and all, or to the whole catalog. */
function useBackToList(): string {
  const state = useLocation().state as { from?: unknown } | null;
  return typeof state?.from === 'string' && state.from.startsWith('?') ? `/catalog${state.from}` : '/catalog';
}

/**
 * `/catalog/:id`: what a product is like in words, and for each variant its price and where it
 * can be had today, store by store, with what is on its way.
 */
export function ProductPage() {
  const { id = '' } = useParams();
  const product = useProduct(id);
  const back = useBackToList();
  if (product.isPending) {
    return (
      <Page title="Product">
        <LoadingState label="Loading the product…" />
      </Page>
    );
  }
  if (product.isError) {
    return (
      <Page title="Product">
        <ErrorState
          error={product.error}
          // Trying again will not bring back a product that is not there.
          onRetry={product.error instanceof ApiError && product.error.status === 404 ? undefined : () => product.refetch()}
          title="This product could not be opened"
        />
        <LinkButton to={back} variant="light" w="fit-content">
          Back to the catalog
        </LinkButton>
      </Page>
    );
  }
  return <ProductView product={product.data} back={back} />;
}

function ProductView({ product: p, back }: { product: Product; back: string }) {
  const me = useSignedIn();
  const terms = useVocabulary();
  const vocab = vocabularyOf(terms.data ?? []);
  const live = p.variants.filter((v) => !v.retired);
  const prices = (live.length ? live : p.variants).map((v) => v.price);
  const image = p.images[0];
  return (
    <Page
      title={p.title}
      actions={
        <LinkButton to={back} variant="default">
          Back to the catalog
        </LinkButton>
      }
    >
      <Stack gap="xs" mt={-8}>
        <Group gap="sm" wrap="wrap" align="center">
          {p.status === 'seasonal' && (
            <Badge variant="outline" color="moss.8">
              Seasonal
            </Badge>
          )}
          {p.status === 'retired' && (
            <Badge variant="outline" color="red.9">
              Retired: no longer sold
            </Badge>
          )}
          {p.kind === 'bundle' && (
            <Badge variant="outline" color="gray.7">
              Made up from other products
            </Badge>
          )}
          {p.category && (
            <Anchor component={Link} to={`/catalog?categoryId=${encodeURIComponent(p.category.id)}`} style={TAP}>
              {p.category.path.join(' › ')}
            </Anchor>
          )}
        </Group>
        {prices.length > 0 && (
          <Text size="xl" fw={650}>
            {priceRange(Math.min(...prices), Math.max(...prices), me)}
          </Text>
        )}
        {p.description && (
          <Text maw="65ch" style={{ whiteSpace: 'pre-line' }}>
            {p.description}
          </Text>
        )}
        {image && <Image src={image.url} alt={image.alt} maw={360} mah={280} fit="contain" radius="md" />}
      </Stack>

      <Section id="variants-heading" title={p.variants.length > 1 ? 'Variants and stock' : 'Price and stock'}>
        <Stack gap="lg">
          {p.variants.map((v, i) => (
            <Fragment key={v.id}>
              {i > 0 && <Divider />}
              <VariantStock product={p} variant={v} vocab={vocab} />
            </Fragment>
          ))}
        </Stack>
      </Section>

      <Attributes product={p} me={me} vocab={vocab} />

      {can(me, 'selling.assist') ? (
        <GoesWellWithSection product={p} me={me} />
      ) : (
        p.pairsWith.length > 0 && (
          <Section id="pairs-heading" title="Pairs well with">
            <ProductLinks products={p.pairsWith} />
          </Section>
        )
      )}
    </Page>
  );
}

function ProductLinks({ products }: { products: { id: string; title: string }[] }) {
  return (
    <Group component="ul" gap="sm" wrap="wrap" m={0} p={0} style={{ listStyle: 'none' }}>
      {products.map((o) => (
        <li key={o.id}>
          <LinkButton to={`/catalog/${o.id}`} variant="default">
            {o.title}
          </LinkButton>
        </li>
      ))}
    </Group>
  );
}

/** Where learned pairings come from, in words: "Learned from 1,204 baskets in France". */
function learnedFrom(rules: NonNullable<GoesWellWith['rules']>, me: Me): string {
  const region = rules.country ? new Intl.DisplayNames([me.retailer.locale], { type: 'region' }).of(rules.country) : null;
  const store = rules.storeId ? (me.stores.find((s) => s.id === rules.storeId)?.name ?? 'one store') : null;
  const baskets = new Intl.NumberFormat(me.retailer.locale).format(rules.baskets);
  return `Learned from ${baskets} basket${rules.baskets === 1 ? '' : 's'}${region ? ` in ${region}` : ''}${store ? ` at ${store}` : ''}.`;
}

/**
 * What goes well with the product: what customers buy with it (learned from baskets, best first,
 * each with how often) and what the shop pairs it with in the catalog.
 */
function GoesWellWithSection({ product: p, me }: { product: Product; me: Me }) {
  const pairings = useGoesWellWith(p.id, true);
  const body = () => {
    if (pairings.isPending) return <LoadingState label="Finding what goes with it…" />;
    if (pairings.isError)
      return <ErrorState error={pairings.error} onRetry={() => pairings.refetch()} title="What goes with it could not be loaded" />;
    const { items, rules } = pairings.data;
    const learned = items.filter((i) => i.source !== 'catalog');
    const paired = items.filter((i) => i.source === 'catalog').flatMap((i) => i.products);
    return (
      <>
        {items.length === 0 && (
          <Stack gap={4}>
            <Text fw={650}>Nothing is paired with {p.title} yet</Text>
            <Text c="dimmed">
              Pairings appear here when the shop pairs products in the catalog, or once they are learned from what customers buy together.
            </Text>
          </Stack>
        )}
        {learned.length > 0 && (
          <Part title="Often bought together">
            <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
              {learned.map((i) => (
                <Stack
                  component="li"
                  key={i.products.map((x) => x.id).join('+')}
                  gap={0}
                  pb={6}
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Group gap={6} wrap="wrap">
                    {i.products.map((x, n) => (
                      <Fragment key={x.id}>
                        {n > 0 && <Text span>and</Text>}
                        <Anchor component={Link} to={`/catalog/${x.id}`} fw={600} style={TAP}>
                          {x.title}
                        </Anchor>
                      </Fragment>
                    ))}
                  </Group>
                  <Text c="dimmed" size="sm">
                    {sentence(i.reason)}
                  </Text>
                </Stack>
              ))}
            </Stack>
          </Part>
        )}
        {paired.length > 0 && (
          <Part title="Pairs well with">
            <Text c="dimmed" size="sm">
              Paired in the catalog by the shop.
            </Text>
            <ProductLinks products={paired} />
          </Part>
        )}
        <Text size="sm" c="dimmed">
          {rules ? learnedFrom(rules, me) : 'Nothing has been learned yet from what customers buy together.'}
        </Text>
      </>
    );
  };
  return (
    <Section id="goes-well-heading" title="Goes well with">
      {body()}
    </Section>
  );
}

function Attributes({ product: p, me, vocab }: { product: Product; me: Me; vocab: Vocabulary }) {
  const a = p.attributes;
  const attributes = useAttributeKeys();
  const words = (kind: VocabularyKind, keys: string[] | undefined) =>
    keys?.length ? keys.map((k) => vocab.label(kind, k)).join(', ') : null;
  const rows: [string, ReactNode][] = [];
  const add = (label: string, value: ReactNode) => {
    if (value !== null && value !== undefined && value !== '') rows.push([label, value]);
  };
  add('Colours', a.colours?.length ? <ColourList keys={a.colours} vocab={vocab} label={`Colours of ${p.title}`} size="md" /> : null);
  add('Styles', words('style', a.styles));
  add('Rooms', words('room', a.rooms));
  add('Materials', words('material', a.materials));
  add('Occasions', words('occasion', a.occasions));
  add('Sizes', words('size', a.sizes));
  add('Season', a.season === undefined ? null : seasonWords(a.season, me.retailer.locale));
  add('Lasts', a.lifespan ? LIFESPAN_WORDS[a.lifespan] : null);
  add('Scent', a.scent ? SCENT_WORDS[a.scent] : null);
  add('Care', a.care ? CARE_WORDS[a.care] : null);
  // Unknown pet safety matters for plants and flowers (lilies); for a cushion it is only noise.
  add('Pets', a.petSafe === true || a.petSafe === false || a.lifespan !== 'durable' ? petSafety(a.petSafe) : null);
  add('Dimensions', dimensionWords(a.dimensions));
  // The shop's own attributes, under the names it gave them.
  for (const [key, value] of Object.entries(a.custom ?? {})) {
    const declared = attributes.data?.find((d) => d.key === key);
    add(
      declared?.label ?? keyWords(key),
      typeof value === 'boolean'
        ? value
          ? 'Yes'
          : 'No'
        : Array.isArray(value)
          ? declared?.vocabularyKind
            ? words(declared.vocabularyKind, value)
            : value.join(', ')
          : String(value),
    );
  }
  return (
    <Section id="attributes-heading" title="What it is like">
      <DataList size="md" withDivider labelWidth="6.5rem">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Section>
  );
}

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AttributeKey,
  LIFESPANS,
  type Lifespan,
  type ProductStatus,
  type SellingAttributes,
  type StoreStock,
} from '../../../shared/catalog.ts';
import type { PairingFacts } from '../../../shared/domain/association-rules.ts';
import { api } from '../../api.ts';

/** `GET /api/products`: one product in the list, with its price range and the colours it comes in. */
export interface ProductSummary {
  id: string;
  handle: string;
  title: string;
  status: ProductStatus;
  category: string | null;
  priceFrom: number;
  priceTo: number;
  variants: number;
  image: { url: string; alt: string } | null;
  colours: string[];
  /** Units available in the store asked about, over all variants; null when no store was given. */
  available: number | null;
}

export interface Variant {
  id: string;
  productId: string;
  title: string;
  options: Record<string, string>;
  sku: string | null;
  barcode: string | null;
  price: number;
  /** Present only for roles that may see margins. */
  unitCost?: number | null;
  attributes: SellingAttributes;
  retired: boolean;
  components: { variantId: string; title: string; quantity: number }[];
}

/** `GET /api/products/:id`: the whole product with its variants. */
export interface Product {
  id: string;
  handle: string;
  title: string;
  description: string;
  category: { id: string; name: string; path: string[] } | null;
  status: ProductStatus;
  kind: 'item' | 'bundle';
  attributes: SellingAttributes;
  images: { url: string; alt: string }[];
  lowStockThreshold: number | null;
  pairsWith: { id: string; title: string }[];
  variants: Variant[];
  version: number;
  updatedAt: string;
}

/** `GET /api/variants/:id/availability`: one variant in every store, the asking store first, then the nearest. */
export interface Availability {
  variantId: string;
  title: string;
  productId: string;
  productTitle: string;
  quantity: number;
  lowThreshold: number;
  stores: StoreStock[];
  canSupply: string[];
  components: { variantId: string; title: string; quantity: number }[];
}

export interface Category {
  id: string;
  name: string;
  parentId: string | null;
  path: string[];
  lowStockThreshold: number | null;
}

/** Reasons a person may give when changing stock by hand; associates may only count. */
export const ADJUST_REASONS = ['count', 'delivery', 'damage', 'correction'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];

/** What the catalog list is filtered by; every field is also a query-string parameter of the page. */
export interface CatalogFilters {
  q: string;
  categoryId: string | null;
  colourFamily: string | null;
  colour: string | null;
  room: string | null;
  style: string | null;
  occasion: string | null;
  lifespan: Lifespan | null;
  petSafe: boolean;
  inStock: boolean;
}

/** The keys with a single vocabulary value, in the order they are shown. */
const KEYED = ['categoryId', 'colourFamily', 'colour', 'room', 'style', 'occasion'] as const;

/** Every filter off but the words and "in stock here", for "Remove all filters". */
export const NO_ATTRIBUTE_FILTERS = {
  categoryId: null,
  colourFamily: null,
  colour: null,
  room: null,
  style: null,
  occasion: null,
  lifespan: null,
  petSafe: false,
} satisfies Partial<CatalogFilters>;

export const NO_FILTERS: CatalogFilters = {
  q: '',
  categoryId: null,
  colourFamily: null,
  colour: null,
  room: null,
  style: null,
  occasion: null,
  lifespan: null,
  petSafe: false,
  inStock: false,
};

/** Reads the filters from the page's address; anything malformed is ignored rather than sent on. */
export function filtersFrom(params: URLSearchParams): CatalogFilters {
  const key = (name: string) => {
    const v = params.get(name);
    return v && /^[a-z0-9_][a-z0-9_-]{0,62}$/.test(v) ? v : null;
  };
  const lifespan = params.get('lifespan');
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    categoryId: key('categoryId'),
    colourFamily: key('colourFamily'),
    colour: key('colour'),
    room: key('room'),
    style: key('style'),
    occasion: key('occasion'),
    lifespan: (LIFESPANS as readonly string[]).includes(lifespan ?? '') ? (lifespan as Lifespan) : null,
    petSafe: params.get('petSafe') === 'true',
    inStock: params.get('inStock') === 'true',
  };
}

/** The filters as the page's query string: only what is set, so a shared link stays short. */
export function paramsOf(f: CatalogFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.q.trim()) out.q = f.q.trim();
  for (const k of KEYED) {
    const v = f[k];
    if (v) out[k] = v;
  }
  if (f.lifespan) out.lifespan = f.lifespan;
  if (f.petSafe) out.petSafe = 'true';
  if (f.inStock) out.inStock = 'true';
  return out;
}

export const CATALOG_KEY = ['catalog'] as const;
export const PAGE_SIZE = 30;
export const productKey = (id: string) => [...CATALOG_KEY, 'product', id] as const;
export const availabilityKey = (variantId: string) => [...CATALOG_KEY, 'availability', variantId] as const;

/**
 * The catalog, one page at a time. With a store, each product says how many units are available
 * there; `inStock` then keeps only what that store has. Earlier results stay on screen while the
 * next filters load, so the list does not flash empty at every tap.
 */
export function useProducts(filters: CatalogFilters, storeId: string | null, enabled = true) {
  const query = new URLSearchParams(paramsOf(filters));
  if (!storeId) query.delete('inStock');
  else query.set('storeId', storeId);
  query.set('limit', String(PAGE_SIZE));
  const base = query.toString();
  return useInfiniteQuery({
    queryKey: [...CATALOG_KEY, 'list', base],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: ProductSummary[]; nextCursor: string | null }>(
        `/api/products?${base}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

export function useProduct(id: string) {
  return useQuery({
    queryKey: productKey(id),
    queryFn: ({ signal }) => api<Product>(`/api/products/${encodeURIComponent(id)}`, { signal }),
  });
}

/** `GET /api/products/:id/goes-well-with`: pairings learned from baskets, best first, then the catalog's own, each with its reason. */
export interface GoesWellWith {
  productId: string;
  /** The run learned pairings come from; null when none has been computed yet. */
  rules: { runId: string; country: string | null; storeId: string | null; baskets: number; finishedAt: string | null } | null;
  items: (PairingFacts & {
    /** What goes with it: a learned rule may name more than one product. */
    products: { id: string; title: string; variants: { id: string; title: string; sku: string | null }[] }[];
  })[];
}

/** What goes well with a product, for those whose role may use guided selling. */
export function useGoesWellWith(productId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...productKey(productId), 'goes-well-with'],
    queryFn: ({ signal }) => api<GoesWellWith>(`/api/products/${encodeURIComponent(productId)}/goes-well-with`, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'categories'],
    queryFn: async ({ signal }) => (await api<{ items: Category[] }>('/api/categories', { signal })).items,
    staleTime: 5 * 60_000,
  });
}

/** Stock of one variant in every store; `enabled` waits until the variant is on screen. */
export function useAvailability(variantId: string, nearStoreId: string | null, enabled = true) {
  return useQuery({
    queryKey: [...availabilityKey(variantId), nearStoreId],
    queryFn: ({ signal }) =>
      api<Availability>(
        `/api/variants/${encodeURIComponent(variantId)}/availability${nearStoreId ? `?nearStoreId=${encodeURIComponent(nearStoreId)}` : ''}`,
        { signal },
      ),
    enabled,
    staleTime: 15_000,
  });
}

/** Counts, damage, an unannounced delivery or a correction in one store. */
export const recordMovement = (body: { storeId: string; variantId: string; reason: AdjustReason; quantity: number; note: string | null }) =>
  api<{ onHand: number; movement: number }>('/api/stock/movements', { method: 'POST', body });

/** A delivery on its way to a store (managers). */
export const expectDelivery = (body: { storeId: string; variantId: string; quantity: number; expectedAt: string }) =>
  api<{ id: string; quantity: number; expectedAt: string }>('/api/stock/deliveries', { method: 'POST', body });

/** Receives an expected delivery in full: its units go on hand. */
export const receiveDelivery = (id: string) =>
  api<{ id: string; quantity: number; status: string }>(`/api/stock/deliveries/${encodeURIComponent(id)}/receive`, {
    method: 'POST',
    body: {},
  });

export const ATTRIBUTES_KEY = [...CATALOG_KEY, 'attributes'] as const;

/** `GET /api/product-attributes`: the shop's own product attributes, by label. */
export function useAttributeKeys() {
  return useQuery({
    queryKey: ATTRIBUTES_KEY,
    queryFn: async ({ signal }) => (await api<{ items: AttributeKey[] }>('/api/product-attributes', { signal })).items,
    staleTime: 5 * 60_000,
  });
}

/** Declares a product attribute (owners). */
export const createAttributeKey = (body: AttributeKey) => api<AttributeKey>('/api/product-attributes', { method: 'POST', body });

/** Renames an attribute, changes its help, or (while no product uses it) its kind of value. */
export const updateAttributeKey = (key: string, body: Omit<AttributeKey, 'key'>) =>
  api<AttributeKey>(`/api/product-attributes/${encodeURIComponent(key)}`, { method: 'PATCH', body });

/** A run that learns "goes well with" pairings from sales (`GET /api/rules/runs`). */
export interface RulesRun {
  id: string;
  country: string | null;
  store: { id: string; name: string } | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** Its pairings are the ones in use for its selection. */
  current: boolean;
  salesTotal: number;
  baskets: number;
  rules: number;
  progress: { phase: string; done: number; of: number } | null;
  error: string | null;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  best: {
    antecedent: { id: string; title: string }[];
    consequent: { id: string; title: string }[];
    confidence: number;
    lift: number;
    baskets: number;
  }[];
}

const RULES_RUNS_KEY = [...CATALOG_KEY, 'rules-runs'] as const;
const unfinished = (runs: RulesRun[] | undefined) => runs?.some((r) => r.status === 'queued' || r.status === 'running') ?? false;

/** The latest runs, asked again every second while one waits or runs. */
export function useRulesRuns() {
  return useQuery({
    queryKey: RULES_RUNS_KEY,
    queryFn: async ({ signal }) => (await api<{ items: RulesRun[] }>('/api/rules/runs', { signal })).items,
    refetchInterval: (query) => (unfinished(query.state.data) ? 1000 : false),
  });
}

/** Asks the server to learn pairings from the sales of one store, or all (a run already waiting for it is given back). */
export function useLearnPairings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (storeId: string | null) =>
      api<{ runId: string; queued: boolean }>('/api/rules/runs', { method: 'POST', body: { storeId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_RUNS_KEY }),
  });
}

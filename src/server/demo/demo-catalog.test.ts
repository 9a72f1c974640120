import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_VOCABULARY, type SellingAttributes, type VocabularyAttribute } from '../../shared/catalog.ts';
import { demoVocabulary } from '../../shared/domain/demo-vocabulary.ts';
import { BLOOM_CATALOG, type DemoProduct, type DemoVariant, HEARTH_CATALOG } from './demo-catalog.ts';

const RETAILERS = [
  { name: 'Bloom & Stem', catalog: BLOOM_CATALOG, kind: 'florist', stores: ['Riverside', 'Old Town'], minimum: 60 },
  { name: 'Hearth & Hue', catalog: HEARTH_CATALOG, kind: 'home-decor', stores: ['Main Street'], minimum: 80 },
] as const;

const variantsOf = (catalog: DemoProduct[]) => catalog.flatMap((p) => p.variants.map((v) => ({ product: p, variant: v })));

/** Every vocabulary reference in a set of attributes, as [kind, key]. */
function vocabularyRefs(a: SellingAttributes | undefined): [kind: string, key: string][] {
  if (!a) return [];
  return (Object.keys(ATTRIBUTE_VOCABULARY) as VocabularyAttribute[]).flatMap((attribute) =>
    (a[attribute] ?? []).map((key): [string, string] => [ATTRIBUTE_VOCABULARY[attribute], key]),
  );
}

/** GS1 check digit: weights 1 and 3 alternate from the left over the first twelve digits. */
function validEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits.slice(0, 12).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

describe.each(RETAILERS)('$name catalogue', ({ catalog, kind, stores, minimum }) => {
  const variants = variantsOf(catalog);
  const bySku = new Map(variants.map(({ variant }) => [variant.sku, variant]));

  it(`has at least ${minimum} products`, () => {
    expect(catalog.length).toBeGreaterThanOrEqual(minimum);
  });

  it('uses only keys of its demo vocabulary', () => {
    const known = new Set(demoVocabulary(kind).map((t) => `${t.kind}:${t.key}`));
    const unknown = catalog.flatMap((p) =>
      [...vocabularyRefs(p.attributes), ...p.variants.flatMap((v) => vocabularyRefs(v.attributes))]
        .filter(([k, key]) => !known.has(`${k}:${key}`))
        .map(([k, key]) => `${p.handle}: ${k} ${key}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has unique handles and SKUs', () => {
    const handles = catalog.map((p) => p.handle);
    expect(new Set(handles).size).toBe(handles.length);
    expect(bySku.size).toBe(variants.length);
    for (const h of handles) expect(h).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('pairs only with other products of the same catalogue', () => {
    const handles = new Set(catalog.map((p) => p.handle));
    const broken = catalog.flatMap((p) =>
      (p.pairsWith ?? []).filter((h) => !handles.has(h) || h === p.handle).map((h) => `${p.handle} → ${h}`),
    );
    expect(broken).toEqual([]);
    expect(catalog.filter((p) => p.pairsWith?.length).length).toBeGreaterThanOrEqual(catalog.length / 3);
  });

  it('builds arrangements and bundles from existing variants, without cycles', () => {
    const broken = variants.flatMap(({ variant }) =>
      (variant.components ?? []).filter((c) => !bySku.has(c.sku) || c.quantity < 1).map((c) => `${variant.sku} → ${c.sku}`),
    );
    expect(broken).toEqual([]);

    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (v: DemoVariant, path: string[]) => {
      if (state.get(v.sku) === 'done') return;
      if (state.get(v.sku) === 'visiting') {
        cycles.push([...path, v.sku].join(' → '));
        return;
      }
      state.set(v.sku, 'visiting');
      for (const c of v.components ?? []) visit(bySku.get(c.sku)!, [...path, v.sku]);
      state.set(v.sku, 'done');
    };
    for (const { variant } of variants) visit(variant, []);
    expect(cycles).toEqual([]);
  });

  it('keeps stock only for its own stores, and none for bundles', () => {
    for (const { variant } of variants) {
      for (const [store, onHand] of Object.entries(variant.stock)) {
        expect(stores).toContain(store);
        expect(Number.isInteger(onHand) && onHand >= 0).toBe(true);
      }
      if (variant.components?.length) expect(variant.stock).toEqual({});
      for (const delivery of variant.incoming ?? []) {
        expect(stores).toContain(delivery.store);
        expect(delivery.quantity).toBeGreaterThan(0);
        expect(delivery.inDays).toBeGreaterThan(0);
      }
    }
    const onHand = variants.filter(({ variant }) => !variant.components).flatMap(({ variant }) => Object.values(variant.stock));
    expect(onHand.filter((n) => n === 0).length).toBeGreaterThan(5);
    expect(variants.some(({ variant }) => variant.incoming?.length)).toBe(true);
  });

  it('prices above cost, with costs 35–60% of the price', () => {
    const off = variants
      .filter(({ variant: v }) => !(v.price > v.unitCost && v.unitCost > 0) || v.unitCost / v.price < 0.35 || v.unitCost / v.price > 0.6)
      .map(({ variant: v }) => `${v.sku} ${v.unitCost}/${v.price}`);
    expect(off).toEqual([]);
    for (const { variant } of variants) {
      expect(Math.round(variant.price * 100)).toBeCloseTo(variant.price * 100, 6);
      expect(Math.round(variant.unitCost * 100)).toBeCloseTo(variant.unitCost * 100, 6);
    }
  });

  it('gives valid EAN-13 barcodes, never shared', () => {
    const barcodes = variants.flatMap(({ variant }) => (variant.barcode ? [variant.barcode] : []));
    expect(barcodes.length).toBeGreaterThan(10);
    expect(barcodes.filter((b) => !validEan13(b))).toEqual([]);
    expect(new Set(barcodes).size).toBe(barcodes.length);
  });

  it('writes seasons as month-days, and gives seasonal products one', () => {
    for (const p of catalog) {
      const season = p.attributes.season;
      if (season) {
        expect(season.from).toMatch(MONTH_DAY);
        expect(season.to).toMatch(MONTH_DAY);
      }
      if (p.status === 'seasonal') expect(season, p.handle).toBeTruthy();
    }
  });

  it('describes every product and files it in a category', () => {
    for (const p of catalog) {
      expect(p.title.length).toBeGreaterThan(2);
      expect(p.description.length).toBeGreaterThan(20);
      expect(p.category).toMatch(/^[A-Z][^/]*(\/[A-Z][^/]*)*$/);
      expect(p.variants.length).toBeGreaterThan(0);
      for (const v of p.variants) expect(Object.keys(v.options).length).toBeGreaterThan(0);
    }
  });
});

describe('Bloom & Stem', () => {
  const product = (handle: string) => BLOOM_CATALOG.find((p) => p.handle === handle);

  it('has white ranunculus low at Riverside and out at Old Town, with a delivery on its way', () => {
    const white = product('ranunculus')?.variants.find((v) => v.title === 'White');
    expect(product('ranunculus')?.title).toBe('Ranunculus');
    expect(white?.stock).toEqual({ Riverside: 9, 'Old Town': 0 });
    expect(white?.attributes?.colours).toEqual(['white']);
    expect(white?.incoming?.some((d) => d.store === 'Old Town' && d.quantity > 0)).toBe(true);
  });

  it('has white anemones, the substitute, well in stock in both shops', () => {
    const anemone = product('anemone');
    const white = anemone?.variants.find((v) => v.title === 'White');
    expect(anemone?.title).toBe('Anemone');
    expect(white?.attributes?.colours).toEqual(['white']);
    expect(white?.stock.Riverside).toBeGreaterThanOrEqual(20);
    expect(white?.stock['Old Town']).toBeGreaterThanOrEqual(20);
  });

  it('describes fresh stems fully: care, scent, pet safety and a fresh lifespan', () => {
    const stems = BLOOM_CATALOG.filter(
      (p) => p.category.startsWith('Fresh flowers/Stems') || p.category.startsWith('Fresh flowers/Greenery'),
    );
    expect(stems.length).toBeGreaterThanOrEqual(25);
    for (const p of stems) {
      expect(p.attributes.lifespan, p.handle).toBe('fresh');
      expect(typeof p.attributes.petSafe, p.handle).toBe('boolean');
      expect(p.attributes.care, p.handle).toBeTruthy();
      expect(p.attributes.scent, p.handle).toBeTruthy();
      expect(p.attributes.colours?.length, p.handle).toBeGreaterThan(0);
    }
    expect(stems.filter((p) => p.status === 'seasonal').length).toBeGreaterThanOrEqual(10);
  });

  it('warns that lilies are not safe with pets', () => {
    const lilies = BLOOM_CATALOG.filter((p) => /lily/i.test(p.title) && p.handle !== 'peace-lily');
    expect(lilies.length).toBeGreaterThanOrEqual(2);
    for (const p of lilies) expect(p.attributes.petSafe, p.handle).toBe(false);
  });

  it('makes at least six arrangements from stems and greenery', () => {
    const made = BLOOM_CATALOG.filter((p) => p.variants.some((v) => v.components?.length));
    expect(made.length).toBeGreaterThanOrEqual(6);
    const greenery = new Set(
      BLOOM_CATALOG.filter((p) => p.category === 'Fresh flowers/Greenery').flatMap((p) => p.variants.map((v) => v.sku)),
    );
    expect(made.filter((p) => p.variants.some((v) => v.components?.some((c) => greenery.has(c.sku)))).length).toBeGreaterThanOrEqual(6);
  });

  it('sells silk, dried, potted and durable things as well as fresh ones', () => {
    const lifespans = new Set(BLOOM_CATALOG.map((p) => p.attributes.lifespan));
    for (const l of ['fresh', 'silk', 'dried', 'potted', 'durable']) expect(lifespans).toContain(l);
  });

  it('has several things for a New Year’s Eve party in white, silver and gold', () => {
    const party = BLOOM_CATALOG.filter(
      (p) =>
        p.attributes.occasions?.includes('new-year') &&
        p.attributes.colours?.some((c) => ['white', 'silver', 'gold', 'champagne', 'ivory'].includes(c)),
    );
    expect(party.length).toBeGreaterThanOrEqual(5);
  });
});

describe('Hearth & Hue', () => {
  it('sells the velvet cushion set in teal / mustard and grey / blush', () => {
    const set = HEARTH_CATALOG.find((p) => p.handle === 'velvet-cushion-set');
    expect(set?.title).toBe('Velvet cushion set');
    const teal = set?.variants.find((v) => v.title === 'Teal / mustard');
    const grey = set?.variants.find((v) => v.title === 'Grey / blush');
    expect(teal?.attributes?.colours).toEqual(['teal', 'mustard']);
    expect(grey?.attributes?.colours).toContain('blush');
    expect(grey?.attributes?.colours?.some((c) => ['charcoal', 'silver', 'dove-grey', 'stone'].includes(c))).toBe(true);
  });

  it('sells cushions and throws in two colourways each', () => {
    const soft = HEARTH_CATALOG.filter((p) => /Cushions|Throws/.test(p.category) && p.status !== 'retired');
    expect(soft.length).toBeGreaterThanOrEqual(15);
    for (const p of soft) expect(p.variants.length, p.handle).toBe(2);
  });

  it('sizes its rugs with dimensions', () => {
    const rugs = HEARTH_CATALOG.filter((p) => p.category.startsWith('Rugs'));
    expect(rugs.length).toBeGreaterThanOrEqual(5);
    for (const p of rugs)
      for (const v of p.variants) {
        const a = { ...p.attributes, ...v.attributes };
        expect(a.sizes?.length, v.sku).toBeGreaterThan(0);
        expect(a.dimensions?.widthCm, v.sku).toBeGreaterThan(0);
      }
  });

  it('describes candles by scent and has bundles made of other products', () => {
    const candles = HEARTH_CATALOG.filter((p) => p.category === 'Candles & fragrance/Candles');
    expect(candles.length).toBeGreaterThanOrEqual(4);
    for (const p of candles) expect(p.attributes.scent, p.handle).toBeTruthy();
    expect(HEARTH_CATALOG.find((p) => p.handle === 'living-room-refresh')?.variants.every((v) => (v.components?.length ?? 0) >= 3)).toBe(
      true,
    );
  });

  it('pairs cushions with throws both ways', () => {
    const byHandle = new Map(HEARTH_CATALOG.map((p) => [p.handle, p]));
    const cushionThrow = HEARTH_CATALOG.filter(
      (p) => p.category.endsWith('Cushions') && p.pairsWith?.some((h) => byHandle.get(h)?.category.endsWith('Throws')),
    );
    expect(cushionThrow.length).toBeGreaterThanOrEqual(6);
    for (const p of cushionThrow) {
      const throws = p.pairsWith!.filter((h) => byHandle.get(h)?.category.endsWith('Throws'));
      expect(
        throws.some((h) => byHandle.get(h)?.pairsWith?.includes(p.handle)),
        p.handle,
      ).toBe(true);
    }
  });
});

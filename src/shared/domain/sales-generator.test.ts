import { describe, expect, it } from 'vitest';
import { type GeneratedSale, generateSales, type SalesGeneratorInput } from './sales-generator.ts';

type Entry = SalesGeneratorInput['products'][number];

const entry = (handle: string, category: string, price: number, skus: string[], extra: Partial<Entry> = {}): Entry[] =>
  skus.map((sku) => ({ handle, category, price, sku, seasonal: null, pairsWith: [], ...extra }));

/** A small florist: stems, greenery, a vase, seasonal stems, arrangements and extras. */
const FLORIST: Entry[] = [
  ...entry('rose', 'Fresh flowers/Stems', 2.8, ['ROS-RED', 'ROS-WHT', 'ROS-BLU'], { pairsWith: ['eucalyptus', 'cylinder-vase'] }),
  ...entry('ranunculus', 'Fresh flowers/Stems', 2.4, ['RAN-WHT', 'RAN-COR'], {
    seasonal: { from: '11-01', to: '05-15' },
    pairsWith: ['anemone', 'bud-vase'],
  }),
  ...entry('anemone', 'Fresh flowers/Stems', 2.2, ['ANE-WHT', 'ANE-RED'], {
    seasonal: { from: '10-15', to: '04-30' },
    pairsWith: ['ranunculus'],
  }),
  ...entry('peony', 'Fresh flowers/Stems', 6.5, ['PEO-BLU', 'PEO-COR'], { seasonal: { from: '05-01', to: '06-30' } }),
  ...entry('sweet-pea', 'Fresh flowers/Stems', 1.5, ['SWP-LIL'], { seasonal: { from: '04-15', to: '08-15' } }),
  ...entry('tulip', 'Fresh flowers/Stems', 1.2, ['TUL-WHT', 'TUL-RED'], { seasonal: { from: '12-01', to: '04-30' } }),
  ...entry('freesia', 'Fresh flowers/Stems', 1.8, ['FRE-WHT']),
  ...entry('eucalyptus', 'Fresh flowers/Greenery', 2.5, ['EUC-SLV', 'EUC-PAR'], { pairsWith: ['rose'] }),
  ...entry('ruscus', 'Fresh flowers/Greenery', 1.8, ['RUS-GRN']),
  ...entry('ivy-trail', 'Fresh flowers/Greenery', 1.5, ['IVY-GRN']),
  ...entry('cylinder-vase', 'Vases/Glass', 18, ['GCV-MED'], { pairsWith: ['rose'] }),
  ...entry('bud-vase', 'Vases/Glass', 8, ['BUD-CLR']),
  ...entry('dozen-roses', 'Fresh flowers/Bouquets', 55, ['DRR-12']),
  ...entry('christmas-wreath', 'Fresh flowers/Wreaths', 45, ['WRE-NAT'], { seasonal: { from: '11-20', to: '12-24' } }),
  ...entry('greeting-card', 'Gifts/Cards', 3.95, ['CRD-BDY', 'CRD-THX']),
  ...entry('orchid', 'Plants/Indoor', 28, ['ORC-WHT']),
  ...entry('silk-peony', 'Silk flowers/Stems', 9.5, ['SPE-BLU']),
];

/** A small home-décor shop: cushions and throws that pair, and other things that do not. */
const DECOR: Entry[] = [
  ...entry('velvet-cushion-set', 'Soft furnishings/Cushions', 65, ['VCS-TM', 'VCS-GB'], { pairsWith: ['velvet-throw'] }),
  ...entry('linen-cushion-set', 'Soft furnishings/Cushions', 55, ['LCS-OS'], { pairsWith: ['linen-throw'] }),
  ...entry('velvet-throw', 'Soft furnishings/Throws', 79, ['VTH-TEA', 'VTH-BLU'], { pairsWith: ['velvet-cushion-set'] }),
  ...entry('linen-throw', 'Soft furnishings/Throws', 69, ['LTH-SAG'], { pairsWith: ['linen-cushion-set'] }),
  ...entry('jute-rug', 'Rugs/Natural', 219, ['JUT-160']),
  ...entry('table-lamp', 'Lighting/Table lamps', 120, ['CTL-SAG']),
  ...entry('candle', 'Candles & fragrance/Candles', 18, ['FCC-S']),
  ...entry('tartan-throw', 'Soft furnishings/Throws', 85, ['TWT-RFG'], { seasonal: { from: '10-01', to: '01-31' } }),
  ...entry('mirror', 'Mirrors', 129, ['RBM-60']),
  ...entry('basket', 'Storage/Baskets', 28, ['JSB-M']),
  ...entry('glass-vase', 'Vases & vessels', 32, ['RGV-SAG']),
  ...entry('botanical-print', 'Wall art/Prints', 35, ['BOT-A3']),
  ...entry('planter', 'Plants & planters/Planters', 28, ['RCP-M']),
  ...entry('dinner-plates', 'Kitchen & dining/Tableware', 48, ['RGP-SAG']),
  ...entry('napkins', 'Kitchen & dining/Table linen', 28, ['LNP-SAG']),
];

const TODAY = new Date('2025-06-15T12:00:00Z');

const florist = (seed = 7, over: Partial<SalesGeneratorInput> = {}): SalesGeneratorInput => ({
  seed,
  days: 365,
  stores: ['Riverside', 'Old Town'],
  customers: 300,
  products: FLORIST,
  salesPerDay: 12,
  ...over,
});

const decor = (seed = 7): SalesGeneratorInput => ({
  seed,
  days: 365,
  stores: ['Main Street'],
  customers: 200,
  products: DECOR,
  salesPerDay: 10,
});

const run = (input: SalesGeneratorInput, today = TODAY) => [...generateSales(input, today)];

/** The calendar date of a sale, as a UTC month-day ("02-14"). */
function monthDay(sale: GeneratedSale, today = TODAY): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - sale.daysAgo));
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const inWindow = (md: string, w: { from: string; to: string }) =>
  w.from <= w.to ? md >= w.from && md <= w.to : md >= w.from || md <= w.to;

/** Lift of a pair of handles: how much more often they share a basket than chance would have it. */
function lift(sales: GeneratedSale[], handleOf: Map<string, string>, a: string, b: string): number {
  let withA = 0;
  let withB = 0;
  let both = 0;
  for (const s of sales) {
    const handles = new Set(s.lines.map((l) => handleOf.get(l.sku)));
    const hasA = handles.has(a);
    const hasB = handles.has(b);
    if (hasA) withA++;
    if (hasB) withB++;
    if (hasA && hasB) both++;
  }
  return (both * sales.length) / (withA * withB);
}

describe('generateSales', () => {
  const sales = run(florist());
  const handleOf = new Map(FLORIST.map((p) => [p.sku, p.handle]));

  it('gives the same sales for the same seed and day, and different ones for another seed', () => {
    expect(run(florist())).toEqual(sales);
    const other = run(florist(8));
    expect(other).not.toEqual(sales);
    // A day's sales do not depend on how many days are asked for.
    const lastMonth = run(florist(7, { days: 30 }));
    expect(lastMonth).toEqual(sales.filter((s) => s.daysAgo < 30));
  });

  it('yields a believable volume in time order, within opening hours', () => {
    const average = sales.length / 365 / 2;
    expect(average).toBeGreaterThan(10);
    expect(average).toBeLessThan(14);
    for (let i = 1; i < sales.length; i++) {
      const a = sales[i - 1]!;
      const b = sales[i]!;
      expect(b.daysAgo < a.daysAgo || (b.daysAgo === a.daysAgo && b.hour * 60 + b.minute >= a.hour * 60 + a.minute)).toBe(true);
    }
    for (const s of sales) {
      expect(s.daysAgo).toBeGreaterThanOrEqual(0);
      expect(s.daysAgo).toBeLessThan(365);
      expect(s.hour).toBeGreaterThanOrEqual(9);
      expect(s.hour).toBeLessThanOrEqual(18);
      expect(s.minute).toBeGreaterThanOrEqual(0);
      expect(s.minute).toBeLessThan(60);
      expect(['Riverside', 'Old Town']).toContain(s.store);
    }
    // Shut on Christmas Day.
    expect(sales.some((s) => monthDay(s) === '12-25')).toBe(false);
  });

  it('sells seasonal products only inside their windows', () => {
    const seasons = new Map(FLORIST.filter((p) => p.seasonal).map((p) => [p.sku, p.seasonal!]));
    const outside = sales.flatMap((s) =>
      s.lines.filter((l) => seasons.has(l.sku) && !inWindow(monthDay(s), seasons.get(l.sku)!)).map((l) => `${monthDay(s)} ${l.sku}`),
    );
    expect(outside).toEqual([]);
    // …and they do sell inside them.
    for (const sku of seasons.keys())
      expect(
        sales.some((s) => s.lines.some((l) => l.sku === sku)),
        sku,
      ).toBe(true);
  });

  it('respects windows that wrap the year end, whatever today is', () => {
    const winter = run(florist(3, { days: 120 }), new Date('2026-02-10T08:00:00Z'));
    const ranunculus = winter.filter((s) => s.lines.some((l) => l.sku.startsWith('RAN-')));
    expect(ranunculus.length).toBeGreaterThan(50);
    for (const s of ranunculus) expect(inWindow(monthDay(s, new Date('2026-02-10T08:00:00Z')), { from: '11-01', to: '05-15' })).toBe(true);
  });

  it('sells only skus from the input, in whole quantities of at least one', () => {
    const skus = new Set(FLORIST.map((p) => p.sku));
    for (const s of sales) {
      expect(s.lines.length).toBeGreaterThan(0);
      expect(new Set(s.lines.map((l) => l.sku)).size).toBe(s.lines.length);
      for (const l of s.lines) {
        expect(skus.has(l.sku)).toBe(true);
        expect(Number.isInteger(l.quantity)).toBe(true);
        expect(l.quantity).toBeGreaterThanOrEqual(1);
        expect(l.discount).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('suits quantities to the kind of product', () => {
    const stems = sales.flatMap((s) => s.lines.filter((l) => /^(ROS|RAN|ANE|PEO|SWP|TUL|FRE)-/.test(l.sku)));
    expect(stems.filter((l) => l.quantity < 5)).toEqual([]);
    expect(Math.max(...stems.map((l) => l.quantity))).toBeLessThanOrEqual(20);
    const cushions = run(decor()).flatMap((s) => s.lines.filter((l) => l.sku.includes('CS-')));
    expect(cushions.length).toBeGreaterThan(100);
    for (const l of cushions) expect(l.quantity).toBeLessThanOrEqual(2);
  });

  it('keeps discounts rare and never above the line total', () => {
    const price = new Map(FLORIST.map((p) => [p.sku, p.price]));
    const lines = sales.flatMap((s) => s.lines);
    const discounted = lines.filter((l) => l.discount > 0);
    expect(discounted.length / lines.length).toBeLessThan(0.1);
    expect(discounted.length).toBeGreaterThan(0);
    for (const l of discounted) expect(l.discount).toBeLessThan(price.get(l.sku)! * l.quantity);
  });

  it('puts paired products in the same basket far more often than chance', () => {
    // Lift: 1 is chance. Popular partners cap it (a vase in a quarter of all baskets cannot exceed 4).
    expect(lift(sales, handleOf, 'rose', 'cylinder-vase')).toBeGreaterThan(2.4);
    expect(lift(sales, handleOf, 'ranunculus', 'anemone')).toBeGreaterThan(2.4);
    // Eucalyptus goes with nearly every stem, so its lift with roses is smaller, but roses usually leave with some greenery.
    expect(lift(sales, handleOf, 'rose', 'eucalyptus')).toBeGreaterThan(1.5);
    const roses = sales.filter((s) => s.lines.some((l) => l.sku.startsWith('ROS-')));
    expect(roses.filter((s) => s.lines.some((l) => /^(EUC|RUS|IVY)-/.test(l.sku))).length / roses.length).toBeGreaterThan(0.45);
    // Stems go with greenery even without an explicit pairing; plants do not.
    const withGreenery = (prefix: string) => {
      const baskets = sales.filter((s) => s.lines.some((l) => l.sku.startsWith(prefix)));
      return baskets.filter((s) => s.lines.some((l) => /^(EUC|RUS|IVY)-/.test(l.sku))).length / baskets.length;
    };
    expect(withGreenery('FRE-')).toBeGreaterThan(0.35);
    expect(withGreenery('FRE-')).toBeGreaterThan(2 * withGreenery('ORC-'));
    // …and unrelated products meet no more than chance would have it.
    expect(lift(sales, handleOf, 'orchid', 'silk-peony')).toBeLessThan(1);

    const decorSales = run(decor());
    const decorHandles = new Map(DECOR.map((p) => [p.sku, p.handle]));
    expect(lift(decorSales, decorHandles, 'velvet-cushion-set', 'velvet-throw')).toBeGreaterThan(2.5);
    expect(lift(decorSales, decorHandles, 'linen-cushion-set', 'linen-throw')).toBeGreaterThan(2.5);
    expect(lift(decorSales, decorHandles, 'table-lamp', 'mirror')).toBeLessThan(1);
  });

  it('leaves about a third of sales anonymous, and has regulars who come back', () => {
    const anonymous = sales.filter((s) => s.customer === null).length / sales.length;
    expect(anonymous).toBeGreaterThan(0.3);
    expect(anonymous).toBeLessThan(0.4);
    const visits = new Map<number, number>();
    for (const s of sales) if (s.customer !== null) visits.set(s.customer, (visits.get(s.customer) ?? 0) + 1);
    for (const c of visits.keys()) {
      expect(Number.isInteger(c)).toBe(true);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThan(300);
    }
    const counts = [...visits.values()].sort((a, b) => b - a);
    const median = counts[Math.floor(counts.length / 2)]!;
    expect(counts[0]!).toBeGreaterThan(5 * median);
    expect((visits.get(0) ?? 0) > (visits.get(250) ?? 0)).toBe(true);
  });

  it('is busier for Valentine’s Day, Mothering Sunday and in December', () => {
    const perDay = (md: string) => sales.filter((s) => monthDay(s) === md).length;
    const ordinary = sales.filter((s) => monthDay(s).startsWith('09-')).length / 30;
    expect(perDay('02-14')).toBeGreaterThan(2.5 * ordinary);
    // Mothering Sunday 2025 was 30 March; the Saturday before is the busiest.
    expect(perDay('03-29')).toBeGreaterThan(2 * ordinary);
    const december = sales.filter((s) => monthDay(s) >= '12-01' && monthDay(s) <= '12-24').length / 24;
    expect(december).toBeGreaterThan(1.4 * ordinary);
  });

  it('produces nothing without stores, products or days', () => {
    expect(run(florist(1, { stores: [] }))).toEqual([]);
    expect(run(florist(1, { products: [] }))).toEqual([]);
    expect(run(florist(1, { days: 0 }))).toEqual([]);
    expect(run(florist(1, { customers: 0 })).every((s) => s.customer === null)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fulfilmentPlans, inSeason, MAX_PLANS, type Option, substitutes } from './substitutes.ts';

const families = { white: 'white', ivory: 'cream', cream: 'cream', blush: 'pink', coral: 'orange' };
const labels = { white: 'white', ivory: 'ivory', blush: 'blush' };

function option(id: string, over: Partial<Option> = {}): Option {
  return {
    productId: `prd_${id}`,
    variantId: `var_${id}`,
    title: id,
    kind: 'Stems',
    unitPrice: 2.4,
    attributes: { colours: ['white'], lifespan: 'fresh', season: null },
    stock: { here: 0, elsewhere: [] },
    ...over,
  };
}

// New Year's Eve at the florist: 24 white ranunculus wanted, 9 at Riverside.
const ranunculus = option('White ranunculus', {
  attributes: { colours: ['white'], lifespan: 'fresh', season: { from: '11-01', to: '05-15' } },
  stock: { here: 9, elsewhere: [{ storeName: 'Old Town', available: 0 }], incoming: null },
});
const anemone = option('White anemone', {
  unitPrice: 2,
  attributes: { colours: ['white'], lifespan: 'fresh', season: { from: '10-15', to: '04-30' } },
  stock: { here: 40, elsewhere: [{ storeName: 'Old Town', available: 30 }] },
});
const blush = option('Blush ranunculus', { attributes: { colours: ['blush'], lifespan: 'fresh' }, stock: { here: 34, elsewhere: [] } });
const silk = option('Ivory silk rose', {
  kind: 'Silk stems',
  unitPrice: 4.5,
  attributes: { colours: ['ivory'], lifespan: 'silk' },
  stock: { here: 15, elsewhere: [] },
});
const peony = option('White peony', {
  unitPrice: 6,
  attributes: { colours: ['white'], lifespan: 'fresh', season: { from: '05-01', to: '06-30' } },
  stock: { here: 20, elsewhere: [] },
});
const input = {
  wanted: ranunculus,
  options: [silk, blush, ranunculus, peony, anemone],
  quantity: 24,
  today: '2026-12-31',
  families,
  labels,
  currency: 'GBP',
  locale: 'en-GB',
};

describe('substitutes', () => {
  it('puts what keeps the palette, kind and season first, says what differs, and never offers what is out of season', () => {
    const found = substitutes(input);
    expect(found.map((s) => s.option.title)).toEqual(['White anemone', 'Blush ranunculus', 'Ivory silk rose']);
    const [first, , silkRose] = found;
    expect(first?.keeps).toEqual(['the colour: white', 'the same kind (stems)']);
    expect(first?.differs).toEqual(['£0.40 less each']);
    expect(silkRose?.differs).toContain('silk rather than fresh: it lasts for years');
    expect(silkRose?.differs).toContain('ivory rather than white');
  });

  it('counts a colour of the same palette family as half the colour, and says it is close', () => {
    const cream = option('Cream rose', { attributes: { colours: ['cream'], lifespan: 'fresh' }, stock: { here: 0, elsewhere: [] } });
    const [found] = substitutes({ ...input, wanted: cream, options: [silk] });
    expect(found?.differs).toContain('ivory, close to cream');
  });

  it('offers in-season alternatives for something out of season, saying so, and nothing else out of season', () => {
    const summerRose = option('Garden rose', {
      attributes: { colours: ['white'], lifespan: 'fresh', season: { from: '06-01', to: '09-30' } },
    });
    const found = substitutes({ ...input, wanted: peony, options: [anemone, ranunculus, summerRose] });
    expect(found.map((s) => s.option.title)).toEqual(['White anemone', 'White ranunculus']);
    expect(found[0]?.keeps).toContain('in season now');
  });

  it('keeps the nearest silk alternative in the list when the nearest ones are all fresh', () => {
    const fresh = Array.from({ length: 6 }, (_, i) => option(`White stem ${i}`, { stock: { here: 10, elsewhere: [] } }));
    const found = substitutes({ ...input, options: [...fresh, silk], limit: 3 });
    expect(found).toHaveLength(4);
    expect(found.at(-1)?.option.title).toBe('Ivory silk rose');
    expect(substitutes({ ...input, options: fresh, limit: 3 })).toHaveLength(3);
  });

  it('reads season windows across the year end', () => {
    expect(inSeason({ from: '11-01', to: '05-15' }, '2026-12-31')).toBe(true);
    expect(inSeason({ from: '11-01', to: '05-15' }, '2026-07-01')).toBe(false);
    expect(inSeason({ from: '05-01', to: '06-30' }, '2026-06-30')).toBe(true);
    expect(inSeason(null, '2026-01-01')).toBe(true);
  });
});

describe('plans that complete the quantity', () => {
  const plan = (over: Partial<Parameters<typeof fulfilmentPlans>[0]> = {}) =>
    fulfilmentPlans({ wanted: ranunculus, quantity: 24, substitutes: substitutes(input), currency: 'GBP', locale: 'en-GB', ...over });
  const oldTown = (available: number) => ({ storeName: 'Old Town', storeId: 'sto_old', available });

  it('makes 24 from 9 here and 15 white anemones, and says how short the original alone falls', () => {
    const plans = plan();
    expect(plans[0]?.words).toBe('9 White ranunculus here + 15 White anemone here, which keeps the colour: white');
    expect(plans[0]).toMatchObject({ units: 24, shortfall: 0, total: 51.6, readyBy: null });
  });

  it('prefers the original from another store or a delivery to a substitute when they complete it', () => {
    const spread = { ...ranunculus, stock: { here: 9, elsewhere: [oldTown(20)], incoming: null } };
    const plans = plan({ wanted: spread, substitutes: substitutes({ ...input, wanted: spread }) });
    expect(plans[0]?.words).toBe('9 White ranunculus here + 15 White ranunculus from Old Town, in stock there now');
    expect(plans[0]?.lines[1]).toMatchObject({ source: 'other-store', from: 'Old Town', storeId: 'sto_old', availableOn: null });
    const due = { ...ranunculus, stock: { here: 9, elsewhere: [], incoming: { quantity: 40, expectedAt: '2027-01-02T08:00:00Z' } } };
    expect(plan({ wanted: due, substitutes: [] })[0]?.words).toBe('9 White ranunculus here + 15 White ranunculus due Sat 2 Jan');
  });

  it('combines here, another store and a substitute when no one source completes it', () => {
    // 9 here, 5 at Old Town and only 10 anemones: no two sources reach 24, all three do.
    const wanted = { ...ranunculus, stock: { here: 9, elsewhere: [oldTown(5)], incoming: null } };
    const few = { ...anemone, stock: { here: 10, elsewhere: [] } };
    const plans = plan({ wanted, substitutes: substitutes({ ...input, wanted, options: [few] }) });
    expect(plans[0]?.words).toBe(
      '9 White ranunculus here + 5 White ranunculus from Old Town, in stock there now + 10 White anemone here, which keeps the colour: white',
    );
    expect(plans[0]).toMatchObject({ units: 24, shortfall: 0 });
    // Only complete plans are offered once one exists.
    expect(plans.every((p) => p.shortfall === 0)).toBe(true);
  });

  it('plans with deliveries to other stores, saying where and when, after what the customer can have now', () => {
    const deliveries = [
      { storeId: 'sto_old', storeName: 'Old Town', here: false, quantity: 40, expectedAt: '2027-01-01' },
      { storeId: 'sto_riv', storeName: 'Riverside', here: true, quantity: 6, expectedAt: '2027-01-03T09:00:00Z' },
    ];
    const plans = plan({ deliveries, today: '2026-12-31' });
    expect(plans[0]?.readyBy).toBeNull();
    const later = plans.find((p) => p.words === '9 White ranunculus here + 15 White ranunculus due at Old Town tomorrow');
    expect(later?.lines[1]).toMatchObject({
      source: 'delivery',
      from: '2027-01-01',
      storeId: 'sto_old',
      storeName: 'Old Town',
      availableOn: '2027-01-01',
      quantity: 15,
    });
    expect(later?.readyBy).toBe('2027-01-01');
    // Without substitutes, the delivery plan is the best; a plan waiting for the later delivery too is never needed.
    const same = plan({ deliveries, today: '2026-12-31', substitutes: [] });
    expect(same.map((p) => p.words)).toEqual(['9 White ranunculus here + 15 White ranunculus due at Old Town tomorrow']);
    // A delivery here alone, when it is enough, is said as due here.
    const ours = plan({
      deliveries: [{ ...(deliveries[1] as (typeof deliveries)[number]), quantity: 20 }],
      today: '2027-01-02',
      substitutes: [],
    });
    expect(ours[0]?.words).toBe('9 White ranunculus here + 15 White ranunculus due tomorrow');
    expect(ours[0]?.lines[1]?.storeId).toBeUndefined();
  });

  it('takes substitutes from other stores, saying where, when none here are enough', () => {
    const away = { ...anemone, stock: { here: 0, elsewhere: [oldTown(30)] } };
    const plans = plan({ substitutes: substitutes({ ...input, options: [away] }) });
    expect(plans[0]?.words).toBe(
      '9 White ranunculus here + 15 White anemone from Old Town, in stock there now, which keeps the colour: white',
    );
    expect(plans[0]?.lines[1]).toMatchObject({ source: 'substitute', from: 'Old Town', storeId: 'sto_old', storeName: 'Old Town' });
  });

  it('offers fewer sources first, then the item asked for before substitutes', () => {
    // Old Town has 15 only in two stores' worth; the anemones complete it in one line.
    const wanted = {
      ...ranunculus,
      stock: { here: 9, elsewhere: [oldTown(8), { storeName: 'Harbour', storeId: 'sto_har', available: 7 }], incoming: null },
    };
    const plans = plan({ wanted, substitutes: substitutes({ ...input, wanted }) });
    expect(plans.map((p) => p.lines.length)).toEqual([...plans.map((p) => p.lines.length)].sort((a, b) => a - b));
    expect(plans[0]?.lines.map((l) => l.source)).toEqual(['here', 'substitute']);
    const three = plans.find((p) => p.lines.length === 3 && p.lines.every((l) => l.variantId === wanted.variantId));
    expect(three?.words).toBe(
      '9 White ranunculus here + 8 White ranunculus from Old Town, in stock there now + 7 White ranunculus from Harbour, in stock there now',
    );
  });

  it('offers the one substitute that completes it alone, and prefers units here to the same from another store', () => {
    // Only 10 anemones here, the most alike; 34 blush ranunculus complete it in one line.
    const few = { ...anemone, stock: { here: 10, elsewhere: [oldTown(30)] } };
    const plans = plan({ substitutes: substitutes({ ...input, options: [few, blush] }) });
    const words = plans.map((p) => p.words);
    expect(words[0]).toBe('9 White ranunculus here + 15 White anemone from Old Town, in stock there now, which keeps the colour: white');
    expect(words).toContain('9 White ranunculus here + 15 Blush ranunculus here, which keeps the same kind (stems)');
    expect(words).toContain(
      '9 White ranunculus here + 10 White anemone here, which keeps the colour: white + 5 Blush ranunculus here, which keeps the same kind (stems)',
    );
    // With enough anemones here, those come before the same from Old Town.
    const many = { ...anemone, stock: { here: 40, elsewhere: [oldTown(30)] } };
    const both = plan({ substitutes: substitutes({ ...input, options: [many] }) });
    expect(both[0]?.words).toBe('9 White ranunculus here + 15 White anemone here, which keeps the colour: white');
    expect(both.map((p) => p.words)).toContain(
      '9 White ranunculus here + 15 White anemone from Old Town, in stock there now, which keeps the colour: white',
    );
  });

  it('gives the fullest partial plan and the shortfall when nothing completes it', () => {
    const plans = plan({ quantity: 200 });
    expect(plans[0]?.shortfall).toBeGreaterThan(0);
    expect(plans[0]?.words).toMatch(/— \d+ short$/);
  });

  it('plans nothing more than what is here when everything is here', () => {
    expect(plan({ quantity: 6 })).toEqual([
      expect.objectContaining({ units: 6, shortfall: 0, words: '6 White ranunculus here', readyBy: null }),
    ]);
  });

  it('never plans more than is wanted or than any source has, and the first plan brings all it can', () => {
    const stores = ['Old Town', 'Harbour', 'Quay'];
    const arbElsewhere = fc.uniqueArray(
      fc.record({ storeName: fc.constantFrom(...stores), available: fc.integer({ min: 0, max: 30 }) }).map((s) => ({
        ...s,
        storeId: `sto_${s.storeName}`,
      })),
      { maxLength: 3, selector: (s) => s.storeName },
    );
    const arbStock = fc.record({ here: fc.integer({ min: 0, max: 30 }), elsewhere: arbElsewhere });
    const arbDeliveries = fc.array(
      fc.record({
        store: fc.constantFrom('Riverside', ...stores),
        quantity: fc.integer({ min: 0, max: 30 }),
        day: fc.integer({ min: 1, max: 9 }),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        arbStock,
        fc.array(arbStock, { maxLength: 3 }),
        arbDeliveries,
        (quantity, stock, others, due) => {
          const wanted = { ...ranunculus, stock };
          const options = others.map((st, i) => option(`Alt ${i}`, { stock: st }));
          const deliveries = due.map((d) => ({
            storeId: `sto_${d.store}`,
            storeName: d.store,
            here: d.store === 'Riverside',
            quantity: d.quantity,
            expectedAt: `2027-01-0${d.day}`,
          }));
          const found = substitutes({ ...input, wanted, options, quantity });
          const plans = fulfilmentPlans({
            wanted,
            quantity,
            substitutes: found,
            deliveries,
            today: '2026-12-31',
            currency: 'GBP',
            locale: 'en-GB',
          });
          expect(plans.length).toBeLessThanOrEqual(MAX_PLANS);
          // What each place has: the item and substitutes in each store now, and each delivery.
          const pools = new Map<string, number>();
          const add = (key: string, n: number) => pools.set(key, (pools.get(key) ?? 0) + Math.max(0, n));
          for (const o of [wanted, ...found.map((s) => s.option)]) {
            add(`${o.variantId}@here`, o.stock.here);
            for (const e of o.stock.elsewhere) add(`${o.variantId}@${e.storeId}`, e.available);
          }
          for (const d of deliveries) add(`${wanted.variantId}@${d.here ? 'here' : d.storeId}@${d.expectedAt}`, d.quantity);
          for (const p of plans) {
            expect(p.units).toBe(p.lines.reduce((s, l) => s + l.quantity, 0));
            expect(p.units + p.shortfall).toBe(quantity);
            expect(p.units).toBeLessThanOrEqual(quantity);
            const used = new Map<string, number>();
            for (const l of p.lines) {
              expect(l.quantity).toBeGreaterThan(0);
              const key =
                l.source === 'delivery'
                  ? `${l.variantId}@${l.storeId ?? 'here'}@${l.availableOn}`
                  : `${l.variantId}@${l.storeId ?? 'here'}`;
              used.set(key, (used.get(key) ?? 0) + l.quantity);
            }
            for (const [key, n] of used) expect(n, key).toBeLessThanOrEqual(pools.get(key) ?? 0);
          }
          // Everything counted: the best plan completes it when all of it together can, and is the fullest otherwise.
          const everything = [...pools.values()].reduce((a, b) => a + b, 0);
          expect(plans[0]?.units ?? 0).toBe(Math.min(quantity, everything));
        },
      ),
    );
  }, 30_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fulfilmentPlans, inSeason, type Option, substitutes } from './substitutes.ts';

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
  it('makes 24 from 9 here and 15 white anemones, and says how short the original alone falls', () => {
    const plans = fulfilmentPlans({ wanted: ranunculus, quantity: 24, substitutes: substitutes(input), currency: 'GBP', locale: 'en-GB' });
    expect(plans[0]?.words).toBe('9 White ranunculus here + 15 White anemone here, which keeps the colour: white');
    expect(plans[0]).toMatchObject({ units: 24, shortfall: 0, total: 51.6 });
  });

  it('prefers the original from another store or a delivery to a substitute when they complete it', () => {
    const spread = { ...ranunculus, stock: { here: 9, elsewhere: [{ storeName: 'Old Town', available: 20 }], incoming: null } };
    const plans = fulfilmentPlans({
      wanted: spread,
      quantity: 24,
      substitutes: substitutes({ ...input, wanted: spread }),
      currency: 'GBP',
      locale: 'en-GB',
    });
    expect(plans[0]?.words).toBe('9 White ranunculus here + 15 White ranunculus from Old Town');
    const due = { ...ranunculus, stock: { here: 9, elsewhere: [], incoming: { quantity: 40, expectedAt: '2027-01-02T08:00:00Z' } } };
    expect(fulfilmentPlans({ wanted: due, quantity: 24, substitutes: [], currency: 'GBP', locale: 'en-GB' })[0]?.words).toBe(
      '9 White ranunculus here + 15 White ranunculus due 2027-01-02',
    );
  });

  it('gives the fullest partial plan and the shortfall when nothing completes it', () => {
    const plans = fulfilmentPlans({ wanted: ranunculus, quantity: 200, substitutes: substitutes(input), currency: 'GBP', locale: 'en-GB' });
    expect(plans[0]?.shortfall).toBeGreaterThan(0);
    expect(plans[0]?.words).toMatch(/— \d+ short$/);
  });

  it('never plans more than is wanted or than any source has', () => {
    const arbStock = fc.record({
      here: fc.integer({ min: 0, max: 30 }),
      elsewhere: fc.uniqueArray(
        fc.record({ storeName: fc.constantFrom('Old Town', 'Harbour'), available: fc.integer({ min: 0, max: 30 }) }),
        {
          maxLength: 2,
          selector: (s) => s.storeName,
        },
      ),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), arbStock, fc.array(arbStock, { maxLength: 3 }), (quantity, stock, others) => {
        const wanted = { ...ranunculus, stock };
        const options = others.map((st, i) => option(`Alt ${i}`, { stock: st }));
        const plans = fulfilmentPlans({
          wanted,
          quantity,
          substitutes: substitutes({ ...input, wanted, options, quantity }),
          currency: 'GBP',
          locale: 'en-GB',
        });
        for (const p of plans) {
          expect(p.units).toBe(p.lines.reduce((s, l) => s + l.quantity, 0));
          expect(p.units + p.shortfall).toBe(quantity);
          for (const l of p.lines) {
            const source = l.variantId === wanted.variantId ? wanted.stock : options.find((o) => o.variantId === l.variantId)?.stock;
            const available =
              l.source === 'other-store' ? (source?.elsewhere.find((e) => e.storeName === l.from)?.available ?? 0) : (source?.here ?? 0);
            if (l.source !== 'delivery') expect(l.quantity).toBeLessThanOrEqual(available);
          }
        }
      }),
    );
  });
});

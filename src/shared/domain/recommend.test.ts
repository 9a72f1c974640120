import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, type RecommendInput, recommend, stockWords, type Wish } from './recommend.ts';

const labels = {
  grey: 'grey',
  cream: 'cream',
  teal: 'teal',
  mustard: 'mustard',
  blush: 'blush',
  navy: 'navy',
  oak: 'oak',
  'dove-grey': 'dove grey',
};
const families = {
  grey: 'grey',
  charcoal: 'grey',
  'dove-grey': 'grey',
  cream: 'cream',
  ivory: 'cream',
  teal: 'blue',
  navy: 'blue',
  mustard: 'yellow',
  blush: 'pink',
};

function candidate(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    productId: `prd_${id}`,
    variantId: `var_${id}`,
    title: `Item ${id}`,
    unitPrice: 10,
    attributes: {},
    terms: [],
    stock: { here: 20, elsewhere: [] },
    popularity: 0,
    ...over,
  };
}

function input(over: Partial<RecommendInput>): RecommendInput {
  return {
    candidates: [],
    wishes: [],
    rules: [],
    history: [],
    weights: {},
    budget: null,
    quantity: 1,
    labels,
    families,
    currency: 'GBP',
    locale: 'en-GB',
    ...over,
  };
}

// Two cushion sets sold in two colourways, as in the brief's second opinion.
const tealMustard = candidate('tm', {
  unitPrice: 68,
  attributes: { colours: ['teal', 'mustard'], styles: ['mid-century'], rooms: ['living-room'], materials: ['velvet'] },
  stock: { here: 3, elsewhere: [{ storeName: 'Old Town', available: 4 }] },
});
const greyBlush = candidate('gb', {
  unitPrice: 68,
  attributes: { colours: ['grey', 'blush'], styles: ['contemporary'], rooms: ['living-room', 'bedroom'], materials: ['velvet'] },
  stock: { here: 2, elsewhere: [] },
});
const living = (colours: string[]): Wish[] => [
  { attribute: 'colours', values: colours, weight: 3, source: 'answer', context: 'your living room' },
  { attribute: 'rooms', values: ['living-room'], weight: 1, source: 'answer' },
];

describe('the second opinion', () => {
  it('puts the colourway that shares the room’s palette first, saying why', () => {
    const result = recommend(input({ candidates: [tealMustard, greyBlush], wishes: living(['grey', 'cream']) }));
    expect(result.main.map((r) => r.variantId)).toEqual(['var_gb', 'var_tm']);
    const [first, second] = result.main;
    expect(first?.reasons.map((r) => r.text)).toContain('grey, like your living room');
    expect(second?.reasons.find((r) => r.kind === 'mismatch')?.text).toBe('teal and mustard rather than grey and cream');
    expect(first?.fit).toBeGreaterThan(second?.fit ?? 1);
  });

  it('flips the order for a navy sofa with mustard accents', () => {
    const result = recommend(input({ candidates: [greyBlush, tealMustard], wishes: living(['navy', 'mustard']) }));
    expect(result.main.map((r) => r.variantId)).toEqual(['var_tm', 'var_gb']);
    expect(result.main[0]?.reasons.map((r) => r.text)).toContain('mustard, like your living room');
  });
});

describe('colour families', () => {
  it('counts a colour of the same family as half a match and says it is close, below an exact one', () => {
    const charcoal = candidate('ch', { attributes: { colours: ['charcoal', 'blush'] } });
    const grey = candidate('gr', { attributes: { colours: ['grey', 'blush'] } });
    const teal = candidate('te', { attributes: { colours: ['teal', 'mustard'] } });
    const result = recommend(input({ candidates: [teal, charcoal, grey], wishes: living(['grey', 'cream']).slice(0, 1) }));
    expect(result.main.map((r) => r.variantId)).toEqual(['var_gr', 'var_ch', 'var_te']);
    expect(result.main[1]?.fit).toBe(0.25);
    expect(result.main[1]?.reasons.map((r) => r.text)).toContain('charcoal, a shade close to grey');
    expect(result.main[2]?.fit).toBe(0);
  });
});

describe('hard rules', () => {
  it('leaves out what the customer must avoid and what is not known to be safe with a cat, and says so', () => {
    const lily = candidate('lily', { terms: ['lily', 'stargazer'], attributes: { petSafe: true } });
    const unknown = candidate('unknown', { attributes: { petSafe: null } });
    const toxic = candidate('toxic', { attributes: { petSafe: false } });
    const safe = candidate('safe', { attributes: { petSafe: true, colours: ['cream'] } });
    const result = recommend(
      input({
        candidates: [lily, unknown, toxic, safe],
        wishes: [{ attribute: 'colours', values: ['cream'], weight: 1, source: 'answer' }],
        rules: [
          { kind: 'avoid-term', term: 'lily', reason: 'Lilies: cat at home' },
          { kind: 'pet-safe', reason: 'cat at home' },
        ],
      }),
    );
    expect(result.main.map((r) => r.variantId)).toEqual(['var_safe']);
    expect(result.excluded).toEqual([
      { productId: 'prd_lily', variantId: 'var_lily', title: 'Item lily', reason: 'Lilies: cat at home' },
      { productId: 'prd_toxic', variantId: 'var_toxic', title: 'Item toxic', reason: 'Not safe with pets: cat at home' },
      { productId: 'prd_unknown', variantId: 'var_unknown', title: 'Item unknown', reason: 'Not known to be safe with pets: cat at home' },
    ]);
  });
});

describe('what counts', () => {
  it('lets today’s answer about an attribute win over the stored preference about it', () => {
    const wishes: Wish[] = [
      { attribute: 'colours', values: ['grey'], weight: 3, source: 'preference', context: 'your living room' },
      { attribute: 'colours', values: ['mustard'], weight: 3, source: 'answer' },
    ];
    const result = recommend(input({ candidates: [greyBlush, tealMustard], wishes }));
    expect(result.main[0]?.variantId).toBe('var_tm');
    expect(result.main[0]?.breakdown.map((b) => b.source)).toEqual(['answer']);
  });

  it('uses a stored preference when nothing was answered about it, citing where it came from', () => {
    const wishes: Wish[] = [
      { attribute: 'colours', values: ['grey', 'cream'], weight: 3, source: 'preference', context: 'your living room' },
    ];
    const result = recommend(input({ candidates: [tealMustard, greyBlush], wishes }));
    expect(result.main[0]?.reasons[0]?.text).toBe('grey, like your living room');
  });

  it('leans towards what the customer has bought before, below today’s answers', () => {
    const history = [{ attributes: { colourFamilies: ['green'] }, quantity: 3 }];
    const sage = candidate('sage', { attributes: { colourFamilies: ['green'] } });
    const red = candidate('red', { attributes: { colourFamilies: ['red'] }, popularity: 50 });
    expect(recommend(input({ candidates: [red, sage], history })).main[0]?.variantId).toBe('var_sage');
    const answered: Wish[] = [{ attribute: 'colourFamilies', values: ['red'], weight: 1, source: 'answer' }];
    expect(recommend(input({ candidates: [red, sage], history, wishes: answered })).main[0]?.variantId).toBe('var_red');
  });

  it('says what it does not know about an item instead of guessing', () => {
    const bare = candidate('bare');
    const result = recommend(input({ candidates: [greyBlush, bare], wishes: living(['grey']) }));
    const reasons = result.main.find((r) => r.variantId === 'var_bare')?.reasons.map((r) => r.text);
    expect(reasons).toContain('We have not recorded its colour');
  });

  it('gives in-stock best-sellers, labelled as such, when nothing is known', () => {
    const a = candidate('a', { popularity: 5 });
    const b = candidate('b', { popularity: 9 });
    const out = candidate('out', { popularity: 99, stock: { here: 0, elsewhere: [] } });
    const result = recommend(input({ candidates: [a, b, out] }));
    expect(result.bestSellers).toBe(true);
    expect(result.main.map((r) => r.variantId)).toEqual(['var_b', 'var_a']);
    expect(result.main[0]?.reasons[0]).toEqual({ kind: 'best-seller', text: 'One of our best-sellers' });
  });
});

describe('no overselling', () => {
  const stems = ['a', 'b', 'c', 'd', 'e'].map((id, i) =>
    candidate(id, { unitPrice: 2 + i * 0.5, attributes: { colours: i >= 3 ? ['cream', 'grey'] : ['cream'] } }),
  );
  const wishes: Wish[] = [{ attribute: 'colours', values: ['cream', 'grey'], weight: 1, source: 'answer' }];

  it('keeps a firm £30 for 10 stems: nothing above £3 a stem, and no stretch group', () => {
    const result = recommend(input({ candidates: stems, wishes, quantity: 10, budget: { max: 30, firm: true } }));
    expect(result.main.every((r) => r.unitPrice <= 3)).toBe(true);
    expect(result.main.map((r) => r.total)).toEqual([20, 25, 30]);
    expect(result.stretch).toEqual([]);
  });

  it('orders inside the budget by fit, not price, and offers at most two better fits above a flexible one', () => {
    const result = recommend(input({ candidates: stems, wishes, quantity: 10, budget: { max: 30, firm: false } }));
    expect(result.stretch.map((r) => r.variantId)).toEqual(['var_d', 'var_e']);
    expect(result.stretch[0]?.overBudgetBy).toBe(5);
    expect(result.stretch[0]?.reasons[0]?.text).toBe('£5.00 over your budget, for a closer fit: cream and grey');
  });
});

describe('stock in words', () => {
  it('says where the rest can be had when this store is short', () => {
    expect(stockWords({ here: 12, elsewhere: [] }, 12)).toBe('12 here');
    expect(stockWords({ here: 3, elsewhere: [{ storeName: 'Old Town', available: 9 }] }, 12)).toBe('3 here; 9 at Old Town');
    expect(stockWords({ here: 0, elsewhere: [], incoming: { quantity: 40, expectedAt: '2026-12-04T09:00:00Z' } }, 12)).toBe(
      'None here; 40 due 4 Dec',
    );
    expect(stockWords({ here: 0, elsewhere: [], incoming: { quantity: 6, expectedAt: '2026-12-04T09:00:00Z' } }, 1, 'en-US')).toBe(
      'None here; 6 due Dec 4',
    );
  });
});

// Properties, over generated catalogs and wishes.
const COLOURS = ['grey', 'charcoal', 'cream', 'ivory', 'teal', 'mustard', 'blush', 'navy'];
const STYLES = ['modern', 'rustic', 'classic'];
const arbCandidate = fc.record({
  id: fc.uuid(),
  price: fc.integer({ min: 1, max: 200 }),
  colours: fc.subarray(COLOURS),
  styles: fc.subarray(STYLES),
  here: fc.integer({ min: 0, max: 30 }),
  popularity: fc.integer({ min: 0, max: 100 }),
  petSafe: fc.constantFrom(true, false, null),
});
type GeneratedCandidate = typeof arbCandidate extends fc.Arbitrary<infer T> ? T : never;
const toCandidate = (c: GeneratedCandidate) =>
  candidate(c.id, {
    unitPrice: c.price,
    attributes: { colours: c.colours, styles: c.styles, petSafe: c.petSafe },
    stock: { here: c.here, elsewhere: [] },
    popularity: c.popularity,
  });
const arbWish = fc.record({
  attribute: fc.constantFrom('colours' as const, 'styles' as const),
  values: fc.subarray([...COLOURS, ...STYLES], { minLength: 1 }),
  weight: fc.integer({ min: 1, max: 5 }),
  source: fc.constantFrom('answer' as const, 'preference' as const),
});

describe('properties', () => {
  it('adding a wanted value to an item never lowers its fit', () => {
    fc.assert(
      fc.property(arbCandidate, fc.array(arbWish, { minLength: 1, maxLength: 4 }), fc.constantFrom(...COLOURS), (c, wishes, extra) => {
        const before = recommend(input({ candidates: [toCandidate(c)], wishes })).main[0];
        const more = toCandidate({ ...c, colours: [...new Set([...c.colours, extra])] });
        const after = recommend(input({ candidates: [more], wishes })).main[0];
        expect(after?.fit ?? 0).toBeGreaterThanOrEqual(before?.fit ?? 0);
      }),
    );
  });

  it('gives the same result whatever order the candidates and wishes come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCandidate, { selector: (c) => c.id, maxLength: 12 }),
        fc.array(arbWish, { maxLength: 5 }),
        fc.option(fc.record({ max: fc.integer({ min: 1, max: 500 }), firm: fc.boolean() }), { nil: null }),
        fc.integer({ min: 1, max: 12 }),
        (cs, wishes, budget, quantity) => {
          const base = input({ candidates: cs.map(toCandidate), wishes, budget, quantity, rules: [{ kind: 'pet-safe', reason: 'a dog' }] });
          const shuffled = { ...base, candidates: [...base.candidates].reverse(), wishes: [...base.wishes].reverse() };
          expect(recommend(shuffled)).toEqual(recommend(base));
        },
      ),
    );
  });

  it('keeps the main list inside the budget and at most two stretch items, none when firm', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCandidate, { selector: (c) => c.id, maxLength: 15 }),
        fc.array(arbWish, { minLength: 1, maxLength: 4 }),
        fc.record({ max: fc.integer({ min: 1, max: 500 }), firm: fc.boolean() }),
        fc.integer({ min: 1, max: 12 }),
        (cs, wishes, budget, quantity) => {
          const result = recommend(input({ candidates: cs.map(toCandidate), wishes, budget, quantity }));
          for (const r of result.main) expect(r.total).toBeLessThanOrEqual(budget.max);
          expect(result.stretch.length).toBeLessThanOrEqual(budget.firm ? 0 : 2);
          for (const r of result.stretch) expect(r.total).toBeGreaterThan(budget.max);
        },
      ),
    );
  });
});

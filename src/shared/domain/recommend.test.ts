import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, type HardRule, type PastPurchase, type RecommendInput, recommend, stockWords, type Wish } from './recommend.ts';

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

  it('says the same reasons whichever of two equal wishes comes first', () => {
    const bedroom: Wish = { attribute: 'colours', values: ['grey'], weight: 3, source: 'preference', context: 'your bedroom' };
    const living: Wish = { ...bedroom, context: 'your living room' };
    const avoid: Wish = { ...bedroom, context: null, polarity: 'avoid' };
    const texts = (wishes: Wish[]) => recommend(input({ candidates: [greyBlush], wishes })).main[0]?.reasons.map((r) => r.text);
    expect(texts([bedroom, living, avoid])).toEqual([
      'grey, like your bedroom',
      'grey, like your living room',
      'grey, which you would rather avoid',
      '2 here',
    ]);
    expect(texts([avoid, living, bedroom])).toEqual(texts([bedroom, living, avoid]));
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

  it('orders the main list by fit when the better fit costs more', () => {
    const cheap = candidate('cheap', { unitPrice: 1, attributes: { colours: ['cream'] }, popularity: 99 });
    const dear = candidate('dear', { unitPrice: 2.9, attributes: { colours: ['cream', 'grey'] } });
    const middle = candidate('middle', { unitPrice: 2, attributes: { colours: ['ivory', 'grey'] } });
    const result = recommend(input({ candidates: [cheap, middle, dear], wishes, quantity: 10, budget: { max: 30, firm: true } }));
    expect(result.main.map((r) => r.variantId)).toEqual(['var_dear', 'var_middle', 'var_cheap']);
    expect(result.main.map((r) => r.fit)).toEqual([1, 0.75, 0.5]);
  });

  it('orders inside the budget by fit, not price, and offers at most two better fits above a flexible one', () => {
    const result = recommend(input({ candidates: stems, wishes, quantity: 10, budget: { max: 30, firm: false } }));
    expect(result.stretch.map((r) => r.variantId)).toEqual(['var_d', 'var_e']);
    expect(result.stretch[0]?.overBudgetBy).toBe(5);
    expect(result.stretch[0]?.reasons[0]?.text).toBe('£5.00 over your budget, for a closer fit: cream and grey');
  });
});

describe('what the item is to go with', () => {
  // A grey sofa and oak: velvet is not oak, and nobody minds.
  const furniture = (colours: string[]): Wish[] => [
    {
      attribute: 'colours',
      values: colours,
      weight: 1.5,
      source: 'answer',
      context: 'the colours of your furniture',
      polarity: 'complement',
    },
  ];

  it('counts colours of a family in harmony with the furniture’s, says so, and never calls a different material a fault', () => {
    const emerald = { ...families, emerald: 'green' };
    const wishes = [
      ...furniture(['emerald']),
      { attribute: 'materials' as const, values: ['velvet'], weight: 1, source: 'answer' as const },
    ];
    const result = recommend(input({ candidates: [tealMustard, greyBlush], wishes, families: emerald }));
    const [tm, gb] = ['var_tm', 'var_gb'].map((id) => result.main.find((r) => r.variantId === id));
    // Blue and yellow both sit with green; grey is a neutral, blush (pink) a harmony of green.
    expect(tm?.reasons.map((r) => r.text)).toContain('mustard and teal, to go with the colours of your furniture');
    expect(gb?.reasons.map((r) => r.text)).toContain('blush and grey, to go with the colours of your furniture');
    expect(tm?.fit).toBe(1);
    const oak = recommend(input({ candidates: [tealMustard], wishes: furniture(['oak']) })).main[0];
    expect(oak?.reasons.filter((r) => r.kind === 'mismatch')).toEqual([]);
  });

  it('lets a colour that clashes with the furniture earn nothing, without saying it is wrong', () => {
    const wishes = furniture(['mustard']);
    const teal = candidate('teal', { attributes: { colours: ['teal'] } });
    const blush = candidate('blush', { attributes: { colours: ['blush'] } });
    const result = recommend(input({ candidates: [blush, teal], wishes }));
    // Yellow sits with blue, not with pink.
    expect(result.main.map((r) => [r.variantId, r.fit])).toEqual([
      ['var_teal', 1],
      ['var_blush', 0],
    ]);
    expect(result.main[1]?.reasons.map((r) => r.kind)).toEqual(['stock']);
  });

  it('does not set aside the colours the customer likes', () => {
    const wishes: Wish[] = [
      { attribute: 'colours', values: ['grey'], weight: 3, source: 'preference', context: 'your living room' },
      ...furniture(['navy']),
    ];
    const result = recommend(input({ candidates: [tealMustard, greyBlush], wishes }));
    expect(result.main[0]?.variantId).toBe('var_gb');
    expect(result.main[0]?.reasons[0]?.text).toBe('grey, like your living room');
  });

  it('matches other attributes, such as the palette families that suit the light, by the same value', () => {
    const light: Wish[] = [
      {
        attribute: 'colourFamilies',
        values: ['white', 'cream'],
        weight: 1,
        source: 'answer',
        context: 'the light in the room',
        polarity: 'complement',
      },
    ];
    const ivory = candidate('ivory', { attributes: { colourFamilies: ['cream', 'grey'] } });
    const navy = candidate('navy', { attributes: { colourFamilies: ['blue'] } });
    const result = recommend(input({ candidates: [navy, ivory], wishes: light }));
    expect(result.main.map((r) => r.variantId)).toEqual(['var_ivory', 'var_navy']);
    expect(result.main[0]?.reasons[0]?.text).toBe('cream, to go with the light in the room');
    expect(result.main[0]?.fit).toBe(0.5);
  });
});

describe('avoid wishes', () => {
  it('lowers the fit of an item with a colour the customer would rather avoid, says so, and keeps it in the list', () => {
    const wishes: Wish[] = [
      { attribute: 'styles', values: ['contemporary', 'mid-century'], weight: 1, source: 'answer' },
      { attribute: 'colours', values: ['mustard'], weight: 1, source: 'preference', polarity: 'avoid' },
    ];
    const result = recommend(input({ candidates: [tealMustard, greyBlush], wishes }));
    expect(result.main.map((r) => r.variantId)).toEqual(['var_gb', 'var_tm']);
    const tm = result.main[1];
    expect(tm?.reasons.find((r) => r.kind === 'mismatch')?.text).toBe('mustard, which you would rather avoid');
    expect(tm?.fit).toBe(0);
    expect(result.main[0]?.fit).toBe(0.5);
  });

  it('still counts a dislike stored before when today’s answers are about the same colours', () => {
    const wishes: Wish[] = [
      { attribute: 'colours', values: ['teal', 'grey'], weight: 2, source: 'answer' },
      { attribute: 'colours', values: ['blush'], weight: 2, source: 'preference', polarity: 'avoid' },
    ];
    const result = recommend(input({ candidates: [greyBlush, tealMustard], wishes }));
    expect(result.main.map((r) => r.variantId)).toEqual(['var_tm', 'var_gb']);
    expect(result.main[1]?.breakdown.map((b) => b.polarity)).toEqual(['want', 'avoid']);
  });
});

describe('the retailer’s weights', () => {
  it('multiply each wish’s weight, so the retailer decides what counts most', () => {
    const wishes: Wish[] = [
      { attribute: 'colours', values: ['teal'], weight: 1, source: 'answer' },
      { attribute: 'styles', values: ['contemporary'], weight: 1, source: 'answer' },
    ];
    const plain = recommend(input({ candidates: [tealMustard, greyBlush], wishes }));
    expect(plain.main.map((r) => r.fit)).toEqual([0.5, 0.5]);
    const colourFirst = recommend(input({ candidates: [tealMustard, greyBlush], wishes, weights: { colours: 3 } }));
    expect(colourFirst.main.map((r) => [r.variantId, r.fit])).toEqual([
      ['var_tm', 0.75],
      ['var_gb', 0.25],
    ]);
    expect(colourFirst.main[0]?.breakdown.find((b) => b.attribute === 'colours')).toMatchObject({ weight: 3, points: 3 });
    const styleFirst = recommend(input({ candidates: [tealMustard, greyBlush], wishes, weights: { styles: 4 } }));
    expect(styleFirst.main.map((r) => r.variantId)).toEqual(['var_gb', 'var_tm']);
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

// Properties, over generated catalogs, wishes, rules, histories, palettes and weights.
const COLOURS = ['grey', 'charcoal', 'cream', 'ivory', 'teal', 'mustard', 'blush', 'navy'];
const FAMILIES = ['grey', 'cream', 'blue', 'yellow', 'pink', 'green'];
const STYLES = ['modern', 'rustic', 'classic'];
const MATERIALS = ['velvet', 'linen', 'wool', 'oak'];
const TERMS = ['lily', 'rose', 'cushion', 'velvet'];
const VALUES = { colours: COLOURS, colourFamilies: FAMILIES, styles: STYLES, materials: MATERIALS } as const;
type Attribute = keyof typeof VALUES;
const ATTRIBUTES = Object.keys(VALUES) as Attribute[];

const arbFamilies = fc
  .array(fc.constantFrom(...FAMILIES), { minLength: COLOURS.length, maxLength: COLOURS.length })
  .map((fs) => Object.fromEntries(COLOURS.map((c, i) => [c, fs[i] as string])));
const arbCandidate = fc.record({
  id: fc.uuid(),
  price: fc.integer({ min: 1, max: 200 }),
  colours: fc.subarray(COLOURS),
  colourFamilies: fc.subarray(FAMILIES),
  styles: fc.subarray(STYLES),
  materials: fc.subarray(MATERIALS),
  terms: fc.subarray(TERMS),
  here: fc.integer({ min: 0, max: 30 }),
  elsewhere: fc.integer({ min: 0, max: 30 }),
  popularity: fc.integer({ min: 0, max: 100 }),
  petSafe: fc.constantFrom(true, false, null),
});
type GeneratedCandidate = typeof arbCandidate extends fc.Arbitrary<infer T> ? T : never;
/** As the server builds them: an item's palette families include its colours' families. */
const toCandidate = (c: GeneratedCandidate, palette: Record<string, string> = families) =>
  candidate(c.id, {
    unitPrice: c.price,
    attributes: {
      colours: c.colours,
      colourFamilies: [...new Set([...c.colourFamilies, ...c.colours.flatMap((x) => palette[x] ?? [])])].sort(),
      styles: c.styles,
      materials: c.materials,
      petSafe: c.petSafe,
    },
    terms: c.terms,
    stock: { here: c.here, elsewhere: c.elsewhere ? [{ storeName: 'Old Town', available: c.elsewhere }] : [] },
    popularity: c.popularity,
  });
const arbWish = (polarities: NonNullable<Wish['polarity']>[] = ['want', 'avoid', 'complement']): fc.Arbitrary<Wish> =>
  fc.constantFrom(...ATTRIBUTES).chain((attribute) =>
    fc.record({
      attribute: fc.constant(attribute),
      values: fc.subarray([...VALUES[attribute]], { minLength: 1 }),
      weight: fc.integer({ min: 1, max: 5 }),
      source: fc.constantFrom('answer' as const, 'preference' as const),
      context: fc.constantFrom(undefined, null, 'your living room', 'the colours of your furniture'),
      polarity: fc.constantFrom(...polarities),
    }),
  );
const arbRule: fc.Arbitrary<HardRule> = fc.oneof(
  fc.record({
    kind: fc.constant('avoid-term' as const),
    term: fc.constantFrom(...TERMS),
    reason: fc.constantFrom('You avoid it', 'cat at home'),
  }),
  fc.record({ kind: fc.constant('pet-safe' as const), reason: fc.constantFrom('a dog', 'cat at home') }),
);
const arbPurchase: fc.Arbitrary<PastPurchase> = fc.record({
  attributes: fc.record({ colourFamilies: fc.subarray(FAMILIES), styles: fc.subarray(STYLES), materials: fc.subarray(MATERIALS) }),
  quantity: fc.integer({ min: 1, max: 6 }),
});
const arbWeights = fc.record(
  {
    colours: fc.constantFrom(0.5, 1, 2, 3),
    colourFamilies: fc.constantFrom(0.5, 1, 2),
    styles: fc.constantFrom(0.5, 1, 4),
    materials: fc.constantFrom(1, 2),
  },
  { requiredKeys: [] },
);
const arbBudget = fc.option(fc.record({ max: fc.integer({ min: 1, max: 500 }), firm: fc.boolean() }), { nil: null });

/** A whole input, generated, with the same lists shuffled. */
const arbShuffled = fc
  .record({
    cs: fc.uniqueArray(arbCandidate, { selector: (c) => c.id, maxLength: 12 }),
    wishes: fc.array(arbWish(), { maxLength: 6 }),
    rules: fc.array(arbRule, { maxLength: 3 }),
    history: fc.array(arbPurchase, { maxLength: 5 }),
    palette: arbFamilies,
    weights: arbWeights,
    budget: arbBudget,
    quantity: fc.integer({ min: 1, max: 12 }),
  })
  .chain((g) => {
    const base = input({
      candidates: g.cs.map((c) => toCandidate(c, g.palette)),
      wishes: g.wishes,
      rules: g.rules,
      history: g.history,
      families: g.palette,
      weights: g.weights,
      budget: g.budget,
      quantity: g.quantity,
    });
    const shuffle = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });
    return fc.record({
      base: fc.constant(base),
      candidates: shuffle(base.candidates),
      wishes: shuffle(base.wishes),
      rules: shuffle(base.rules),
      history: shuffle(base.history),
    });
  });

describe('properties', () => {
  it('adding a wanted (or going-with) colour, colour family, style or material to an item never lowers its fit', () => {
    fc.assert(
      fc.property(
        arbCandidate,
        fc.array(arbWish(), { minLength: 1, maxLength: 5 }),
        fc.array(arbPurchase, { maxLength: 4 }),
        arbFamilies,
        arbWeights,
        fc
          .constantFrom(...ATTRIBUTES)
          .chain((attribute) => fc.record({ attribute: fc.constant(attribute), value: fc.constantFrom(...VALUES[attribute]) })),
        (c, generated, history, palette, weights, extra) => {
          // A value the customer would rather avoid may lower it, as it should: those are left out
          // here, and so is a colour whose palette family they would rather avoid.
          const family = extra.attribute === 'colours' ? palette[extra.value] : undefined;
          const avoided = (w: Wish) =>
            w.polarity === 'avoid' &&
            (w.values.includes(extra.value) || (w.attribute === 'colourFamilies' && family !== undefined && w.values.includes(family)));
          const wishes = generated.filter((w) => !avoided(w));
          const fitOf = (g: GeneratedCandidate) =>
            recommend(input({ candidates: [toCandidate(g, palette)], wishes, history, families: palette, weights, limit: 1 })).main[0]
              ?.fit ?? 0;
          const more = { ...c, [extra.attribute]: [...new Set([...c[extra.attribute], extra.value])] };
          expect(fitOf(more)).toBeGreaterThanOrEqual(fitOf(c));
        },
      ),
    );
  });

  it('gives the same result, reasons included, whatever order the candidates, wishes, rules and history come in', () => {
    fc.assert(
      fc.property(arbShuffled, ({ base, candidates, wishes, rules, history }) => {
        expect(recommend({ ...base, candidates, wishes, rules, history })).toEqual(recommend(base));
      }),
      { numRuns: 200 },
    );
  });

  it('never shows what a hard rule catches, and says why for each', () => {
    fc.assert(
      fc.property(arbShuffled, ({ base }) => {
        const result = recommend(base);
        const shown = [...result.main, ...result.stretch];
        for (const r of shown) {
          const c = base.candidates.find((x) => x.variantId === r.variantId) as Candidate;
          for (const rule of base.rules) {
            if (rule.kind === 'pet-safe') expect(c.attributes.petSafe).toBe(true);
            else expect(c.terms).not.toContain(rule.term);
          }
        }
        for (const e of result.excluded) expect(e.reason).not.toBe('');
      }),
    );
  });

  it('keeps the main list inside the budget and at most two stretch items, none when firm', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCandidate, { selector: (c) => c.id, maxLength: 15 }),
        fc.array(arbWish(), { minLength: 1, maxLength: 4 }),
        fc.record({ max: fc.integer({ min: 1, max: 500 }), firm: fc.boolean() }),
        fc.integer({ min: 1, max: 12 }),
        (cs, wishes, budget, quantity) => {
          const result = recommend(input({ candidates: cs.map((c) => toCandidate(c)), wishes, budget, quantity }));
          for (const r of result.main) expect(r.total).toBeLessThanOrEqual(budget.max);
          expect(result.stretch.length).toBeLessThanOrEqual(budget.firm ? 0 : 2);
          for (const r of result.stretch) expect(r.total).toBeGreaterThan(budget.max);
        },
      ),
    );
  });
});

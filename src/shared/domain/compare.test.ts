import { describe, expect, it } from 'vitest';
import { compare, shortPath } from './compare.ts';
import { HOME_DECOR_QUESTIONS } from './demo-question-sets.ts';
import type { Candidate, RecommendInput, Wish } from './recommend.ts';

const families = { 'dove-grey': 'grey', charcoal: 'grey', cream: 'cream', navy: 'blue', teal: 'blue', mustard: 'yellow', blush: 'pink' };
const cushion = (id: string, colours: string[]): Candidate => ({
  productId: 'prd_cushions',
  variantId: `var_${id}`,
  title: `Velvet cushion set — ${id}`,
  unitPrice: 65,
  attributes: { colours, materials: ['velvet'], rooms: ['living-room'], care: 'moderate' },
  terms: [],
  stock: { here: 3, elsewhere: [] },
  popularity: 0,
});
const tealMustard = cushion('Teal / mustard', ['teal', 'mustard']);
const greyBlush = cushion('Grey / blush', ['charcoal', 'blush']);
const base = (wishes: Wish[]): Omit<RecommendInput, 'limit'> => ({
  candidates: [tealMustard, greyBlush],
  wishes,
  budget: null,
  rules: [],
  history: [],
  weights: {},
  quantity: 1,
  labels: { charcoal: 'charcoal', 'dove-grey': 'dove grey', mustard: 'mustard', navy: 'navy' },
  families,
  currency: 'GBP',
  locale: 'en-GB',
});
const room = (colours: string[]): Wish[] => [
  { attribute: 'colours', values: colours, weight: 3, source: 'answer', context: 'your room' },
  { attribute: 'rooms', values: ['living-room'], weight: 1, source: 'answer' },
  { attribute: 'care', values: ['none', 'easy'], weight: 1, source: 'answer' },
];

describe('compare', () => {
  it('chooses the colourway that suits a grey-and-cream room, with the reason, and flips for navy and mustard', () => {
    const grey = compare(base(room(['dove-grey', 'cream'])));
    expect(grey.close).toBe(false);
    expect(grey.choice).toBe('var_Grey / blush');
    expect(grey.reasons[0]).toBe('charcoal, a shade close to dove grey');
    const navy = compare(base(room(['navy', 'mustard'])));
    expect(navy.choice).toBe('var_Teal / mustard');
    expect(navy.reasons[0]).toBe('mustard, like your room');
  });

  it('calls two near-equal options close and says what tells them apart', () => {
    const result = compare(base(room(['mustard', 'blush'])));
    expect(result.close).toBe(true);
    expect(result.choice).toBeNull();
    expect(result.reasons[0]).toMatch(/^Either fits; the difference is /);
    expect(result.reasons[0]).toContain('mustard');
    expect(result.reasons[0]).toContain('blush');
  });

  it('keeps the options in the order given and refuses a comparison of one', () => {
    expect(compare(base(room(['navy']))).options.map((o) => o.variantId)).toEqual(['var_Teal / mustard', 'var_Grey / blush']);
    expect(() => compare({ ...base([]), candidates: [tealMustard] })).toThrow('at least two');
  });
});

describe('compare within a budget', () => {
  // Grey / blush fits a grey-and-cream room better, and costs £95.
  const dearer = { ...greyBlush, unitPrice: 95 };
  const greyRoom = (budget: RecommendInput['budget']) =>
    compare({ ...base(room(['dove-grey', 'cream'])), candidates: [tealMustard, dearer], budget });

  it('does not suggest an option above a firm budget while another is within it, and says by how much it is over', () => {
    const result = greyRoom({ max: 70, firm: true });
    expect(result.choice).toBe('var_Teal / mustard');
    expect(result.close).toBe(false);
    const over = result.options.find((o) => o.variantId === dearer.variantId);
    expect(over?.overBudgetBy).toBe(25);
    expect(over?.reasons[0]).toEqual({ kind: 'budget', text: '£25.00 over the firm budget of £70.00' });
    expect(result.reasons).toContain('Velvet cushion set — Grey / blush: £25.00 over the firm budget of £70.00');
    expect(result.options.find((o) => o.variantId === tealMustard.variantId)?.overBudgetBy).toBeUndefined();
  });

  it('goes over a flexible budget only for a closer fit, and says so', () => {
    const result = greyRoom({ max: 70, firm: false });
    expect(result.choice).toBe('var_Grey / blush');
    expect(result.reasons[0]).toBe('£25.00 over your budget of £70.00, for a closer fit');
    expect(result.reasons).toContain('charcoal, a shade close to dove grey');
  });

  it('says when none is within the budget, and still compares them on what was said', () => {
    const result = greyRoom({ max: 50, firm: true });
    expect(result.reasons[0]).toBe('None of them is within the firm budget of £50.00');
    expect(result.choice).toBe('var_Grey / blush');
    expect(result.options.map((o) => o.overBudgetBy)).toEqual([15, 45]);
  });

  it('names the price as the difference when two close options sit either side of a flexible budget', () => {
    const result = compare({ ...base(room(['mustard', 'blush'])), candidates: [tealMustard, dearer], budget: { max: 70, firm: false } });
    expect(result.close).toBe(true);
    expect(result.reasons.at(-1)).toContain('Velvet cushion set — Grey / blush: £25.00 over your budget of £70.00');
    // The same amount over for both tells them no further apart.
    const both = compare({ ...base(room(['mustard', 'blush'])), budget: { max: 60, firm: true } });
    expect(both.reasons[0]).toBe('None of them is within the firm budget of £60.00');
    expect(both.reasons.at(-1)).toMatch(/^Either fits; the difference is /);
    expect(both.reasons.at(-1)).not.toContain('over');
  });
});

describe('the short path', () => {
  it('asks first what tells the options apart, then what either has, at most four, in the set’s order', () => {
    expect(shortPath(HOME_DECOR_QUESTIONS, [tealMustard, greyBlush])).toEqual(['room', 'colours', 'furniture', 'use']);
    expect(shortPath(HOME_DECOR_QUESTIONS, [tealMustard, greyBlush], 2)).toEqual(['room', 'colours']);
  });

  it('leaves out quantity, budget and free-text questions, and questions about nothing the options have', () => {
    const bare = { ...tealMustard, attributes: { colours: ['teal'] } };
    const other = { ...greyBlush, attributes: { colours: ['charcoal'] } };
    // Colours are all they have: what the colours are to go with (the furniture) is asked after them.
    expect(shortPath(HOME_DECOR_QUESTIONS, [bare, other])).toEqual(['colours', 'furniture', 'furniture-colours']);
    expect(shortPath(HOME_DECOR_QUESTIONS, [bare, other], 1)).toEqual(['colours']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';

/** Substitutes, plans, compare and goes-well-with on the demo world: the brief's two stories, told through the API. */
const ctx = setupTestApp();

type Plan = {
  lines: {
    variantId: string;
    title: string;
    source: string;
    from: string | null;
    storeId?: string;
    storeName?: string;
    availableOn: string | null;
    quantity: number;
    unitPrice: number;
  }[];
  units: number;
  shortfall: number;
  total: number;
  readyBy: string | null;
  words: string;
  overBudgetBy?: number;
};
type Stock = { here: number; elsewhere: { storeName: string; storeId?: string; available: number }[] };
type Substitute = {
  variantId: string;
  title: string;
  unitPrice: number;
  lifespan: string | null;
  keeps: string[];
  differs: string[];
  fits: string[];
  stock: Stock;
  completeWith: { quantity: number; total: number };
  instead: { quantity: number; total: number };
  overBudgetBy: number | null;
};
type Alternatives = {
  wanted: {
    variantId: string;
    title: string;
    stock: Stock;
    inSeason: boolean;
  };
  quantity: number;
  short: number;
  expected: { storeId: string; storeName: string; quantity: number; here: boolean; expectedAt: string }[];
  substitutes: Substitute[];
  plans: Plan[];
  stretch: Plan[];
  leftOut: { title: string; reason: string }[];
  notes: string[];
};

let bloom: string;
let bloomOwner: string;
let hearthAmbassador: string;
let stores: Record<string, string>;
let sets: Record<string, string>;
const variants: Record<string, string> = {};

const send = (method: 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE', cookie: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

/**
 * The coming New Year's Eve, a day or more ahead of the real clock: the database judges holds by its
 * own clock, so the holds placed on the app's Eve are still in force whenever the tests run.
 */
const EVE = (() => {
  const now = new Date();
  const year = now.getUTCFullYear() + (now.getTime() >= Date.UTC(now.getUTCFullYear(), 11, 30) ? 1 : 0);
  return `${year}-12-31`;
})();

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  // New Year's Eve, mid-morning.
  ctx.deps.now = () => new Date(`${EVE}T10:00:00Z`);
  bloom = await signIn(ctx.app, 'associate@bloom.example');
  bloomOwner = await signIn(ctx.app, 'owner@bloom.example');
  hearthAmbassador = await signIn(ctx.app, 'security@hearth.example');
  stores = Object.fromEntries((await ctx.deps.db.selectFrom('stores').select(['id', 'name']).execute()).map((s) => [s.name, s.id]));
  sets = Object.fromEntries((await ctx.deps.db.selectFrom('question_sets').select(['id', 'name']).execute()).map((s) => [s.name, s.id]));
  for (const v of await ctx.deps.db.selectFrom('variants').select(['id', 'sku']).execute()) if (v.sku) variants[v.sku] = v.id;
});

async function start(cookie: string, body: Record<string, unknown>) {
  const res = await send('POST', cookie, '/api/guidance-sessions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function answer(cookie: string, id: string, key: string, a: unknown) {
  const res = await send('PUT', cookie, `/api/guidance-sessions/${id}/answers/${key}`, { answer: a });
  expect(res.statusCode, res.body).toBe(200);
}

async function alternatives(cookie: string, id: string, variantId: string, quantity?: number): Promise<Alternatives> {
  const res = await send(
    'GET',
    cookie,
    `/api/guidance-sessions/${id}/alternatives?variantId=${variantId}${quantity ? `&quantity=${quantity}` : ''}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/**
 * Every plan's lines add up to its units and none takes more than is available where it comes
 * from: here, another store (the item or a substitute), or a delivery expected there.
 */
function checkPlan(plan: Plan, a: Alternatives) {
  expect(plan.lines.reduce((s, l) => s + l.quantity, 0)).toBe(plan.units);
  expect(plan.units + plan.shortfall).toBe(a.quantity);
  const at = (stock: Stock | undefined, storeId: string | undefined) =>
    (storeId ? stock?.elsewhere.find((e) => e.storeId === storeId)?.available : stock?.here) ?? 0;
  for (const l of plan.lines) {
    if (l.source === 'here' || l.source === 'other-store') expect(l.quantity).toBeLessThanOrEqual(at(a.wanted.stock, l.storeId));
    if (l.source === 'substitute')
      expect(l.quantity).toBeLessThanOrEqual(at(a.substitutes.find((s) => s.variantId === l.variantId)?.stock, l.storeId));
    if (l.source === 'delivery') {
      const due = a.expected.filter((d) => (l.storeId ? d.storeId === l.storeId : d.here)).reduce((n, d) => n + d.quantity, 0);
      expect(l.quantity).toBeLessThanOrEqual(due);
      expect(l.availableOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  }
  const days = plan.lines.flatMap((l) => (l.availableOn ? [l.availableOn] : [])).sort();
  expect(plan.readyBy).toBe(days.at(-1) ?? null);
}

async function newYearsEve(budget: { max: number; firm: boolean }) {
  const s = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside });
  await answer(bloom, s.id, 'occasion', { values: ['new-year'] });
  await answer(bloom, s.id, 'place', { values: ['dining-room'] });
  await answer(bloom, s.id, 'palette', { values: ['white'] });
  await answer(bloom, s.id, 'quantity', { quantity: 24 });
  await answer(bloom, s.id, 'budget', { budget });
  return s.id;
}

describe("New Year's Eve at the florist: 24 white ranunculus for a party table, 9 at Riverside, none at Old Town, £80", () => {
  let session: string;
  let found: Alternatives;

  beforeAll(async () => {
    session = await newYearsEve({ max: 80, firm: false });
    found = await alternatives(bloom, session, variants['BS-RAN-WHT'] as string);
  });

  it('says how short the shop is, that Old Town has none, and when more are expected', () => {
    expect(found.wanted.stock.here).toBe(9);
    expect(found.short).toBe(15);
    expect(found.wanted.stock.elsewhere.find((s) => s.storeName === 'Old Town')).toBeUndefined();
    expect(found.expected).toEqual([expect.objectContaining({ storeName: 'Old Town', quantity: 40, here: false })]);
  });

  it('offers substitutes that keep the palette, nearest first, each saying what differs and why it still fits', () => {
    const [first] = found.substitutes;
    expect(first?.title).toBe('Anemone — White');
    expect(first?.keeps).toContain('the colour: white');
    expect(first?.differs).toContain('£0.20 less each');
    expect(first?.fits.some((f) => f.toLowerCase().includes('white'))).toBe(true);
    for (const s of found.substitutes)
      expect(s.keeps.some((k) => k.includes('white')) || s.differs.some((d) => d.includes('close to white'))).toBe(true);
  });

  it('has a silk alternative that stays inside £80 for all 24', () => {
    const silk = found.substitutes.find((s) => s.lifespan === 'silk');
    expect(silk?.title).toBe('Silk ranunculus stem — White');
    expect(silk?.differs).toContain('silk rather than fresh: it lasts for years');
    expect(silk?.instead).toEqual({ quantity: 24, total: 76.8 });
  });

  it('makes a plan that reaches 24 within £80, and every plan adds up and respects stock', () => {
    const [best] = found.plans;
    expect(best?.units).toBe(24);
    expect(best?.shortfall).toBe(0);
    expect(best?.words).toBe('9 Ranunculus — White here + 15 Anemone — White here, which keeps the colour: white');
    expect(best?.total).toBe(54.6);
    for (const p of found.plans) {
      checkPlan(p, found);
      expect(p.total).toBeLessThanOrEqual(80);
    }
    for (const p of found.stretch) expect(p.overBudgetBy).toBeGreaterThan(0);
    expect(found.stretch.length).toBeLessThanOrEqual(2);
  });

  it('makes the delivery on its way to Old Town a plan too, saying where and when, after the plans ready now', () => {
    const due = found.plans.find((p) => p.lines.some((l) => l.source === 'delivery'));
    expect(due?.words).toMatch(/^9 Ranunculus — White here \+ 15 Ranunculus — White due at Old Town \w{3} \d{1,2} \w{3}$/);
    expect(due?.lines[1]).toMatchObject({ source: 'delivery', storeId: stores['Old Town'], storeName: 'Old Town', quantity: 15 });
    expect(due?.readyBy).toBe(due?.lines[1]?.availableOn);
    expect(due?.total).toBe(57.6);
    // The party is tonight: what the customer can take home now comes first.
    expect(found.plans.indexOf(due as Plan)).toBeGreaterThan(0);
    expect(found.plans[0]?.readyBy).toBeNull();
  });

  it('with a firm budget, shows nothing over it', async () => {
    const firm = await newYearsEve({ max: 60, firm: true });
    const a = await alternatives(bloom, firm, variants['BS-RAN-WHT'] as string);
    expect(a.stretch).toEqual([]);
    for (const p of a.plans) expect(p.total).toBeLessThanOrEqual(60);
    for (const s of a.substitutes) expect(s.overBudgetBy).toBeNull();
    expect(a.substitutes.some((s) => s.lifespan === 'silk')).toBe(false); // 24 silk stems are £76.80
  });

  it('choosing the plan puts it in the basket and holds the units for the customer; taking a line out releases its hold', async () => {
    const plan = found.plans[0] as Plan;
    const body = { clientId: 'plan-nye-0001', lines: plan.lines, hold: true, holdUntil: `${EVE}T18:00:00Z` };
    const res = await send('POST', bloom, `/api/guidance-sessions/${session}/plans`, body);
    expect(res.statusCode, res.body).toBe(200);
    const { basket, holds } = res.json();
    expect(basket.map((b: { title: string; quantity: number }) => [b.title, b.quantity])).toEqual([
      ['Ranunculus — White', 9],
      ['Anemone — White', 15],
    ]);
    expect(holds.map((h: { quantity: number; status: string; storeName: string }) => [h.quantity, h.status, h.storeName])).toEqual([
      [9, 'active', 'Riverside'],
      [15, 'active', 'Riverside'],
    ]);
    // Taking the same plan twice takes it once.
    const again = await send('POST', bloom, `/api/guidance-sessions/${session}/plans`, body);
    expect(again.json().basket).toHaveLength(2);
    // What is held is no longer available to others.
    expect((await alternatives(bloom, session, variants['BS-RAN-WHT'] as string)).wanted.stock.here).toBe(0);
    const removed = await send('DELETE', bloom, `/api/guidance-sessions/${session}/basket/${basket[1].id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const s = (await send('GET', bloom, `/api/guidance-sessions/${session}`)).json();
    expect(s.holds.map((h: { status: string }) => h.status)).toEqual(['active', 'released']);
  });

  it('a hold that expires while the plan is on screen shows as expired, and the units are available again', async () => {
    await ctx.deps.db
      .updateTable('stock_holds')
      // A minute ago by the database's clock, which judges holds.
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('session_id', '=', session)
      .where('status', '=', 'active')
      .execute();
    const s = (await send('GET', bloom, `/api/guidance-sessions/${session}`)).json();
    expect(s.holds.map((h: { status: string }) => h.status)).toEqual(['expired', 'released']);
    expect((await alternatives(bloom, session, variants['BS-RAN-WHT'] as string)).wanted.stock.here).toBe(9);
  });

  it('refuses a plan when stock has moved since it was shown, holding and adding nothing', async () => {
    const other = await newYearsEve({ max: 80, firm: false });
    const shown = (await alternatives(bloom, other, variants['BS-RAN-WHT'] as string)).plans[0] as Plan;
    // Someone at the till holds 5 of the 9 meanwhile.
    const held = await send('POST', bloomOwner, '/api/stock/holds', {
      storeId: stores.Riverside,
      variantId: variants['BS-RAN-WHT'],
      quantity: 5,
      expiresAt: `${EVE}T20:00:00Z`,
    });
    expect(held.statusCode, held.body).toBe(201);
    const res = await send('POST', bloom, `/api/guidance-sessions/${other}/plans`, {
      clientId: 'plan-nye-0002',
      lines: shown.lines,
      hold: true,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('only 4 Ranunculus — White can be held there now');
    const s = (await send('GET', bloom, `/api/guidance-sessions/${other}`)).json();
    expect(s.basket).toEqual([]);
    expect(s.holds).toEqual([]);
    // Plans shown afterwards count the hold.
    const fresh = (await alternatives(bloom, other, variants['BS-RAN-WHT'] as string)).plans[0] as Plan;
    expect(fresh.lines[0]).toMatchObject({ source: 'here', quantity: 4 });
    await send('POST', bloomOwner, `/api/stock/holds/${held.json().id}/release`);
  });
});

describe('when stock says no: hard cases', () => {
  it('a quantity no store can fill gets the fullest plan and an honest shortfall', async () => {
    const s = await newYearsEve({ max: 5000, firm: true });
    const a = await alternatives(bloom, s, variants['BS-RAN-WHT'] as string, 1000);
    const [best] = a.plans;
    expect(best?.shortfall).toBeGreaterThan(0);
    expect(best?.words).toMatch(/— \d+ short$/);
    expect(a.notes.some((n) => n.startsWith('No plan reaches 1000: the fullest brings'))).toBe(true);
    checkPlan(best as Plan, a);
  });

  it('a quantity no one source can fill is made from several together: here, a delivery at another store and substitutes', async () => {
    const s = await newYearsEve({ max: 1000, firm: false });
    const a = await alternatives(bloom, s, variants['BS-RAN-WHT'] as string, 60);
    expect(a.plans.length).toBeGreaterThan(1);
    expect(a.plans.length).toBeLessThanOrEqual(6);
    for (const p of a.plans) {
      checkPlan(p, a);
      expect(p.shortfall).toBe(0);
    }
    expect(a.notes.some((n) => n.startsWith('No plan reaches'))).toBe(false);
    // The best is ready now, from what is here; one waits for Old Town's 40 and completes them with anemones.
    expect(a.plans[0]?.readyBy).toBeNull();
    expect(a.plans[0]?.lines.every((l) => !l.storeId)).toBe(true);
    const mixed = a.plans.find((p) => p.lines.some((l) => l.source === 'delivery'));
    expect(mixed?.lines.map((l) => [l.source, l.title, l.quantity, l.storeName ?? null])).toEqual([
      ['here', 'Ranunculus — White', 9, null],
      ['delivery', 'Ranunculus — White', 40, 'Old Town'],
      ['substitute', 'Anemone — White', 11, null],
    ]);
  });

  it('a product with nothing recorded about it gets alternatives by kind and price, and says so', async () => {
    const category = await ctx.deps.db.selectFrom('categories').select('id').where('name', '=', 'Stems').executeTakeFirstOrThrow();
    const created = await send('POST', bloomOwner, '/api/products', {
      title: 'Mystery stem',
      categoryId: category.id,
      variants: [{ title: 'Default', sku: 'BS-MYSTERY', price: 2.5 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const s = await newYearsEve({ max: 80, firm: false });
    const a = await alternatives(bloom, s, created.json().variants[0].id, 6);
    expect(a.notes).toContain(
      'Nothing is recorded about what Mystery stem is like (colour, size, fresh or silk), so these are alike by kind and price only.',
    );
    expect(a.substitutes.length).toBeGreaterThan(0);
    expect(a.substitutes[0]?.keeps).toContain('the same kind (stems)');
  });

  it('an out-of-season item gets in-season alternatives, with the reason said', async () => {
    const s = await newYearsEve({ max: 200, firm: false });
    const a = await alternatives(bloom, s, variants['BS-PEO-WHT'] as string, 10);
    expect(a.wanted.inSeason).toBe(false);
    expect(a.notes[0]).toMatch(/is out of season \(1 May to 30 June\); these are in season now\.$/);
    expect(a.substitutes[0]?.keeps).toContain('in season now');
  });

  it('refuses unknown items and quantities out of range, naming the field', async () => {
    const s = await newYearsEve({ max: 80, firm: false });
    const none = await send('GET', bloom, `/api/guidance-sessions/${s}/alternatives?variantId=var_nope`);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].field).toBe('variantId');
    const zero = await send('GET', bloom, `/api/guidance-sessions/${s}/alternatives?variantId=${variants['BS-RAN-WHT']}&quantity=0`);
    expect(zero.statusCode).toBe(400);
  });
});

describe('choosing a plan with units in another store', () => {
  const anemone = () => variants['BS-ANE-WHT'] as string;
  const release = async (holds: { id: string }[]) => {
    for (const h of holds) expect((await send('POST', bloomOwner, `/api/stock/holds/${h.id}/release`)).statusCode).toBe(200);
  };

  it('holds the other store’s units at that store, and they are no longer offered there', async () => {
    const s = await newYearsEve({ max: 1000, firm: false });
    const a = await alternatives(bloom, s, anemone(), 60);
    const best = a.plans[0] as Plan;
    expect(best.words).toBe('48 Anemone — White here + 12 Anemone — White from Old Town, in stock there now');
    expect(best.lines[1]).toMatchObject({ source: 'other-store', storeId: stores['Old Town'], from: 'Old Town', availableOn: null });
    const res = await send('POST', bloom, `/api/guidance-sessions/${s}/plans`, {
      clientId: 'plan-away-0001',
      lines: best.lines,
      hold: true,
      holdUntil: `${EVE}T18:00:00Z`,
      for: { variantId: anemone(), quantity: 60 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const holds = res.json().holds as { id: string; quantity: number; storeId: string; storeName: string; status: string }[];
    expect(holds.map((h) => [h.quantity, h.storeName, h.storeId, h.status])).toEqual([
      [48, 'Riverside', stores.Riverside, 'active'],
      [12, 'Old Town', stores['Old Town'], 'active'],
    ]);
    const after = await alternatives(bloom, s, anemone(), 60);
    expect(after.wanted.stock.elsewhere.find((e) => e.storeName === 'Old Town')?.available).toBe(
      (a.wanted.stock.elsewhere.find((e) => e.storeName === 'Old Town')?.available ?? 0) - 12,
    );
    await release(holds);
  });

  it('holds a substitute from another store there, and refuses a store that does not exist', async () => {
    const s = await newYearsEve({ max: 1000, firm: false });
    const line = { variantId: anemone(), quantity: 5, source: 'substitute', storeId: stores['Old Town'] };
    const res = await send('POST', bloom, `/api/guidance-sessions/${s}/plans`, { clientId: 'plan-away-0002', lines: [line], hold: true });
    expect(res.statusCode, res.body).toBe(200);
    const holds = res.json().holds as { id: string; quantity: number; storeName: string }[];
    expect(holds.map((h) => [h.quantity, h.storeName])).toEqual([[5, 'Old Town']]);
    await release(holds);
    const nowhere = await send('POST', bloom, `/api/guidance-sessions/${s}/plans`, {
      clientId: 'plan-away-0003',
      lines: [{ ...line, storeId: 'sto_nowhere' }],
      hold: true,
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.fields[0]).toEqual({ field: 'lines.0.storeId', message: 'There is no such store.' });
  });
});

describe('the second opinion: the ambassador compares the two cushion colourways', () => {
  let session: string;
  const teal = () => variants['HH-VCS-TM'] as string;
  const grey = () => variants['HH-VCS-GB'] as string;
  const compareNow = async (ids = [teal(), grey()]) => {
    const res = await send('POST', hearthAmbassador, `/api/guidance-sessions/${session}/compare`, { variantIds: ids });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      choice: string | null;
      close: boolean;
      reasons: string[];
      options: { variantId: string; fit: number }[];
      shortPath: { key: string; answered: boolean }[];
    };
  };

  beforeAll(async () => {
    session = (await start(hearthAmbassador, { setId: sets['Dressing a room'], storeId: stores['Main Street'] })).id;
  });

  it('asks a short path of four questions that tell them apart', async () => {
    const c = await compareNow();
    expect(c.shortPath).toEqual([
      { key: 'room', answered: false },
      { key: 'colours', answered: false },
      { key: 'style', answered: false },
      { key: 'use', answered: false },
    ]);
  });

  it('with four answers about a grey-and-cream living room, chooses grey / blush and says why', async () => {
    await answer(hearthAmbassador, session, 'room', { values: ['living-room'] });
    await answer(hearthAmbassador, session, 'colours', { values: ['dove-grey', 'cream'] });
    await answer(hearthAmbassador, session, 'style', { values: ['contemporary'] });
    await answer(hearthAmbassador, session, 'use', { values: ['daily'] });
    const c = await compareNow();
    expect(c.shortPath.every((q) => q.answered)).toBe(true);
    expect(c.close).toBe(false);
    expect(c.choice).toBe(grey());
    expect(c.reasons.join(' ')).toMatch(/charcoal/);
  });

  it('flipped answers flip the choice', async () => {
    await answer(hearthAmbassador, session, 'colours', { values: ['teal', 'mustard'] });
    const c = await compareNow([grey(), teal()]);
    expect(c.choice).toBe(teal());
    expect(c.options.map((o) => o.variantId)).toEqual([grey(), teal()]);
  });

  it('calls two near-equal options close and says what differs', async () => {
    await answer(hearthAmbassador, session, 'colours', { values: ['mustard', 'blush'] });
    const c = await compareNow();
    expect(c.close).toBe(true);
    expect(c.choice).toBeNull();
    expect(c.reasons.at(-1)).toMatch(/^Either fits; the difference is /);
  });

  it('says by how much each is over the budget they gave, and when none is within it; the comparison is kept with the budget', async () => {
    const { price } = await ctx.deps.db.selectFrom('variants').select('price').where('id', '=', grey()).executeTakeFirstOrThrow();
    const max = Number(price) - 5;
    await answer(hearthAmbassador, session, 'budget', { budget: { max, firm: true } });
    const c = (await compareNow()) as Awaited<ReturnType<typeof compareNow>> & {
      options: { variantId: string; overBudgetBy?: number; reasons: { kind: string; text: string }[] }[];
    };
    expect(c.reasons[0]).toMatch(/^None of them is within the firm budget of \$/);
    for (const o of c.options) {
      expect(o.overBudgetBy).toBe(5);
      expect(o.reasons[0]).toEqual({ kind: 'budget', text: expect.stringMatching(/^\$5\.00 over the firm budget of \$/) });
    }
    const kept = await ctx.deps.db
      .selectFrom('guidance_lists')
      .select('budget')
      .where('session_id', '=', session)
      .where('kind', '=', 'compare')
      .execute();
    expect(kept.map((k) => k.budget)).toContainEqual({ max, firm: true });
  });

  it('refuses a comparison of one option', async () => {
    const res = await send('POST', hearthAmbassador, `/api/guidance-sessions/${session}/compare`, { variantIds: [teal(), teal()] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toEqual({ field: 'variantIds', message: 'A comparison needs at least two different options.' });
  });

  it('keeps each comparison beside the recommendation lists', async () => {
    const rows = await ctx.deps.db.selectFrom('guidance_lists').select('kind').where('session_id', '=', session).execute();
    expect(rows.filter((r) => r.kind === 'compare').length).toBeGreaterThanOrEqual(4);
  });
});

describe('goes well with the basket', () => {
  it('suggests what pairs with the basket, with the reason, leaving out what is already in it', async () => {
    const s = await newYearsEve({ max: 80, firm: false });
    const add = await send('POST', bloom, `/api/guidance-sessions/${s}/basket`, {
      clientId: 'basket-pair-0001',
      variantId: variants['BS-RAN-WHT'],
      quantity: 9,
    });
    expect(add.statusCode, add.body).toBe(200);
    const res = await send('GET', bloom, `/api/guidance-sessions/${s}/goes-well-with`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { title: string; withTitle: string; reason: string; variants: unknown[] }[];
    expect(items.map((i) => i.title)).toContain('Anemone');
    expect(items.every((i) => i.withTitle === 'Ranunculus' && i.reason.length > 0 && i.variants.length > 0)).toBe(true);
    expect(items.map((i) => i.title)).not.toContain('Ranunculus');
  });
});

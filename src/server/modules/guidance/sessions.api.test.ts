import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';

/** Guided selling on the demo world: the brief's stories, told through the API. */
const ctx = setupTestApp();

type Rec = {
  variantId: string;
  productId: string;
  title: string;
  total: number;
  unitPrice: number;
  fit: number;
  reasons: { kind: string; text: string }[];
};

let bloom: string;
let hearth: string;
let bloomOwner: string;
let ambassador: string;
let stores: Record<string, string>;
let sets: Record<string, string>;
let cushionsId: string;

const send = (method: 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE', cookie: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  bloom = await signIn(ctx.app, 'associate@bloom.example');
  hearth = await signIn(ctx.app, 'associate@hearth.example');
  bloomOwner = await signIn(ctx.app, 'owner@bloom.example');
  ambassador = await signIn(ctx.app, 'security@bloom.example');
  stores = Object.fromEntries((await ctx.deps.db.selectFrom('stores').select(['id', 'name']).execute()).map((s) => [s.name, s.id]));
  cushionsId = (await ctx.deps.db.selectFrom('categories').select('id').where('name', '=', 'Cushions').executeTakeFirstOrThrow()).id;
  sets = Object.fromEntries((await ctx.deps.db.selectFrom('question_sets').select(['id', 'name']).execute()).map((s) => [s.name, s.id]));
});

async function start(cookie: string, body: Record<string, unknown>) {
  const res = await send('POST', cookie, '/api/guidance-sessions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function answer(cookie: string, id: string, key: string, a: unknown) {
  const res = await send('PUT', cookie, `/api/guidance-sessions/${id}/answers/${key}`, { answer: a });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function recommendations(
  cookie: string,
  id: string,
  limit = 10,
): Promise<{
  main: Rec[];
  stretch: Rec[];
  excluded: { title: string; reason: string }[];
  bestSellers: boolean;
  listId: string;
  budget: unknown;
}> {
  const res = await send('POST', cookie, `/api/guidance-sessions/${id}/recommendations?limit=${limit}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const cushionOrder = (main: Rec[]) => main.filter((r) => r.title.startsWith('Velvet cushion set')).map((r) => r.title);

describe('the second opinion, first half', () => {
  it('ranks the grey / blush cushions above the teal / mustard ones for a grey-and-cream living room with oak furniture in daily use', async () => {
    const s = await start(hearth, { setId: sets['Dressing a room'], storeId: stores['Main Street'] });
    expect(s.toAsk[0]).toBe('room');
    const cushions = s.categoryOptions.find((c: { path: string }) => c.path === 'Soft furnishings/Cushions');
    const narrowed = await send('PATCH', hearth, `/api/guidance-sessions/${s.id}`, { categoryId: cushions.id });
    expect(narrowed.json().category).toEqual(cushions);
    await answer(hearth, s.id, 'room', { values: ['living-room'] });
    await answer(hearth, s.id, 'colours', { values: ['dove-grey', 'cream'] });
    await answer(hearth, s.id, 'furniture', { values: ['oak'] });
    await answer(hearth, s.id, 'furniture-colours', { values: ['dove-grey'] });
    await answer(hearth, s.id, 'use', { values: ['daily'] });
    const list = await recommendations(hearth, s.id, 20);
    expect(cushionOrder(list.main)).toEqual(['Velvet cushion set — Grey / blush', 'Velvet cushion set — Teal / mustard']);
    const greyBlush = list.main.find((r) => r.title === 'Velvet cushion set — Grey / blush') as Rec;
    const texts = greyBlush.reasons.map((r) => r.text);
    expect(texts).toContain('charcoal, a shade close to dove grey');
    expect(texts).toContain('living room, like the room');
    // Velvet beside oak is not a fault: the furniture's woods and colours are what the cushions go with.
    expect(texts).toContain('blush and charcoal, to go with the colours of your furniture');
    expect(texts).toContain('blush and charcoal, to go with the wood and finish of your furniture');
    expect(texts.filter((t) => /oak/.test(t))).toEqual([]);
    expect(texts.some((t) => /^2 here/.test(t))).toBe(true);
    // The answers, not the catalogue order, decide: the better fit has the higher score.
    const tealMustard = list.main.find((r) => r.title === 'Velvet cushion set — Teal / mustard') as Rec;
    expect(greyBlush.fit).toBeGreaterThan(tealMustard.fit);
  });

  it('flips the order for a navy sofa with mustard accents', async () => {
    const s = await start(hearth, { setId: sets['Dressing a room'], storeId: stores['Main Street'], categoryId: cushionsId });
    await answer(hearth, s.id, 'room', { values: ['living-room'] });
    await answer(hearth, s.id, 'colours', { values: ['navy', 'mustard'] });
    await answer(hearth, s.id, 'furniture', { values: ['oak'] });
    await answer(hearth, s.id, 'furniture-colours', { values: ['navy'] });
    await answer(hearth, s.id, 'use', { values: ['daily'] });
    const list = await recommendations(hearth, s.id, 20);
    expect(cushionOrder(list.main)).toEqual(['Velvet cushion set — Teal / mustard', 'Velvet cushion set — Grey / blush']);
    const first = list.main.find((r) => r.title === 'Velvet cushion set — Teal / mustard') as Rec;
    expect(first.reasons.map((r) => r.text)).toContain('mustard, like your room');
    expect(first.reasons.map((r) => r.text)).toContain('mustard and teal, to go with the colours of your furniture');
  });

  it('lets the light in the room lean the list: lighter colours for a dim room, said why', async () => {
    const s = await start(hearth, { setId: sets['Dressing a room'], storeId: stores['Main Street'], categoryId: cushionsId });
    await answer(hearth, s.id, 'room', { values: ['living-room'] });
    const before = await recommendations(hearth, s.id, 20);
    await answer(hearth, s.id, 'light', { values: ['low'] });
    const dim = await recommendations(hearth, s.id, 20);
    const ivory = (l: Rec[]) => l.find((r) => r.title.endsWith('Ivory / oatmeal')) as Rec;
    const indigo = (l: Rec[]) => l.find((r) => r.title.endsWith('Indigo / duck egg')) as Rec;
    expect(ivory(dim.main).reasons.map((r) => r.text)).toContain('cream, to go with the light in the room');
    expect(ivory(dim.main).fit).toBeGreaterThan(indigo(dim.main).fit);
    expect(ivory(before.main).fit).toBe(indigo(before.main).fit);
    // A room with light to spare can take the deep tones.
    await answer(hearth, s.id, 'light', { values: ['bright'] });
    const bright = await recommendations(hearth, s.id, 20);
    expect(indigo(bright.main).reasons.map((r) => r.text)).toContain('blue, to go with the light in the room');
    expect(indigo(bright.main).fit).toBeGreaterThan(ivory(bright.main).fit);
  });
});

describe('a returning customer', () => {
  it('pre-fills Mrs Okafor’s living-room palette and her cat, cites the palette first, and shows nothing unsafe for the cat', async () => {
    const [okafor] = (await send('GET', bloom, '/api/customers?q=okafor')).json().items;
    const s = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside, customerId: okafor.id });
    expect(s.customer).toMatchObject({ id: okafor.id, name: 'Adaeze Okafor' });
    expect(s.known.palette).toMatchObject({ answer: { values: ['sage', 'cream'] }, said: 'Your living room is sage and cream' });
    expect(s.known.pets).toMatchObject({ answer: { values: ['yes'] }, said: 'cat at home' });
    // The associate confirms what she said last time, and asks the rest.
    await answer(bloom, s.id, 'palette', s.known.palette.answer);
    await answer(bloom, s.id, 'pets', s.known.pets.answer);
    await answer(bloom, s.id, 'lifespan', { values: ['fresh'] });
    const list = await recommendations(bloom, s.id);
    expect(list.bestSellers).toBe(false);
    const top = list.main[0] as Rec;
    expect(top.title).toBe('Rose and olive hand-tied');
    expect(top.reasons[0]?.text).toBe('cream and sage, like your living room');
    const shown = [...list.main, ...list.stretch];
    const rows = await ctx.deps.db
      .selectFrom('variants as v')
      .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'v.product_id').onRef('p.retailer_id', '=', 'v.retailer_id'))
      .select(['v.id', 'p.title', 'p.attributes', 'v.attributes as variant_attributes'])
      .where(
        'v.id',
        'in',
        shown.map((r) => r.variantId),
      )
      .execute();
    for (const r of rows) {
      const petSafe = (r.variant_attributes as { petSafe?: boolean }).petSafe ?? (r.attributes as { petSafe?: boolean }).petSafe;
      expect(petSafe, r.title).toBe(true);
      expect(r.title.toLowerCase()).not.toContain('lil');
    }
    const lily = list.excluded.find((e) => /lily/i.test(e.title));
    expect(lily?.reason).toMatch(/^(Not safe with pets: cat at home|You avoid lilies: cat at home)$/);
  });

  it('keeps confirmed answers on her profile with her agreement, once', async () => {
    const [okafor] = (await send('GET', bloom, '/api/customers?q=okafor')).json().items;
    const s = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside, customerId: okafor.id });
    await answer(bloom, s.id, 'style', { values: ['country-garden'] });
    await answer(bloom, s.id, 'palette', { values: ['sage', 'cream'] });
    const url = `/api/guidance-sessions/${s.id}/save-preferences`;
    // Without the customer's agreement said in so many words, nothing is kept.
    for (const body of [undefined, {}, { customerAgreed: false }]) {
      const refused = await send('POST', bloom, url, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['customerAgreed']);
    }
    expect((await ctx.app.inject({ method: 'POST', url, payload: { customerAgreed: true } })).statusCode).toBe(401);
    expect((await send('POST', ambassador, url, { customerAgreed: true })).statusCode).toBe(403);
    const priya = await ctx.deps.db
      .selectFrom('staff')
      .select('id')
      .where('email', '=', 'associate@bloom.example')
      .executeTakeFirstOrThrow();
    const saved = await send('POST', bloom, url, { customerAgreed: true });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().saved.map((p: { key: string; value: unknown }) => [p.key, p.value])).toEqual([
      ['colour-liked', { colour: 'sage' }],
      ['colour-liked', { colour: 'cream' }],
      ['style', { style: 'country-garden' }],
    ]);
    expect((await send('POST', bloom, url, { customerAgreed: true })).json().saved).toEqual([]);
    const profile = (await send('GET', bloom, `/api/customers/${okafor.id}`)).json();
    const style = profile.preferences.find((p: { key: string }) => p.key === 'style');
    expect(style).toMatchObject({ value: { style: 'country-garden' } });
    const row = await ctx.deps.db
      .selectFrom('customer_preferences')
      .select(['session_id', 'recorded_by'])
      .where('id', '=', style.id)
      .executeTakeFirstOrThrow();
    expect(row.session_id).toBe(s.id);
    expect(row.recorded_by).toBe(priya.id);
    // The agreement is logged each time it is given, with what it added.
    const kept = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'subject_id', 'details'])
      .where('action', '=', 'guidance.answers-kept')
      .where('subject_id', '=', okafor.id)
      .execute();
    const added = kept.map((k) => (k.details as { preferenceIds: string[] }).preferenceIds).sort((a, b) => b.length - a.length);
    expect(added).toEqual([expect.arrayContaining([style.id]), []]);
    expect(added[0]).toHaveLength(3);
    for (const k of kept) expect(k).toMatchObject({ actor_id: priya.id, details: { sessionId: s.id, customerAgreed: true } });
    // The next visit is offered the style she gave today.
    const next = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside, customerId: okafor.id });
    expect(next.known.style).toMatchObject({ answer: { values: ['country-garden'] } });
  });
});

describe('no overselling', () => {
  it('keeps a firm £30 for 10 stems: nothing above £3 a stem and no stretch group; the list is kept with its budget', async () => {
    const s = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside });
    await answer(bloom, s.id, 'palette', { values: ['white'] });
    await answer(bloom, s.id, 'quantity', { quantity: 10 });
    await answer(bloom, s.id, 'budget', { budget: { max: 30, firm: true } });
    const list = await recommendations(bloom, s.id);
    expect(list.main.length).toBeGreaterThan(0);
    for (const r of list.main) {
      expect(r.unitPrice, r.title).toBeLessThanOrEqual(3);
      expect(r.total).toBeLessThanOrEqual(30);
    }
    expect(list.stretch).toEqual([]);
    const kept = await ctx.deps.db.selectFrom('guidance_lists').selectAll().where('id', '=', list.listId).executeTakeFirstOrThrow();
    expect(kept.budget).toEqual({ max: 30, firm: true });
    expect(kept.quantity).toBe(10);
    expect(Number(kept.main_max_total)).toBeLessThanOrEqual(30);
    expect((kept.inputs as { answers: object }).answers).toMatchObject({ budget: { budget: { max: 30, firm: true } } });
    const shown = (await send('GET', bloom, `/api/guidance-sessions/${s.id}/recommendations`)).json().items;
    expect(shown).toEqual([
      expect.objectContaining({ id: list.listId, budget: { max: 30, firm: true }, quantity: 10, withinBudget: true, stretch: 0 }),
    ]);
  });

  it('shows at most two closer fits above a flexible budget, apart, each with its difference and a reason', async () => {
    const s = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside });
    await answer(bloom, s.id, 'palette', { values: ['white', 'blush'] });
    await answer(bloom, s.id, 'style', { values: ['romantic'] });
    await answer(bloom, s.id, 'quantity', { quantity: 10 });
    await answer(bloom, s.id, 'budget', { budget: { max: 30, firm: false } });
    const list = await recommendations(bloom, s.id);
    for (const r of list.main) expect(r.total).toBeLessThanOrEqual(30);
    expect(list.stretch.length).toBeLessThanOrEqual(2);
    for (const r of list.stretch) {
      expect(r.total).toBeGreaterThan(30);
      expect(r.reasons[0]?.text).toMatch(/^£[\d.]+ over your budget, for a closer fit: /);
    }
  });
});

describe('when nothing is known', () => {
  it('gives in-stock best-sellers, labelled as such, to a customer who answers nothing', async () => {
    const s = await start(ambassador, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside });
    const list = await recommendations(ambassador, s.id);
    expect(list.bestSellers).toBe(true);
    expect(list.main.length).toBeGreaterThan(0);
    for (const r of list.main) expect(r.reasons[0]).toEqual({ kind: 'best-seller', text: 'One of our best-sellers' });
  });
});

describe('bad input', () => {
  let id: string;
  beforeAll(async () => {
    id = (await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside })).id;
  });

  it('names what is wrong with an answer and keeps the session as it was', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['no-such-question', { values: ['x'] }, 404, /has no question "no-such-question"/],
      ['budget', { budget: { max: 0, firm: true } }, 400, /above 0/],
      ['budget', { budget: { max: -5, firm: false } }, 400, /above 0/],
      ['quantity', { quantity: 10_000 }, 400, /1 to 1,000/],
      ['quantity', { quantity: 2.5 }, 400, /whole number/],
      ['recipient', { values: ['cat'] }, 400, /not one of the choices/],
      ['palette', { values: ['ultraviolet'] }, 400, /Not in your colour vocabulary: ultraviolet/],
      ['palette', { quantity: 3 }, 400, /chosen values/],
    ];
    for (const [key, a, status, message] of cases) {
      const res = await send('PUT', bloom, `/api/guidance-sessions/${id}/answers/${key}`, { answer: a });
      expect(res.statusCode, `${key} ${JSON.stringify(a)}`).toBe(status);
      expect(res.json().error.message + JSON.stringify(res.json().error.fields ?? []), key).toMatch(message);
    }
    expect((await send('GET', bloom, `/api/guidance-sessions/${id}`)).json().answers).toEqual({});
  });

  it('refuses a question set with a branching cycle and a weight that is not a number', async () => {
    const base = (await send('GET', bloomOwner, `/api/question-sets/${sets['Flowers for an occasion']}`)).json().definition;
    const cycle = structuredClone(base);
    cycle.questions[0].askIf = { question: 'place', anyOf: ['hallway'] };
    cycle.questions[1].askIf = { question: 'occasion', anyOf: ['birthday'] };
    const res = await send('POST', bloomOwner, '/api/question-sets', cycle);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.fields)).toMatch(/round in a circle/);
    const weight = structuredClone(base);
    weight.questions[0].maps[0].weight = 'heavy';
    expect((await send('POST', bloomOwner, '/api/question-sets', weight)).statusCode).toBe(400);
  });

  it('keeps the version a session started with when the set is edited mid-session', async () => {
    const setId = sets['Flowers for an occasion'] as string;
    const s = await start(bloom, { setId, storeId: stores.Riverside });
    const current = (await send('GET', bloomOwner, `/api/question-sets/${setId}`)).json();
    const edited = { ...current.definition, questions: current.definition.questions.filter((q: { key: string }) => q.key !== 'scent') };
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: `/api/question-sets/${setId}`,
      headers: { cookie: bloomOwner, 'if-match': `"${current.currentVersion}"` },
      payload: edited,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await answer(bloom, s.id, 'scent', { values: ['none'] });
    expect(after.set).toMatchObject({ version: current.version, currentVersion: current.currentVersion + 1 });
    expect(after.answers.scent).toEqual({ values: ['none'] });
    const fresh = await start(bloom, { setId, storeId: stores.Riverside });
    expect(
      (await send('PUT', bloom, `/api/guidance-sessions/${fresh.id}/answers/scent`, { answer: { values: ['none'] } })).statusCode,
    ).toBe(404);
  });

  it('drops a product retired mid-session from the next list and refuses it in the basket', async () => {
    const s = await start(hearth, { setId: sets['Dressing a room'], storeId: stores['Main Street'] });
    await answer(hearth, s.id, 'colours', { values: ['teal', 'mustard'] });
    const before = await recommendations(hearth, s.id);
    const first = before.main[0] as Rec;
    await ctx.deps.db.updateTable('products').set({ status: 'retired' }).where('id', '=', first.productId).execute();
    try {
      const after = await recommendations(hearth, s.id);
      expect(after.main.map((r) => r.productId)).not.toContain(first.productId);
      const res = await send('POST', hearth, `/api/guidance-sessions/${s.id}/basket`, {
        clientId: 'basket-retired-1',
        variantId: first.variantId,
        quantity: 1,
        listId: before.listId,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ field: 'variantId', message: expect.stringMatching(/no longer sold/) });
    } finally {
      await ctx.deps.db.updateTable('products').set({ status: 'active' }).where('id', '=', first.productId).execute();
    }
  });
});

describe('two devices on one session', () => {
  const put = (id: string, key: string, body: unknown) => send('PUT', bloom, `/api/guidance-sessions/${id}/answers/${key}`, body);
  const del = (id: string, key: string, body?: unknown) => send('DELETE', bloom, `/api/guidance-sessions/${id}/answers/${key}`, body);

  it('refuses an answer given over one the device did not see, says which stands, and keeps both devices’ repeats', async () => {
    const { id } = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside });
    // The tablet answers first; the phone, still showing no answer, answers differently.
    expect((await put(id, 'palette', { answer: { values: ['sage'] }, replaces: null })).statusCode).toBe(200);
    const stale = await put(id, 'palette', { answer: { values: ['blush'] }, replaces: null });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.message).toMatch(/answered on another device after this screen showed it, so this answer was not saved/);
    expect(stale.json().error.details).toEqual({ current: { values: ['sage'] } });
    // The tablet's answer sent again (a replay) is a repeat, whatever it names as shown.
    expect((await put(id, 'palette', { answer: { values: ['sage'] }, replaces: null })).statusCode).toBe(200);
    // Having seen the tablet's answer, the phone changes it.
    const changed = await put(id, 'palette', { answer: { values: ['blush', 'sage'] }, replaces: { values: ['sage'] } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().answers.palette).toEqual({ values: ['blush', 'sage'] });
    // Without `replaces` the last answer stands, as before.
    expect((await put(id, 'palette', { answer: { values: ['white'] } })).json().answers.palette).toEqual({ values: ['white'] });
  });

  it('does not take back an answer given elsewhere since the device showed the question', async () => {
    const { id } = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside });
    await put(id, 'palette', { answer: { values: ['sage'] } });
    const stale = await del(id, 'palette', { replaces: null });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.message).toMatch(/so the question was not skipped/);
    const outdated = await del(id, 'palette', { replaces: { values: ['blush'] } });
    expect(outdated.statusCode).toBe(409);
    const taken = await del(id, 'palette', { replaces: { values: ['sage'] } });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().answers).toEqual({});
    // Answering over an answer taken back elsewhere is refused; a skip with no body still works.
    const over = await put(id, 'palette', { answer: { values: ['white'] }, replaces: { values: ['sage'] } });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toMatch(/was taken back on another device/);
    expect((await put(id, 'palette', { answer: { values: ['white'] }, replaces: null })).statusCode).toBe(200);
    const plain = await del(id, 'palette');
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json().answers).toEqual({});
  });

  it('lets one of two answers sent at the same moment over the same shown answer through, and refuses the other', async () => {
    const { id } = await start(bloom, { setId: sets['Flowers for an occasion'], storeId: stores.Riverside });
    const both = await Promise.all([
      put(id, 'palette', { answer: { values: ['sage'] }, replaces: null }),
      put(id, 'palette', { answer: { values: ['blush'] }, replaces: null }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const standing = (await send('GET', bloom, `/api/guidance-sessions/${id}`)).json().answers.palette;
    const winner = both.find((r) => r.statusCode === 200);
    expect(winner?.json().answers.palette).toEqual(standing);
    expect(both.find((r) => r.statusCode === 409)?.json().error.details.current).toEqual(standing);
  });
});

describe('the basket and privacy', () => {
  it('adds a recommended item once per clientId and takes it out again', async () => {
    const s = await start(hearth, { setId: sets['Dressing a room'], storeId: stores['Main Street'] });
    await answer(hearth, s.id, 'colours', { values: ['teal'] });
    const list = await recommendations(hearth, s.id);
    const pick = list.main[0] as Rec;
    const line = { clientId: 'basket-line-0001', variantId: pick.variantId, quantity: 2, listId: list.listId };
    const added = await send('POST', hearth, `/api/guidance-sessions/${s.id}/basket`, line);
    expect(added.statusCode, added.body).toBe(200);
    expect((await send('POST', hearth, `/api/guidance-sessions/${s.id}/basket`, line)).json().items).toHaveLength(1);
    const [item] = added.json().items;
    expect(item).toMatchObject({ variantId: pick.variantId, quantity: 2, total: pick.unitPrice * 2, listId: list.listId });
    const removed = await send('DELETE', hearth, `/api/guidance-sessions/${s.id}/basket/${item.id}`);
    expect(removed.json().items).toEqual([]);
  });

  it('takes a replayed narrowing and a replayed removal as repeats, as the visit screen’s queue may send them', async () => {
    const s = await start(hearth, { setId: sets['Dressing a room'], storeId: stores['Main Street'] });
    const cushions = s.categoryOptions.find((c: { path: string }) => c.path === 'Soft furnishings/Cushions');
    for (const _ of [1, 2]) {
      const narrowed = await send('PATCH', hearth, `/api/guidance-sessions/${s.id}`, { categoryId: cushions.id });
      expect(narrowed.statusCode, narrowed.body).toBe(200);
      expect(narrowed.json().category).toEqual(cushions);
    }
    const list = await recommendations(hearth, s.id);
    const pick = list.main[0] as Rec;
    const kept = { clientId: 'basket-line-0002', variantId: pick.variantId, quantity: 1, listId: list.listId };
    const taken = { ...kept, clientId: 'basket-line-0003', quantity: 3 };
    await send('POST', hearth, `/api/guidance-sessions/${s.id}/basket`, kept);
    const added = (await send('POST', hearth, `/api/guidance-sessions/${s.id}/basket`, taken)).json().items;
    const line = added.find((l: { clientId: string }) => l.clientId === taken.clientId);
    for (const _ of [1, 2]) {
      const removed = await send('DELETE', hearth, `/api/guidance-sessions/${s.id}/basket/${line.id}`);
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json().items.map((l: { clientId: string }) => l.clientId)).toEqual([kept.clientId]);
    }
    // A replayed adding of the line taken out does not bring it back.
    expect((await send('POST', hearth, `/api/guidance-sessions/${s.id}/basket`, taken)).json().items).toHaveLength(1);
  });

  it('never shows one retailer’s session to another, and keeps profiles from roles that may not see them', async () => {
    const s = await start(hearth, { setId: sets['Dressing a room'], storeId: stores['Main Street'] });
    expect((await send('GET', bloom, `/api/guidance-sessions/${s.id}`)).statusCode).toBe(404);
    expect((await send('POST', bloom, `/api/guidance-sessions/${s.id}/recommendations`)).statusCode).toBe(404);
    expect(
      (await send('POST', bloom, '/api/guidance-sessions', { setId: sets['Dressing a room'], storeId: stores.Riverside })).statusCode,
    ).toBe(400);
    const [okafor] = (await send('GET', bloom, '/api/customers?q=okafor')).json().items;
    const res = await send('POST', ambassador, '/api/guidance-sessions', {
      setId: sets['Flowers for an occasion'],
      storeId: stores.Riverside,
      customerId: okafor.id,
    });
    expect(res.statusCode).toBe(403);
  });
});

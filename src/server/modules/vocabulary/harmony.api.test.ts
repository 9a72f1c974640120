import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { DEFAULT_HARMONY_PAIRS } from '../../../shared/domain/recommend.ts';
import { loadDemo } from '../../demo/demo.ts';

/** Which colour families go together is the shop's to choose, and guided selling follows it. */
const ctx = setupTestApp();

let owner: string;
let associate: string;
let otherOwner: string;

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  owner = await signIn(ctx.app, 'owner@hearth.example');
  associate = await signIn(ctx.app, 'associate@hearth.example');
  otherOwner = await signIn(ctx.app, 'owner@bloom.example');
});

const send = (method: 'GET' | 'PUT' | 'POST', cookie: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
type Harmony = { pairs: [string, string][]; custom: boolean; families: { chromatic: string[]; neutral: string[] } };
const harmony = async (cookie: string) => (await send('GET', cookie, '/api/vocabulary/harmony')).json() as Harmony;

describe('colours that go together', () => {
  it('starts from the default, with the families pairs can be chosen for', async () => {
    const h = await harmony(associate);
    expect(h.custom).toBe(false);
    expect(h.pairs).toHaveLength(DEFAULT_HARMONY_PAIRS.length);
    expect(h.pairs).toContainEqual(['green', 'pink']);
    expect(h.families.neutral).toEqual(['white', 'cream', 'grey', 'brown', 'black']);
  });

  it('lets the owner pair blue with pink, and guided selling then says blush goes with a navy sofa', async () => {
    const session = await send('POST', associate, '/api/guidance-sessions', {
      setId: (await ctx.deps.db.selectFrom('question_sets').select('id').where('name', '=', 'Dressing a room').executeTakeFirstOrThrow())
        .id,
      storeId: (await ctx.deps.db.selectFrom('stores').select('id').where('name', '=', 'Main Street').executeTakeFirstOrThrow()).id,
    });
    expect(session.statusCode, session.body).toBe(201);
    const id = session.json().id;
    await send('PUT', associate, `/api/guidance-sessions/${id}/answers/furniture-colours`, { answer: { values: ['navy'] } });
    const goesWith = async () => {
      const res = await send('POST', associate, `/api/guidance-sessions/${id}/recommendations`, { limit: 50 });
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json() as { main: { title: string; reasons: { text: string }[] }[] };
      return list.main.find((r) => r.title === 'Velvet cushion set — Grey / blush')?.reasons.map((r) => r.text) ?? [];
    };
    expect(await goesWith()).toContain('charcoal, to go with the colours of your furniture');

    const before = await harmony(owner);
    const saved = await send('PUT', owner, '/api/vocabulary/harmony', {
      pairs: [...before.pairs, ['pink', 'blue']],
      replaces: before.pairs,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().custom).toBe(true);
    expect(saved.json().pairs).toContainEqual(['blue', 'pink']);
    expect(await goesWith()).toContain('blush and charcoal, to go with the colours of your furniture');
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'vocabulary.harmony-changed')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ added: ['blue–pink'], removed: [] });
  });

  it('refuses a save over pairs changed elsewhere since, saying which stand; the default again is the default', async () => {
    const shown = await harmony(owner);
    const stale = await send('PUT', owner, '/api/vocabulary/harmony', { pairs: shown.pairs.slice(1), replaces: DEFAULT_HARMONY_PAIRS });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.pairs).toEqual(shown.pairs);
    const back = await send('PUT', owner, '/api/vocabulary/harmony', { pairs: DEFAULT_HARMONY_PAIRS, replaces: shown.pairs });
    expect(back.json()).toMatchObject({ custom: false });
    expect((await harmony(owner)).custom).toBe(false);
  });

  it('answers 401, 403 for staff who may not change the vocabulary, 400 naming the pair, and keeps each retailer’s own', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/vocabulary/harmony' })).statusCode).toBe(401);
    expect((await send('PUT', associate, '/api/vocabulary/harmony', { pairs: [] })).statusCode).toBe(403);
    const cases: [unknown, string, RegExp][] = [
      [[['blue', 'teal']], 'pairs.0', /“teal” is not a colour family/],
      [
        [
          ['red', 'pink'],
          ['green', 'green'],
        ],
        'pairs.1',
        /goes with itself already/,
      ],
      [[['white', 'red']], 'pairs.0', /“white” is not a colour family/],
    ];
    for (const [pairs, field, message] of cases) {
      const res = await send('PUT', owner, '/api/vocabulary/harmony', { pairs });
      expect(res.statusCode, JSON.stringify(pairs)).toBe(400);
      expect(res.json().error.fields[0].field).toBe(field);
      expect(res.json().error.message).toMatch(message);
    }
    expect((await send('PUT', owner, '/api/vocabulary/harmony', { pairs: [['red', 'blue']] })).json().pairs).toEqual([['red', 'blue']]);
    expect((await harmony(otherOwner)).custom).toBe(false);
  });
});

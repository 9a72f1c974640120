import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { FLORIST_QUESTIONS as DEMO_SET } from '../../../shared/domain/demo-question-sets.ts';
import { demoVocabulary } from '../../../shared/domain/demo-vocabulary.ts';
import { buildRetailer, buildStaff } from '../../demo/factories.ts';
import { upsertTerms } from '../vocabulary/vocabulary.repo.ts';

const ctx = setupTestApp();

// The demo set without its categories, which this bare retailer does not have.
const { categories: _categories, ...FLORIST_QUESTIONS } = DEMO_SET;

let owner: string;
let associate: string;
let ambassador: string;
let otherOwner: string;

beforeAll(async () => {
  const r = await buildRetailer(ctx.deps.db, { country: 'GB' });
  await upsertTerms(ctx.deps.db, r.id, demoVocabulary('florist'));
  owner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, role: 'owner' })).email);
  associate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, role: 'associate' })).email);
  ambassador = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, role: 'ambassador' })).email);
  otherOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
});

const send = (method: 'POST' | 'PUT' | 'GET', cookie: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('question sets', () => {
  let id: string;

  it('lets an owner write one, and anyone who sells read it', async () => {
    expect((await send('POST', associate, '/api/question-sets', FLORIST_QUESTIONS)).statusCode).toBe(403);
    const res = await send('POST', owner, '/api/question-sets', FLORIST_QUESTIONS);
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ version: 1, currentVersion: 1, active: true, name: 'Flowers for an occasion' });
    expect(res.headers.etag).toBe('"1"');
    const list = (await send('GET', ambassador, '/api/question-sets')).json().items;
    expect(list).toEqual([expect.objectContaining({ id, version: 1, questions: FLORIST_QUESTIONS.questions.length })]);
    expect((await send('GET', associate, `/api/question-sets/${id}`)).json().definition).toEqual(FLORIST_QUESTIONS);
  });

  it('keeps every version: a session that started on version 1 still reads it after an edit', async () => {
    const edited = {
      ...FLORIST_QUESTIONS,
      questions: FLORIST_QUESTIONS.questions.filter((q) => q.key !== 'recipient' && q.key !== 'place'),
    };
    expect((await send('PUT', owner, `/api/question-sets/${id}`, edited)).statusCode).toBe(428);
    const saved = await send('PUT', owner, `/api/question-sets/${id}`, edited, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, currentVersion: 2 });
    const stale = await send('PUT', owner, `/api/question-sets/${id}`, FLORIST_QUESTIONS, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(409);
    const first = (await send('GET', associate, `/api/question-sets/${id}?version=1`)).json();
    expect(first.definition.questions.map((q: { key: string }) => q.key)).toContain('recipient');
    expect(first).toMatchObject({ version: 1, currentVersion: 2 });
    expect((await send('GET', associate, `/api/question-sets/${id}?version=9`)).statusCode).toBe(404);
  });

  it('refuses a set whose branching goes round in a circle, a word not in the vocabulary and a weight that is not a number', async () => {
    const circle = {
      ...FLORIST_QUESTIONS,
      questions: [
        { key: 'a', prompt: 'A?', help: '', type: 'single', choices: [{ value: 'x', label: 'X' }], askIf: { question: 'b', anyOf: ['x'] } },
        { key: 'b', prompt: 'B?', help: '', type: 'single', choices: [{ value: 'x', label: 'X' }], askIf: { question: 'a', anyOf: ['x'] } },
      ],
    };
    const res = await send('POST', owner, '/api/question-sets', circle);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      'questions[0].askIf.question',
      'questions[0].askIf',
      'questions[1].askIf',
    ]);
    const unknownWord = {
      ...FLORIST_QUESTIONS,
      questions: [
        { key: 'c', prompt: 'C?', help: '', type: 'single', choices: [{ value: 'x', label: 'X', means: { colours: ['ultraviolet'] } }] },
      ],
    };
    const word = await send('POST', owner, '/api/question-sets', unknownWord);
    expect(word.statusCode).toBe(400);
    expect(word.json().error.fields[0]).toMatchObject({ field: 'questions[0].choices[0].means.colours' });
    const weight = {
      ...FLORIST_QUESTIONS,
      questions: [
        { key: 'w', prompt: 'W?', help: '', type: 'vocabulary', vocabulary: 'colour', maps: [{ attribute: 'colours', weight: 'heavy' }] },
      ],
    };
    expect((await send('POST', owner, '/api/question-sets', weight)).statusCode).toBe(400);
  });

  it('keeps each retailer’s sets to itself', async () => {
    expect((await send('GET', otherOwner, '/api/question-sets')).json().items).toEqual([]);
    expect((await send('GET', otherOwner, `/api/question-sets/${id}`)).statusCode).toBe(404);
    expect((await send('PUT', otherOwner, `/api/question-sets/${id}`, FLORIST_QUESTIONS, { 'if-match': '"2"' })).statusCode).toBe(404);
  });
});

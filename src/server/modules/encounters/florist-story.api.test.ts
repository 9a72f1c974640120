import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { localSmtp } from '../../../../test/helpers/smtp.ts';
import { newId } from '../../../shared/ids.ts';
import { loadDemo } from '../../demo/demo.ts';
import { runDueJobs } from '../jobs/jobs.ts';
import { smtpMailer } from '../outbox/mailer.ts';
import { outboxHandlers } from '../outbox/outbox.service.ts';

/**
 * The florist on New Year's Eve, through the API from greeting to follow-up: the associate greets
 * Mrs Okafor, asks the questions, takes a plan that completes 24 white stems with what is safe for
 * her cat, sells it with three extra blooms, and plans a thank-you e-mail that the shop's SMTP server
 * receives because she agreed to e-mail — while the security officer, who joined to help, is
 * credited on the visit.
 */
const ctx = setupTestApp();
const { received, url: smtpUrl } = localSmtp();

const send = (method: 'POST' | 'PUT' | 'GET', cookie: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
});

describe("New Year's Eve, from greeting to follow-up", () => {
  it('ends in a sale with a gesture, credits the assist, and sends the consented thank-you and request for feedback only', async () => {
    const florist = await signIn(ctx.app, 'associate@bloom.example');
    const officer = await signIn(ctx.app, 'security@bloom.example');
    const db = ctx.deps.db;
    const riverside = await db.selectFrom('stores').select(['id', 'retailer_id']).where('name', '=', 'Riverside').executeTakeFirstOrThrow();
    const okafor = await db
      .selectFrom('customers')
      .select(['id', 'emails'])
      .where('first_name', '=', 'Adaeze')
      .where('last_name', '=', 'Okafor')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('customer_consents')
      .values({
        retailer_id: riverside.retailer_id,
        id: newId('consent'),
        customer_id: okafor.id,
        channel: 'email',
        purpose: 'marketing',
        granted: true,
        source: 'in store',
      })
      .execute();
    const setId = (
      await db.selectFrom('question_sets').select('id').where('name', '=', 'Flowers for an occasion').executeTakeFirstOrThrow()
    ).id;
    const ranunculus = (await db.selectFrom('variants').select('id').where('sku', '=', 'BS-RAN-WHT').executeTakeFirstOrThrow()).id;

    // Greet, with the arrival noted a minute earlier.
    const started = await send('POST', florist, '/api/encounters', {
      clientId: 'story-visit-01',
      storeId: riverside.id,
      customerId: okafor.id,
      arrivedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(started.statusCode, started.body).toBe(201);
    const visit = started.json().id as string;
    await send('POST', florist, `/api/encounters/${visit}/steps`, { clientId: 'story-greet', key: 'greet', status: 'done' });
    await send('POST', officer, `/api/encounters/${visit}/staff`, { clientId: 'story-officer', role: 'assist' });

    // Discover: the questions, in the visit's guided selling.
    const session = (await send('POST', florist, '/api/guidance-sessions', { setId, storeId: riverside.id, encounterId: visit })).json().id;
    for (const [key, answer] of [
      ['occasion', { values: ['new-year'] }],
      ['place', { values: ['dining-room'] }],
      ['palette', { values: ['white'] }],
      ['quantity', { quantity: 24 }],
      ['budget', { budget: { max: 80, firm: false } }],
    ] as const)
      expect((await send('PUT', florist, `/api/guidance-sessions/${session}/answers/${key}`, { answer })).statusCode).toBe(200);
    expect((await send('POST', florist, `/api/guidance-sessions/${session}/recommendations`)).statusCode).toBe(200);

    // The white ranunculus are short: take the plan that completes the 24, holding the stems.
    const alternatives = (await send('GET', florist, `/api/guidance-sessions/${session}/alternatives?variantId=${ranunculus}`)).json();
    const plan = alternatives.plans[0];
    expect(plan).toMatchObject({ units: 24, shortfall: 0 });
    expect(plan.total).toBeLessThanOrEqual(80);
    const taken = await send('POST', florist, `/api/guidance-sessions/${session}/plans`, {
      clientId: 'story-plan-01',
      lines: plan.lines,
      hold: true,
      for: { variantId: ranunculus, quantity: 24 },
    });
    expect(taken.statusCode, taken.body).toBe(200);

    // Give space, three extra blooms, and close with the sale.
    await send('POST', florist, `/api/encounters/${visit}/steps`, { clientId: 'story-space', key: 'give-space', status: 'done' });
    const gesture = await send('POST', florist, `/api/encounters/${visit}/gestures`, {
      clientId: 'story-gesture',
      kind: 'extra-blooms',
      description: 'Three extra white stems for the centre of the table',
      cost: 6.6,
    });
    expect(gesture.statusCode, gesture.body).toBe(200);
    const closed = await send('POST', florist, `/api/encounters/${visit}/close`, { outcome: 'sale' });
    expect(closed.statusCode, closed.body).toBe(200);
    await send('POST', florist, `/api/encounters/${visit}/steps`, { clientId: 'story-thank', key: 'thank', status: 'done' });

    // Follow up: the thank-you proposed, kept as an e-mail for tomorrow.
    const proposals = (await send('GET', florist, `/api/encounters/${visit}/follow-up-proposals`)).json().items;
    const thanks = proposals.find((p: { kind: string }) => p.kind === 'thank-you');
    const followUp = await send('POST', florist, `/api/encounters/${visit}/follow-ups`, {
      clientId: 'story-follow-up',
      kind: 'thank-you',
      title: thanks.title,
      channel: 'email',
      dueOn: thanks.dueOn,
      message: { subject: 'Happy New Year from Bloom & Stem', text: 'We hope the table looked wonderful.' },
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    await send('POST', florist, `/api/encounters/${visit}/steps`, { clientId: 'story-follow', key: 'follow-up', status: 'done' });

    const e = (await send('GET', florist, `/api/encounters/${visit}`)).json();
    expect(e).toMatchObject({ status: 'closed', outcome: 'sale' });
    expect(e.steps.filter((s: { state: string }) => s.state === 'done').map((s: { key: string }) => s.key)).toEqual([
      'greet',
      'discover',
      'recommend',
      'give-space',
      'close',
      'thank',
      'follow-up',
    ]);
    expect(e.times.secondsToGreet).toBeGreaterThanOrEqual(59);
    expect(e.staff.map((s: { name: string; roles: string[] }) => [s.name, s.roles])).toEqual([
      ['Priya Natarajan', ['lead']],
      ['Daniel Mensah', ['assist']],
    ]);
    expect(e.gestures).toEqual([expect.objectContaining({ kind: 'extra-blooms', cost: 6.6 })]);
    const sale = (await send('GET', florist, `/api/sales/${e.saleId}`)).json();
    expect(sale.lines.reduce((n: number, l: { quantity: number }) => n + l.quantity, 0)).toBe(24);

    // Tomorrow, the outbox sends the thank-you to the address she gave.
    const handlers = outboxHandlers(smtpMailer(smtpUrl()), 'hello@bloom.example');
    ctx.deps.now = () => new Date(Date.now() + 2 * 86_400_000);
    try {
      await runDueJobs(ctx.deps, handlers);
    } finally {
      ctx.deps.now = () => new Date();
    }
    // …and, from closing the visit, asks how it went.
    expect(received.map((r) => r.to)).toEqual([okafor.emails[0]?.address, okafor.emails[0]?.address]);
    const subjects = received.map((r) => /^Subject: (.*)$/m.exec(r.raw)?.[1]).sort();
    expect(subjects).toEqual(['Happy New Year from Bloom & Stem', 'How was your visit to Bloom & Stem?']);
  });
});

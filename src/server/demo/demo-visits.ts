import type { Kysely } from 'kysely';
import { dayIn } from '../../shared/dates.ts';
import type { Answers } from '../../shared/domain/feedback.ts';
import type { DB } from '../db/types.ts';
import type { Deps } from '../deps.ts';
import type { AuditContext } from '../modules/audit/audit.repo.ts';
import type { StaffPrincipal } from '../modules/auth/principal.ts';
import { closeEncounter } from '../modules/encounters/closing.service.ts';
import { addEncounterNote, joinEncounter, markStep, startEncounter } from '../modules/encounters/encounters.service.ts';
import { addFollowUp } from '../modules/encounters/follow-ups.service.ts';
import { giveGesture, recordLostDemandInVisit } from '../modules/encounters/gestures.service.ts';
import { giveAnswers } from '../modules/feedback/answers.service.ts';
import { issueQrLink } from '../modules/feedback/requests.service.ts';
import { addToBasket, startSession } from '../modules/guidance/sessions.service.ts';
import { demoOkaforId } from './demo.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A demo colleague acting through the services, as the API would for them. */
async function actAs(db: Kysely<DB>, email: string): Promise<{ actor: StaffPrincipal; audit: AuditContext }> {
  const s = await db
    .selectFrom('staff')
    .innerJoin('retailers as r', 'r.id', 'staff.retailer_id')
    .select(['staff.id', 'staff.retailer_id', 'staff.name', 'staff.email', 'staff.role', 'staff.title'])
    .select(['r.name as retailer_name', 'r.slug', 'r.country', 'r.currency', 'r.locale', 'r.phone_region'])
    .where('staff.email', '=', email)
    .executeTakeFirstOrThrow();
  const stores = await db
    .selectFrom('staff_stores as ss')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 'ss.retailer_id').onRef('st.id', '=', 'ss.store_id'))
    .select(['st.id', 'st.name', 'st.time_zone'])
    .where('ss.retailer_id', '=', s.retailer_id)
    .where('ss.staff_id', '=', s.id)
    .execute();
  const actor: StaffPrincipal = {
    kind: 'staff',
    retailerId: s.retailer_id,
    role: s.role,
    storeIds: stores.map((st) => st.id),
    allStores: s.role === 'owner',
    staffId: s.id,
    sessionId: 'demo',
    name: s.name,
    email: s.email,
    title: s.title,
    hasPin: true,
    retailer: {
      id: s.retailer_id,
      name: s.retailer_name,
      slug: s.slug,
      country: s.country,
      currency: s.currency,
      locale: s.locale,
      phoneRegion: s.phone_region,
    },
    stores: stores.map((st) => ({ id: st.id, name: st.name, timeZone: st.time_zone })),
    currentStoreId: stores[0]?.id ?? null,
    device: null,
    linked: [],
  };
  return { actor, audit: { retailerId: s.retailer_id, actorType: 'staff', actorId: s.id, requestId: null, ip: null } };
}

/** `YYYY-MM-DD` in London, a number of days from a moment. */
const londonDay = (at: Date, days: number) => dayIn(new Date(at.getTime() + days * 86_400_000), 'Europe/London');

/**
 * A few days of visits at Bloom & Stem Riverside, recorded through the same services as the
 * screens: Mrs Okafor's anniversary flowers with extra blooms and the security officer's second
 * opinion, a customer who wanted blue delphiniums, a special order for a birthday, someone browsing,
 * and a visit under way now. They give the back office something true to show; tests load the
 * demo without them, so its stock and figures stay as their stories need.
 */
export async function loadDemoVisits(deps: Pick<Deps, 'db' | 'config'>, now = new Date()): Promise<void> {
  const db = deps.db;
  const retailer = await db.selectFrom('retailers').select('id').where('slug', '=', 'bloom-and-stem').executeTakeFirst();
  if (!retailer) return;
  const found = await db.selectFrom('encounters').select('id').where('retailer_id', '=', retailer.id).limit(1).executeTakeFirst();
  if (found) return;
  let clock = now;
  const d: Deps = { db, config: deps.config, now: () => clock };
  const at = (t: Date) => {
    clock = t;
    return t.toISOString();
  };
  const priya = await actAs(db, 'associate@bloom.example');
  const daniel = await actAs(db, 'security@bloom.example');
  const marcus = await actAs(db, 'manager@bloom.example');
  const riverside = priya.actor.storeIds[0] as string;
  const ids = async (table: 'variants', skus: string[]) =>
    Object.fromEntries(
      (await db.selectFrom(table).select(['id', 'sku']).where('retailer_id', '=', retailer.id).where('sku', 'in', skus).execute()).map(
        (v) => [v.sku as string, v.id],
      ),
    );
  const v = await ids('variants', ['BS-PEO-WHT', 'BS-TUL-WHT', 'BS-RAN-BLU', 'BS-ANE-BLU', 'BS-HYD-WHT', 'BS-LIS-LAV']);
  const okafor = { id: await demoOkaforId(db) };
  const regulars = await db
    .selectFrom('customers')
    .select('id')
    .where('retailer_id', '=', retailer.id)
    .where('home_store_id', '=', riverside)
    .where('visits', '>', 2)
    .orderBy('last_visit_at', 'desc')
    .limit(3)
    .execute();
  const setId = (
    await db
      .selectFrom('question_sets')
      .select('id')
      .where('retailer_id', '=', retailer.id)
      .where('name', '=', 'Flowers for an occasion')
      .executeTakeFirstOrThrow()
  ).id;
  const steps = async (who: typeof priya, id: string, start: Date, marks: [string, number, ('done' | 'skipped')?][]) => {
    for (const [key, minutes, status] of marks)
      await markStep(d, who.actor, id, {
        clientId: `demo-${id}-${key}`,
        key,
        status: status ?? 'done',
        at: at(new Date(start.getTime() + minutes * MINUTE)),
      });
  };
  const basket = async (id: string, start: Date, lines: [string, number][]) => {
    at(new Date(start.getTime() + 12 * MINUTE));
    const session = await startSession(d, priya.actor, priya.audit, {
      setId,
      storeId: riverside,
      encounterId: id,
      clientId: `demo-${id}-session`,
    });
    for (const [i, [sku, quantity]] of lines.entries())
      await addToBasket(d, priya.actor, session, { clientId: `demo-${id}-line-${i}`, variantId: v[sku] as string, quantity });
  };

  // Yesterday morning: Mrs Okafor's anniversary flowers; Daniel settles which white she prefers.
  const y = new Date(now.getTime() - 26 * HOUR);
  const arrived = new Date(y.getTime() - 2 * MINUTE);
  at(y);
  const anniversary = await startEncounter(d, priya.actor, priya.audit, {
    clientId: 'demo-visit-okafor',
    storeId: riverside,
    customerId: okafor.id,
    arrivedAt: arrived.toISOString(),
  });
  await steps(priya, anniversary, y, [
    ['greet', 0.5],
    ['acknowledge', 1],
    ['converse', 4],
  ]);
  await basket(anniversary, y, [
    ['BS-PEO-WHT', 5],
    ['BS-TUL-WHT', 10],
  ]);
  at(new Date(y.getTime() + 15 * MINUTE));
  await joinEncounter(d, daniel.actor, anniversary, { clientId: 'demo-visit-okafor-daniel', role: 'assist' });
  at(new Date(y.getTime() + 16 * MINUTE));
  await addEncounterNote(d, daniel.actor, anniversary, {
    clientId: 'demo-visit-okafor-note-1',
    text: 'Asked which white suits the oak table: the peonies’ warmer white, not the tulips’ blue-white.',
  });
  await steps(priya, anniversary, y, [
    ['discover', 18, 'skipped'],
    ['recommend', 19],
    ['give-space', 20],
    ['close', 26],
  ]);
  at(new Date(y.getTime() + 27 * MINUTE));
  await giveGesture(d, priya.actor, priya.audit, anniversary, {
    clientId: 'demo-visit-okafor-gesture',
    kind: 'extra-blooms',
    description: 'Three extra white tulips for the anniversary',
    cost: 3.6,
  });
  at(new Date(y.getTime() + 28 * MINUTE));
  await closeEncounter(d, priya.actor, priya.audit, anniversary, { outcome: 'sale' });
  await steps(priya, anniversary, y, [['thank', 29]]);
  await addFollowUp(d, priya.actor, priya.audit, anniversary, {
    clientId: 'demo-visit-okafor-thanks',
    kind: 'thank-you',
    title: 'Thank Mrs Okafor and ask how the peonies opened',
    channel: 'phone',
    dueOn: londonDay(now, 0),
  });

  // Yesterday afternoon: blue delphiniums we do not grow; blue ranunculus short, anemones instead.
  const y2 = new Date(now.getTime() - 21 * HOUR);
  at(y2);
  const blue = await startEncounter(d, priya.actor, priya.audit, {
    clientId: 'demo-visit-blue',
    storeId: riverside,
    customerId: regulars[0]?.id ?? null,
  });
  await steps(priya, blue, y2, [
    ['greet', 0.3],
    ['acknowledge', 0.6],
  ]);
  at(new Date(y2.getTime() + 6 * MINUTE));
  await recordLostDemandInVisit(d, priya.actor, blue, {
    clientId: 'demo-visit-blue-delph',
    description: 'Blue delphiniums',
    quantity: 10,
    outcome: 'lost',
  });
  await recordLostDemandInVisit(d, priya.actor, blue, {
    clientId: 'demo-visit-blue-ran',
    variantId: v['BS-RAN-BLU'] as string,
    quantity: 12,
    outcome: 'substituted',
    substituteVariantId: v['BS-ANE-BLU'] as string,
    note: 'Took blue anemones instead',
  });
  at(new Date(y2.getTime() + 14 * MINUTE));
  await closeEncounter(d, priya.actor, priya.audit, blue, {
    outcome: 'no-sale',
    reason: 'not-in-stock',
    note: 'Will come back for delphiniums in June.',
  });
  await addFollowUp(d, priya.actor, priya.audit, blue, {
    clientId: 'demo-visit-blue-call',
    kind: 'back-in-stock',
    title: 'Call when the blue ranunculus arrive',
    channel: 'phone',
    dueOn: null,
    variantId: v['BS-RAN-BLU'] as string,
  });

  // Two days ago: a birthday arrangement to deliver at the weekend, deposit paid.
  const t2 = new Date(now.getTime() - 50 * HOUR);
  at(t2);
  const birthday = await startEncounter(d, marcus.actor, marcus.audit, {
    clientId: 'demo-visit-birthday',
    storeId: riverside,
    customerId: regulars[1]?.id ?? null,
  });
  await steps(marcus, birthday, t2, [
    ['greet', 1],
    ['acknowledge', 1.5],
  ]);
  await basket(birthday, t2, [
    ['BS-HYD-WHT', 3],
    ['BS-LIS-LAV', 10],
  ]);
  at(new Date(t2.getTime() + 22 * MINUTE));
  await closeEncounter(d, marcus.actor, marcus.audit, birthday, {
    outcome: 'special-order',
    order: {
      fulfilment: 'delivery',
      dueOn: londonDay(now, 3),
      recipient: 'Grace Whitfield',
      address: { line1: '7 Harbour Walk', city: 'Bristol', postcode: 'BS1 5TY', country: 'GB' },
      cardMessage: 'Happy 70th, Grandma — with all our love',
      deposit: 20,
    },
  });
  await addFollowUp(d, marcus.actor, marcus.audit, birthday, {
    clientId: 'demo-visit-birthday-check',
    kind: 'after-delivery',
    title: 'Check the birthday flowers arrived well',
    channel: 'phone',
    dueOn: londonDay(now, 4),
    assigneeId: priya.actor.staffId,
  });

  // This morning: someone not yet known, just looking.
  const t3 = new Date(now.getTime() - 3 * HOUR);
  at(t3);
  const browsing = await startEncounter(d, priya.actor, priya.audit, { clientId: 'demo-visit-browsing', storeId: riverside });
  await steps(priya, browsing, t3, [['greet', 2.5]]);
  at(new Date(t3.getTime() + 9 * MINUTE));
  await closeEncounter(d, priya.actor, priya.audit, browsing, { outcome: 'no-sale', reason: 'browsing' });

  // What three customers answered on their phones, through the links the tablet showed: one delighted,
  // one content although the blue was out, and one who felt rushed (a follow-up for the manager).
  const answered: [string, Partial<Answers>, Date][] = [
    [
      anniversary,
      {
        satisfaction: 5,
        expectations: 'exceeded',
        listened: true,
        feltRushed: false,
        inStock: true,
        comment: 'Priya remembered the cat, so no lilies. The table looked beautiful.',
      },
      new Date(now.getTime() - 14 * HOUR),
    ],
    [
      blue,
      { satisfaction: 4, expectations: 'met', listened: true, feltRushed: false, inStock: false },
      new Date(now.getTime() - 12 * HOUR),
    ],
    [
      browsing,
      { satisfaction: 2, feltRushed: true, comment: 'I only wanted to look around for a minute.' },
      new Date(t3.getTime() + 20 * MINUTE),
    ],
  ];
  for (const [visit, answers, when] of answered) {
    at(when);
    const { url } = await issueQrLink(d, priya.actor, visit);
    const [slug = '', token = ''] = new URL(url).pathname.split('/').slice(2);
    await giveAnswers(d, slug, token, answers, { requestId: null, ip: null });
  }

  // Now: a regular, greeted and talking.
  const t4 = new Date(now.getTime() - 8 * MINUTE);
  at(t4);
  const current = await startEncounter(d, priya.actor, priya.audit, {
    clientId: 'demo-visit-now',
    storeId: riverside,
    customerId: regulars[2]?.id ?? null,
    arrivedAt: new Date(t4.getTime() - MINUTE).toISOString(),
  });
  await steps(priya, current, t4, [
    ['greet', 0.4],
    ['acknowledge', 1],
  ]);
  at(new Date(t4.getTime() + 3 * MINUTE));
  await addEncounterNote(d, priya.actor, current, {
    clientId: 'demo-visit-now-note',
    text: 'Looking for something for a new kitchen, soft colours.',
  });
}

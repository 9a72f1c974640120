import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { variantLabel } from '../catalog.ts';
import { DUPLICATE_PAIR, type GeneratedCustomer, OKAFOR } from './customer-generator.ts';
import { demoVocabulary } from './demo-vocabulary.ts';
import {
  conversationStarters,
  MAX_STARTERS,
  STARTER_PREFERENCE_KEYS,
  type Starter,
  type StarterFacts,
  type StarterPreference,
  type StarterPurchase,
} from './starters.ts';

const FLORIST = demoVocabulary('florist');
const HOME = demoVocabulary('home-decor');
const LONDON = 'Europe/London';

/** The customer's profile as the server hands it over: only the preference keys starters read, each with when it was recorded. */
function fromProfile(
  c: GeneratedCustomer,
  recordedAt: string,
  notes: { at: string; author: string },
): Pick<StarterFacts, 'customer' | 'preferences' | 'notes'> {
  const keys: readonly string[] = STARTER_PREFERENCE_KEYS;
  return {
    customer: {
      title: c.title,
      firstName: c.firstName,
      lastName: c.lastName,
      preferredName: c.preferredName,
      household: c.household,
      dates: c.dates,
    },
    preferences: c.preferences.filter((p) => keys.includes(p.key)).map((p) => ({ ...p, recordedAt }) as StarterPreference),
    notes: c.notes.map((body, i) => ({ id: `note_${i}`, body, author: notes.author, at: notes.at })),
  };
}

const texts = (s: Starter[]) => s.map((x) => x.text);
const run = (facts: StarterFacts, now: string, locale?: string) => conversationStarters(facts, now, locale);

const okafor = { title: 'Mrs', firstName: 'Adaeze', lastName: 'Okafor' };
const livingRoom: StarterPreference = {
  key: 'room',
  value: { room: 'living-room', colours: ['sage', 'cream'], style: 'classic', furniture: ['cream linen sofa', 'oak sideboard'] },
  recordedAt: '2026-02-03T10:15:00Z',
};
const noLilies: StarterPreference = { key: 'avoid', value: { item: 'lilies', reason: 'cat at home' }, recordedAt: '2026-02-03T10:16:00Z' };
const cushions: StarterPurchase = {
  saleId: 'sal_1',
  soldAt: '2026-03-14T11:30:00Z',
  storeName: 'Main Street',
  productTitle: 'Stonewashed linen cushion set',
  variantTitle: 'Oatmeal / sage',
  category: 'Soft furnishings/Cushions',
  attributes: { colours: ['oatmeal', 'sage'], rooms: ['living-room', 'bedroom', 'guest-bedroom'], lifespan: 'durable' },
  quantity: 2,
};
const purchase = (over: Partial<StarterPurchase>): StarterPurchase => ({ ...cushions, ...over });

describe('Mrs Okafor’s living room in sage and cream, with a cat', () => {
  const facts: StarterFacts = {
    timeZone: LONDON,
    customer: okafor,
    purchases: [cushions],
    preferences: [livingRoom, noLilies],
    notes: [{ id: 'not_1', body: 'Has a cat (Biscuit): no lilies, ever.', author: 'Priya', at: '2026-02-03T10:20:00Z' }],
    vocabulary: HOME,
  };

  it('asks about the cushions bought five weeks ago in the room they went to, then the cat, the room and the note', () => {
    expect(run(facts, '2026-04-20T10:00:00Z')).toEqual([
      {
        key: 'purchase:stonewashed linen cushion set — oatmeal / sage',
        text: 'Ask Mrs Okafor how the living room looks with the “Stonewashed linen cushion set — Oatmeal / sage”',
        fact: {
          kind: 'purchase',
          text: 'Bought 2 × Stonewashed linen cushion set — Oatmeal / sage on 14 Mar 2026 at Main Street',
          at: '2026-03-14T11:30:00Z',
        },
        weight: 71,
      },
      {
        key: 'care:avoid',
        text: 'Remember: no lilies — cat at home',
        fact: { kind: 'care', text: 'To avoid: lilies — cat at home (recorded 3 Feb 2026)', at: '2026-02-03T10:16:00Z' },
        weight: 55,
      },
      {
        key: 'room:living-room:',
        text: 'Ask Mrs Okafor how the living room in sage and cream is coming along',
        fact: {
          kind: 'room',
          text: 'Living room: sage and cream; classic; cream linen sofa, oak sideboard (recorded 3 Feb 2026)',
          at: '2026-02-03T10:15:00Z',
        },
        weight: 40,
      },
      {
        key: 'note:not_1',
        text: 'Pick up from Priya’s note of 3 Feb',
        fact: { kind: 'note', text: 'Priya, 3 Feb 2026: “Has a cat (Biscuit): no lilies, ever.”', at: '2026-02-03T10:20:00Z' },
        weight: 45 - 76 / 10,
      },
    ]);
  });

  it('uses the customer’s own name for the room and picks the room that shares the item’s colours', () => {
    const snug: StarterPreference = {
      key: 'room',
      value: { room: 'bedroom', name: 'the snug', colours: ['charcoal'] },
      recordedAt: '2026-01-01T00:00:00Z',
    };
    const sageSnug: StarterPreference = { ...snug, value: { room: 'bedroom', name: 'snug', colours: ['sage', 'oatmeal'] } };
    const [first] = run({ ...facts, preferences: [livingRoom, snug] }, '2026-04-20T10:00:00Z');
    expect(first?.text).toBe('Ask Mrs Okafor how the living room looks with the “Stonewashed linen cushion set — Oatmeal / sage”');
    const [again] = run({ ...facts, preferences: [sageSnug, livingRoom] }, '2026-04-20T10:00:00Z');
    expect(again?.text).toBe('Ask Mrs Okafor how the snug looks with the “Stonewashed linen cushion set — Oatmeal / sage”');
    const rooms = run({ ...facts, purchases: [], notes: [], preferences: [snug] }, '2026-04-20T10:00:00Z');
    expect(rooms[0]?.fact.text).toBe('Bedroom (“the snug”): charcoal (recorded 1 Jan 2026)');
    expect(rooms[0]?.text).toBe('Ask Mrs Okafor how the snug in charcoal is coming along');
    const nana: StarterPreference = {
      key: 'room',
      value: { room: 'guest-bedroom', name: 'Nana’s room' },
      recordedAt: '2026-01-01T00:00:00Z',
    };
    expect(run({ customer: okafor, preferences: [nana], vocabulary: HOME }, '2026-04-20T10:00:00Z')[0]).toMatchObject({
      text: 'Ask Mrs Okafor how Nana’s room is coming along',
      fact: { text: 'Guest bedroom (“Nana’s room”) (recorded 1 Jan 2026)' },
    });
  });

  it('asks how an item is working out when it belongs to no room of theirs', () => {
    const [first] = run({ ...facts, preferences: [] }, '2026-04-20T10:00:00Z');
    expect(first?.text).toBe('Ask Mrs Okafor how the “Stonewashed linen cushion set — Oatmeal / sage” is working out');
  });
});

describe('the florist on New Year’s Eve', () => {
  const profile = fromProfile(OKAFOR, '2026-11-02T14:00:00Z', { author: 'Priya', at: '2026-11-02T14:05:00Z' });
  const base: StarterFacts = { timeZone: LONDON, ...profile, vocabulary: FLORIST };

  it('greets Mrs Okafor on the day she keeps, remembers the cat, and asks about the room before anything else', () => {
    const s = run(base, '2026-12-31T09:30:00Z');
    expect(texts(s)).toEqual([
      "It’s New Year's Eve today — ask Mrs Okafor what is planned",
      'Remember: no lilies — cat at home',
      'Ask Mrs Okafor how the living room in sage and cream is coming along',
      'Pick up from Priya’s note of 2 Nov',
    ]);
    expect(s[0]?.fact).toEqual({
      kind: 'date',
      text: "Occasion they keep: New Year's Eve, 31 Dec (recorded 2 Nov 2026)",
      at: '2026-12-31',
    });
    expect(s[3]?.fact.text).toBe('Priya, 2 Nov 2026: “Looking for local, seasonal flowers — not imported.”');
  });

  // What the New Year's Eve visit left behind: a substitute for too few ranunculus, fresh anemones, a silk arrangement.
  const afterNewYear: StarterFacts = {
    ...base,
    purchases: [
      purchase({
        saleId: 'sal_nye',
        soldAt: '2026-12-31T10:05:00Z',
        storeName: 'Riverside',
        productTitle: 'Anemone',
        variantTitle: 'White',
        category: 'Fresh flowers/Stems',
        attributes: { colours: ['white'], lifespan: 'fresh' },
        quantity: 9,
      }),
      purchase({
        saleId: 'sal_nye',
        soldAt: '2026-12-31T10:05:00Z',
        storeName: 'Riverside',
        productTitle: 'Silver birch silk arrangement',
        variantTitle: 'Standard',
        category: 'Silk flowers/Arrangements',
        attributes: { colours: ['white', 'silver', 'gold'], rooms: ['living-room', 'dining-room', 'hallway'], lifespan: 'silk' },
        quantity: 1,
      }),
    ],
    visits: [
      {
        id: 'enc_nye',
        at: '2026-12-31T09:30:00Z',
        outcome: 'sale',
        askedFor: [{ description: 'Ranunculus — White', outcome: 'substituted', instead: 'Anemone — White' }],
      },
    ],
    followUps: [
      {
        id: 'fup_ran',
        kind: 'back-in-stock',
        title: 'Tell Mrs Okafor Ranunculus — White is back in',
        createdAt: '2026-12-31T10:06:00Z',
        item: 'Ranunculus — White',
        arrivedAt: '2027-01-06T07:00:00Z',
      },
    ],
  };

  it('a week later: the ranunculus she wanted are in, and the anemones she took instead are worth asking about', () => {
    const s = run(afterNewYear, '2027-01-07T11:00:00Z');
    expect(texts(s)).toEqual([
      'Let Mrs Okafor know we now have the “Ranunculus — White” they asked about',
      'Ask Mrs Okafor how the “Anemone — White” lasted',
      'Remember: no lilies — cat at home',
      'Ask Mrs Okafor how the living room in sage and cream is coming along',
    ]);
    expect(s[0]?.fact.text).toBe('Waiting for Ranunculus — White since 31 Dec 2026; in stock since 6 Jan 2027');
    expect(s[1]?.fact.text).toBe('Bought 9 × Anemone — White on 31 Dec 2026 at Riverside');
  });

  it('before the ranunculus arrive, asks how the stand-in worked out instead', () => {
    const waiting = { ...afterNewYear, followUps: [{ ...afterNewYear.followUps![0]!, arrivedAt: null }] };
    const s = run(waiting, '2027-01-05T11:00:00Z');
    expect(texts(s)).toContain('Ask Mrs Okafor how the “Anemone — White” worked out in place of the “Ranunculus — White”');
    expect(s.find((x) => x.fact.kind === 'visit')?.fact.text).toBe(
      'Asked for Ranunculus — White on 31 Dec 2026 — took Anemone — White instead',
    );
    expect(texts(s).join(' ')).not.toMatch(/now have/);
  });

  it('four weeks on, asks how the silk arrangement looks in the living room', () => {
    const s = run({ ...afterNewYear, followUps: [] }, '2027-01-28T11:00:00Z');
    expect(s[0]).toMatchObject({
      text: 'Ask Mrs Okafor how the living room looks with the “Silver birch silk arrangement”',
      fact: { kind: 'purchase', text: 'Bought Silver birch silk arrangement on 31 Dec 2026 at Riverside' },
    });
  });
});

describe('names', () => {
  it('uses the preferred name, and names the people she buys for', () => {
    const kate = fromProfile(DUPLICATE_PAIR[0], '2026-03-01T09:00:00Z', { author: 'Sam', at: '2026-03-01T09:00:00Z' });
    const s = run({ timeZone: LONDON, ...kate, notes: [], vocabulary: FLORIST }, '2026-05-20T09:00:00Z');
    expect(texts(s)).toEqual([
      "Mother's Day in Poland is on 26 May, in 6 days — ask Kate about it",
      'Ask Kate whether anything is coming up for Halina',
      'Ask Kate whether peach is still a favourite',
    ]);
    const two: StarterPreference = { key: 'colour-liked', value: { colour: 'lemon' }, recordedAt: '2026-03-02T09:00:00Z' };
    const liked = [...kate.preferences!.filter((p) => p.key === 'colour-liked'), two];
    const colours = run(
      { customer: { firstName: 'Katherine', preferredName: 'Kate' }, preferences: liked, vocabulary: FLORIST },
      '2026-05-20T09:00:00Z',
    );
    expect(texts(colours)).toEqual(['Ask Kate whether peach and lemon are still favourites']);
    expect(s[1]?.fact.text).toBe('Buys gifts for Halina (mother): “Lives in Kraków — needs international delivery”');
    for (const t of texts(s)) expect(t).not.toMatch(/Katherine|Wójcik|Ms /);
  });

  it('falls back to title and surname, then the first name, and to no name for someone not known', () => {
    const facts = (customer: StarterFacts['customer']): StarterFacts => ({ customer, purchases: [cushions] });
    const now = '2026-04-11T10:00:00Z';
    expect(run(facts({ title: 'Mr', firstName: 'Tunde', lastName: 'Adeyemi' }), now)[0]?.text).toMatch(/^Ask Mr Adeyemi how/);
    expect(run(facts({ firstName: 'Tunde', lastName: 'Adeyemi' }), now)[0]?.text).toMatch(/^Ask Tunde how/);
    expect(run(facts({ firstName: 'Tunde', preferredName: ' ' }), now)[0]?.text).toMatch(/^Ask Tunde how/);
    expect(run(facts(null), now)[0]?.text).toBe('Ask how the “Stonewashed linen cushion set — Oatmeal / sage” is working out');
  });
});

describe('nothing known, nothing said', () => {
  it('gives no starters for empty input, a bare name, or facts too old or too far off to matter', () => {
    expect(run({ customer: null }, '2026-04-20T10:00:00Z')).toEqual([]);
    expect(
      run(
        { customer: null, purchases: [], preferences: [], visits: [], notes: [], followUps: [], vocabulary: HOME },
        '2026-04-20T10:00:00Z',
      ),
    ).toEqual([]);
    expect(run({ customer: okafor }, '2026-04-20T10:00:00Z')).toEqual([]);
    expect(
      run(
        {
          customer: { ...okafor, dates: [{ kind: 'birthday', month: 9, day: 1 }], household: [{ name: 'Tunde', relation: 'son' }] },
          purchases: [purchase({ soldAt: '2025-01-01T10:00:00Z' })],
          visits: [{ id: 'enc_old', at: '2025-11-01T10:00:00Z', outcome: 'no-sale', noSaleReason: 'will-come-back' }],
        },
        '2026-04-20T10:00:00Z',
      ),
    ).toEqual([]);
  });
});

describe('dates coming up', () => {
  const withDates = (dates: NonNullable<StarterFacts['customer']>['dates'], household = [{ name: 'Tunde', relation: 'son' }]) => ({
    timeZone: LONDON,
    customer: { ...okafor, household, dates },
  });

  it('says today, tomorrow or the day, within three weeks and not beyond, nearest first', () => {
    const s = run(
      withDates([
        { kind: 'anniversary', month: 6, day: 22 },
        { kind: 'birthday', month: 6, day: 1 },
        { kind: 'birthday', month: 6, day: 2, whose: 'Tunde' },
        { kind: 'custom', label: 'Name day', month: 6, day: 21 },
      ]),
      '2026-06-01T08:00:00Z',
    );
    expect(texts(s)).toEqual([
      'Wish Mrs Okafor a happy birthday today',
      'Tunde’s birthday is tomorrow — ask Mrs Okafor how they will celebrate',
    ]);
    expect(s.map((x) => x.fact)).toEqual([
      { kind: 'date', text: 'Birthday: 1 Jun', at: '2026-06-01' },
      { kind: 'date', text: 'Birthday of Tunde (son): 2 Jun', at: '2026-06-02' },
    ]);
    const later = run(
      withDates([
        { kind: 'anniversary', month: 6, day: 22 },
        { kind: 'custom', label: 'Name day', month: 6, day: 23 },
      ]),
      '2026-06-01T08:00:00Z',
    );
    expect(texts(later)).toEqual(['Mrs Okafor’s anniversary is on 22 Jun, in 21 days — ask if anything is planned']);
  });

  it('asks how a date went in the week after it', () => {
    const s = run(withDates([{ kind: 'anniversary', month: 5, day: 28 }]), '2026-06-01T08:00:00Z');
    expect(texts(s)).toEqual(['Ask Mrs Okafor how the anniversary on 28 May went']);
    expect(run(withDates([{ kind: 'anniversary', month: 5, day: 24 }]), '2026-06-01T08:00:00Z')).toEqual([]);
  });

  it('crosses the year end, keeps 29 February on the 28th in other years, and ignores days that do not exist', () => {
    expect(texts(run(withDates([{ kind: 'birthday', month: 1, day: 3 }]), '2026-12-30T12:00:00Z'))).toEqual([
      'Mrs Okafor’s birthday is on 3 Jan, in 4 days — ask how they will celebrate',
    ]);
    expect(run(withDates([{ kind: 'birthday', month: 2, day: 29 }]), '2027-02-28T12:00:00Z')[0]?.text).toBe(
      'Wish Mrs Okafor a happy birthday today',
    );
    expect(run(withDates([{ kind: 'birthday', month: 4, day: 31 }]), '2026-04-25T12:00:00Z')).toEqual([]);
  });

  it('counts days where the store is, whatever the machine’s time zone', () => {
    const facts = (timeZone: string): StarterFacts => ({
      timeZone,
      customer: { ...okafor, dates: [{ kind: 'birthday', month: 1, day: 1 }] },
    });
    const now = '2026-12-31T23:30:00Z';
    expect(run(facts('Pacific/Auckland'), now)[0]?.text).toBe('Wish Mrs Okafor a happy birthday today');
    expect(run(facts('America/New_York'), now)[0]?.text).toBe('Mrs Okafor’s birthday is tomorrow — ask how they will celebrate');
    expect(run({ customer: facts('UTC').customer }, now)[0]?.text).toBe('Mrs Okafor’s birthday is tomorrow — ask how they will celebrate');
  });
});

describe('the machine’s time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('changes nothing', () => {
    const facts: StarterFacts = {
      timeZone: LONDON,
      customer: { ...okafor, dates: [{ kind: 'birthday', month: 1, day: 1 }] },
      purchases: [purchase({ soldAt: '2026-12-03T23:30:00Z' })],
      preferences: [livingRoom],
    };
    const now = '2026-12-31T23:30:00Z';
    const inUtc = run(facts, now);
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date(now).getDate()).toBe(1);
    expect(run(facts, now)).toEqual(inUtc);
  });
});

describe('items they came back for', () => {
  const waiting = (arrivedAt: string | null, item = 'Ranunculus — White') => ({
    id: 'fup_1',
    kind: 'back-in-stock' as const,
    title: `Tell Mrs Okafor ${item} is back in`,
    createdAt: '2026-03-01T10:00:00Z',
    item,
    arrivedAt,
  });

  it('comes first once the item is here, and not before', () => {
    const facts = (arrivedAt: string | null): StarterFacts => ({
      customer: okafor,
      preferences: [livingRoom],
      followUps: [waiting(arrivedAt)],
    });
    expect(run(facts('2026-03-10T08:00:00Z'), '2026-03-11T10:00:00Z')[0]?.fact.kind).toBe('back-in-stock');
    expect(run(facts(null), '2026-03-11T10:00:00Z').map((s) => s.fact.kind)).toEqual(['room']);
    expect(run(facts('2026-03-12T08:00:00Z'), '2026-03-11T10:00:00Z').map((s) => s.fact.kind)).toEqual(['room']);
    // Stock that came in before they asked is not the delivery they were waiting for.
    expect(run(facts('2026-02-20T08:00:00Z'), '2026-03-11T10:00:00Z').map((s) => s.fact.kind)).toEqual(['room']);
  });

  it('says nothing of a no-sale for price or browsing', () => {
    const visit = (noSaleReason: 'price' | 'browsing' | 'other') => ({
      id: 'enc_1',
      at: '2026-03-08T10:00:00Z',
      outcome: 'no-sale' as const,
      noSaleReason,
    });
    for (const reason of ['price', 'browsing', 'other'] as const)
      expect(run({ customer: okafor, visits: [visit(reason)] }, '2026-03-11T10:00:00Z')).toEqual([]);
  });

  it('welcomes back someone who said they would come back, and asks after what we did not have', () => {
    const s = run(
      {
        timeZone: LONDON,
        customer: okafor,
        visits: [
          {
            id: 'enc_1',
            at: '2026-03-01T10:00:00Z',
            outcome: 'no-sale',
            noSaleReason: 'will-come-back',
            askedFor: [
              { description: 'Blue delphiniums', outcome: 'lost' },
              { description: 'Peony — Coral', outcome: 'other-store' },
              { description: 'Hydrangea — White', outcome: 'ordered' },
            ],
          },
        ],
      },
      '2026-03-11T10:00:00Z',
    );
    expect(texts(s)).toEqual([
      'Welcome Mrs Okafor back — last time, on 1 Mar, they wanted time to think',
      'Ask Mrs Okafor whether the search for “Blue delphiniums” worked out',
    ]);
    expect(s.map((x) => x.fact.text)).toEqual([
      'Visit on 1 Mar 2026: no sale — said they would come back',
      'Asked for Blue delphiniums on 1 Mar 2026 — not in stock',
    ]);
    expect(s.map((x) => x.fact.kind)).toEqual(['visit', 'visit']);
  });
});

describe('purchases to ask about', () => {
  const at = (daysAgo: number) => new Date(Date.parse('2026-06-30T12:00:00Z') - daysAgo * 86_400_000).toISOString();
  const kinds = (purchases: StarterPurchase[]) => run({ customer: okafor, purchases }, '2026-06-30T12:00:00Z');

  it('asks about things bought two to eight weeks ago, fresh flowers within ten days, the nearest to four weeks (or four days) first', () => {
    expect(kinds([purchase({ soldAt: at(13) })])).toEqual([]);
    expect(kinds([purchase({ soldAt: at(14) })])).toHaveLength(1);
    expect(kinds([purchase({ soldAt: at(56) })])).toHaveLength(1);
    expect(kinds([purchase({ soldAt: at(57) })])).toEqual([]);
    const peony = (d: number) =>
      purchase({ soldAt: at(d), productTitle: 'Peony', variantTitle: 'White', attributes: { lifespan: 'fresh' } });
    expect(kinds([peony(0)])).toEqual([]);
    expect(kinds([peony(1)])[0]?.text).toBe('Ask Mrs Okafor how the “Peony — White” lasted');
    expect(kinds([peony(11)])).toEqual([]);
    const s = kinds([
      purchase({ saleId: 'a', soldAt: at(50), productTitle: 'Jute rug', variantTitle: null }),
      purchase({ saleId: 'b', soldAt: at(28), productTitle: 'Linen throw', variantTitle: 'Sage' }),
      purchase({ saleId: 'c', soldAt: at(20), productTitle: 'Oak tray', variantTitle: 'Default Title' }),
    ]);
    expect(s.map((x) => x.fact.text)).toEqual([
      'Bought 2 × Linen throw — Sage on 2 Jun 2026 at Main Street',
      'Bought 2 × Oak tray on 10 Jun 2026 at Main Street',
    ]);
  });

  it('leaves out what was given back in full, and counts lines of one sale together', () => {
    expect(kinds([purchase({}), purchase({ saleId: 'ret', quantity: -2 })].map((p) => ({ ...p, soldAt: at(30) })))).toEqual([]);
    const s = kinds([
      purchase({ soldAt: at(30), quantity: 1 }),
      purchase({ soldAt: at(30), quantity: 3 }),
      purchase({ saleId: 'ret', soldAt: at(20), quantity: -1 }),
    ]);
    expect(s[0]?.fact.text).toBe('Bought 4 × Stonewashed linen cushion set — Oatmeal / sage on 31 May 2026 at Main Street');
  });

  it('labels items as the catalog does', () => {
    expect(variantLabel('Peony', 'White')).toBe('Peony — White');
    expect(variantLabel('Oak tray', 'Default Title')).toBe('Oak tray');
    expect(variantLabel('Oak tray', null)).toBe('Oak tray');
    expect(variantLabel('Candle', 'Candle')).toBe('Candle');
  });
});

describe('what they avoid', () => {
  const facts: StarterFacts = {
    customer: okafor,
    preferences: [noLilies, { key: 'colour-disliked', value: { colour: 'mustard' }, recordedAt: '2026-02-03T10:00:00Z' }],
    purchases: [
      purchase({ productTitle: 'Lily', variantTitle: 'Stargazer', soldAt: '2026-03-01T10:00:00Z', attributes: { lifespan: 'fresh' } }),
    ],
    followUps: [
      {
        id: 'fup_l',
        kind: 'back-in-stock',
        title: 'Lilies back',
        createdAt: '2026-01-01T10:00:00Z',
        item: 'Oriental lilies — White',
        arrivedAt: '2026-03-02T08:00:00Z',
      },
    ],
    visits: [
      { id: 'enc_l', at: '2026-03-01T10:00:00Z', outcome: 'sale', askedFor: [{ description: 'Calla lily — Pink', outcome: 'lost' }] },
    ],
    vocabulary: HOME,
  };

  it('never brings up an avoided item as something to have, only as something to remember', () => {
    const s = run(facts, '2026-03-03T10:00:00Z');
    expect(texts(s)).toEqual(['Remember: no lilies — cat at home', 'Remember: Mrs Okafor would rather not have mustard']);
    expect(s.map((x) => x.fact.kind)).toEqual(['care', 'care']);
    for (const x of s.filter((y) => !y.text.startsWith('Remember:'))) expect(x.text).not.toMatch(/lil(y|ies)/i);
  });

  it('keeps every avoided thing in one reminder, each once, as last recorded', () => {
    const more: StarterPreference = { key: 'avoid', value: { item: 'strong scents' }, recordedAt: '2026-02-10T10:00:00Z' };
    const older: StarterPreference = { key: 'avoid', value: { item: 'Lilies', reason: 'allergy' }, recordedAt: '2025-01-01T10:00:00Z' };
    const [care] = run({ customer: okafor, preferences: [more, noLilies, older] }, '2026-03-03T10:00:00Z');
    expect(care).toMatchObject({
      text: 'Remember: no lilies — cat at home; no strong scents',
      fact: { text: 'To avoid: lilies — cat at home; strong scents (recorded 3 Feb 2026, 10 Feb 2026)', at: '2026-02-10T10:00:00Z' },
    });
  });
});

describe('notes and follow-ups', () => {
  it('quotes a note whole in the fact and never rewords it; the newest note comes first', () => {
    const body = 'Wants peonies for her mother’s 80th — budget is tight this year, do not push.';
    const s = run(
      {
        customer: okafor,
        notes: [
          { id: 'not_old', body: 'Likes white.', author: 'Sam', at: '2026-01-01T10:00:00Z' },
          { id: 'not_new', body, author: null, at: '2026-03-01T10:00:00Z' },
        ],
      },
      '2026-03-03T10:00:00Z',
    );
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      text: 'Pick up from a colleague’s note of 1 Mar',
      fact: { kind: 'note', text: `A colleague, 1 Mar 2026: “${body}”` },
    });
  });

  it('turns an open thank-you or delivery check into something to do in person, quoting the task', () => {
    const s = run(
      {
        customer: okafor,
        followUps: [
          { id: 'fup_t', kind: 'thank-you', title: 'Thank Mrs Okafor and ask how the peonies opened', createdAt: '2026-03-01T10:00:00Z' },
          { id: 'fup_a', kind: 'anniversary', title: 'Mrs Okafor’s anniversary is on 20/03', createdAt: '2026-03-01T10:00:00Z' },
        ],
      },
      '2026-03-03T10:00:00Z',
    );
    expect(s).toEqual([
      {
        key: 'follow-up:fup_t',
        text: 'Thank Mrs Okafor in person for the last visit',
        fact: {
          kind: 'follow-up',
          text: 'Open follow-up from 1 Mar 2026: “Thank Mrs Okafor and ask how the peonies opened”',
          at: '2026-03-01T10:00:00Z',
        },
        weight: 65,
      },
    ]);
  });
});

describe('a short list', () => {
  it('gives at most four, at most two of a kind, with distinct stable keys', () => {
    const many = Array.from({ length: 6 }, (_, i) =>
      purchase({ saleId: `s${i}`, productTitle: `Throw ${i}`, soldAt: `2026-06-0${i + 1}T10:00:00Z` }),
    );
    const facts: StarterFacts = {
      customer: { ...okafor, dates: [{ kind: 'birthday', month: 7, day: 4 }] },
      purchases: many,
      preferences: [livingRoom, noLilies],
    };
    const s = run(facts, '2026-07-01T10:00:00Z');
    expect(s).toHaveLength(MAX_STARTERS);
    expect(s.filter((x) => x.fact.kind === 'purchase')).toHaveLength(2);
    expect(new Set(s.map((x) => x.key)).size).toBe(s.length);
    expect(run(facts, '2026-07-01T10:00:00Z').map((x) => x.key)).toEqual(s.map((x) => x.key));
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.weight).toBeGreaterThanOrEqual(s[i]!.weight);
  });

  it('writes dates in the retailer’s locale', () => {
    const [first] = run({ customer: okafor, purchases: [cushions] }, '2026-04-20T10:00:00Z', 'en-US');
    expect(first?.fact.text).toBe('Bought 2 × Stonewashed linen cushion set — Oatmeal / sage on Mar 14, 2026 at Main Street');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over made-up books

const NAMES = ['Adaeze', 'Kate', 'Tunde', 'Halina', 'Priya', 'Marcus', 'Zoë', 'Ngozi'];
const TITLES = ['Peony', 'Lily', 'Stonewashed linen cushion set', 'Jute rug', 'Silver birch silk arrangement', 'Gift deal box', 'Oak tray'];
const VARIANTS = [null, 'White', 'Oatmeal / sage', 'Default Title', 'Stargazer', 'Large'];
const ROOMS = ['living-room', 'bedroom', 'kitchen', 'hallway', 'snug-room'];
const COLOURS = ['sage', 'cream', 'white', 'blush', 'mustard', 'teal', 'not-a-colour'];
const OCCASIONS = ['new-year', 'birthday', 'mothers-day', 'valentines'];
const NOTES = ['Has a cat: no lilies.', 'Looking for a good deal, hurry!', 'Likes white.', 'Buy her the big one next time'];
const NOW = Date.parse('2026-06-15T10:00:00Z');

const instant = fc.integer({ min: -400 * 1440, max: 20 * 1440 }).map((m) => new Date(NOW + m * 60_000).toISOString());
const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');

const arbPreference: fc.Arbitrary<StarterPreference> = fc.oneof(
  fc.record({
    key: fc.constant('room' as const),
    value: fc.record(
      {
        room: fc.constantFrom(...ROOMS),
        name: fc.option(fc.constantFrom('the snug', 'Nana’s room'), { nil: null }),
        colours: fc.subarray(COLOURS),
        style: fc.constantFrom('classic', null),
      },
      { requiredKeys: ['room'] },
    ),
    recordedAt: instant,
  }),
  fc.record({ key: fc.constant('colour-liked' as const), value: fc.record({ colour: fc.constantFrom(...COLOURS) }), recordedAt: instant }),
  fc.record({
    key: fc.constant('colour-disliked' as const),
    value: fc.record({ colour: fc.constantFrom(...COLOURS) }),
    recordedAt: instant,
  }),
  fc.record({
    key: fc.constant('avoid' as const),
    value: fc.record({
      item: fc.constantFrom('lilies', 'strong scents', 'Oak'),
      reason: fc.option(fc.constantFrom('cat at home', 'allergy'), { nil: null }),
    }),
    recordedAt: instant,
  }),
  fc.record({
    key: fc.constant('occasion' as const),
    value: fc.record({
      occasion: fc.constantFrom(...OCCASIONS),
      month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
      day: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
    }),
    recordedAt: instant,
  }),
);

const arbFacts: fc.Arbitrary<StarterFacts> = fc.record({
  timeZone: fc.constantFrom('UTC', LONDON, 'Pacific/Auckland', 'America/Los_Angeles'),
  customer: fc.option(
    fc.record({
      title: fc.option(fc.constantFrom('Mrs', 'Mr', 'Dr'), { nil: null }),
      firstName: fc.constantFrom(...NAMES),
      lastName: fc.option(fc.constantFrom('Okafor', 'Wójcik'), { nil: null }),
      preferredName: fc.option(fc.constantFrom(...NAMES), { nil: null }),
      household: fc.array(
        fc.record({
          name: fc.constantFrom(...NAMES),
          relation: fc.constantFrom('son', 'mother', ''),
          giftRecipient: fc.boolean(),
          notes: fc.option(fc.constantFrom('Lives in Kraków'), { nil: null }),
        }),
        { maxLength: 3 },
      ),
      dates: fc.array(
        fc.record({
          kind: fc.constantFrom('birthday' as const, 'anniversary' as const, 'custom' as const),
          label: fc.option(fc.constantFrom('Name day', 'Graduation'), { nil: null }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
          whose: fc.option(fc.constantFrom(...NAMES), { nil: null }),
        }),
        { maxLength: 4 },
      ),
    }),
    { nil: null },
  ),
  purchases: fc.array(
    fc.record({
      saleId: id,
      soldAt: instant,
      storeName: fc.option(fc.constantFrom('Riverside', 'Main Street'), { nil: null }),
      productTitle: fc.constantFrom(...TITLES),
      variantTitle: fc.constantFrom(...VARIANTS),
      category: fc.constantFrom('Fresh flowers/Stems', 'Soft furnishings/Cushions', null),
      attributes: fc.record({
        colours: fc.subarray(COLOURS),
        rooms: fc.subarray(ROOMS),
        lifespan: fc.constantFrom('fresh' as const, 'durable' as const, null),
      }),
      quantity: fc.integer({ min: -2, max: 5 }).filter((q) => q !== 0),
    }),
    { maxLength: 8 },
  ),
  preferences: fc.array(arbPreference, { maxLength: 8 }),
  visits: fc.array(
    fc.record({
      id,
      at: instant,
      outcome: fc.constantFrom('sale' as const, 'special-order' as const, 'no-sale' as const, null),
      noSaleReason: fc.constantFrom(
        'browsing' as const,
        'price' as const,
        'not-in-stock' as const,
        'will-come-back' as const,
        'gift-idea' as const,
        null,
      ),
      askedFor: fc.array(
        fc.record({
          description: fc.constantFrom('Blue delphiniums', 'Ranunculus — White', 'Calla lily'),
          outcome: fc.constantFrom('substituted' as const, 'other-store' as const, 'ordered' as const, 'lost' as const),
          instead: fc.option(fc.constantFrom('Anemone — White'), { nil: null }),
        }),
        { maxLength: 2 },
      ),
    }),
    { maxLength: 4 },
  ),
  notes: fc.array(
    fc.record({ id, body: fc.constantFrom(...NOTES), author: fc.option(fc.constantFrom(...NAMES), { nil: null }), at: instant }),
    { maxLength: 4 },
  ),
  followUps: fc.array(
    fc.record({
      id,
      kind: fc.constantFrom(
        'thank-you' as const,
        'after-delivery' as const,
        'back-in-stock' as const,
        'anniversary' as const,
        'other' as const,
      ),
      title: fc.constantFrom('Call back', 'Thank for the visit'),
      createdAt: instant,
      item: fc.option(fc.constantFrom('Ranunculus — White', 'Oriental lilies', 'Offer pack'), { nil: null }),
      arrivedAt: fc.option(instant, { nil: null }),
    }),
    { maxLength: 3 },
  ),
  vocabulary: fc.constantFrom(FLORIST, HOME, []),
});

/** Words a suggestion may use of its own: its opening verbs and month names. Everything else capitalised must come from the input. */
const TEMPLATE_WORDS = new Set([
  'Ask',
  'Let',
  'Welcome',
  'Thank',
  'Pick',
  'Remember',
  'Wish',
  'Congratulate',
  'It’s',
  'A',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
]);

function inputStrings(f: StarterFacts): string[] {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk({ ...f, vocabulary: undefined });
  for (const t of f.vocabulary ?? []) strings.push(t.label);
  for (const p of f.purchases ?? []) strings.push(variantLabel(p.productTitle, p.variantTitle));
  return strings;
}

const quoted = (text: string) => [...text.matchAll(/“([^”]*)”/g)].map((m) => m[1] ?? '');
const unquoted = (text: string) => text.replace(/“[^”]*”/g, '');
const PRESSURE =
  /\b(buy|buying|offer|offers|deal|deals|hurry|last chance|discount|limited|sale|upsell|don['’]t miss|now or never|spend)\b/i;

function shuffle<T>(list: T[] | undefined, keys: number[]): T[] | undefined {
  if (!list) return list;
  return list
    .map((x, i) => ({ x, k: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || b.i - a.i)
    .map((e) => e.x);
}

describe('properties', () => {
  const nowIso = new Date(NOW).toISOString();

  it('gives the same starters whatever order the facts come in', () => {
    fc.assert(
      fc.property(arbFacts, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (facts, keys) => {
        const shuffled: StarterFacts = {
          ...facts,
          customer: facts.customer && {
            ...facts.customer,
            household: shuffle(facts.customer.household, keys),
            dates: shuffle(facts.customer.dates, keys),
          },
          purchases: shuffle(facts.purchases, keys),
          preferences: shuffle(facts.preferences, keys),
          visits: shuffle(facts.visits, keys)?.map((v) => ({ ...v, askedFor: shuffle(v.askedFor, keys) })),
          notes: shuffle(facts.notes, keys),
          followUps: shuffle(facts.followUps, keys),
          vocabulary: shuffle(facts.vocabulary, keys),
        };
        expect(conversationStarters(shuffled, nowIso)).toEqual(conversationStarters(facts, nowIso));
      }),
      { numRuns: 300 },
    );
  });

  it('invents nothing: every quoted thing and every capitalised word of a suggestion comes from the input', () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        const given = inputStrings(facts);
        const words = new Set(given.flatMap((s) => s.split(/[\s,.;:()—/!]+/)).filter(Boolean));
        // A sentence may open with a vocabulary key written out ("new-year" → "New year").
        const opening = new Set(given.flatMap((s) => s.toLowerCase().split(/[\s,.;:()—/!-]+/)));
        for (const s of conversationStarters(facts, nowIso)) {
          for (const q of [...quoted(s.text), ...quoted(s.fact.text)]) expect(given).toContain(q);
          for (const [i, w] of (unquoted(s.text).match(/\p{Lu}[\p{L}'’]*/gu) ?? []).entries()) {
            const bare = w.replace(/’s$/, '');
            const ok =
              TEMPLATE_WORDS.has(w) || words.has(w) || words.has(bare) || (i === 0 && s.text.startsWith(w) && opening.has(w.toLowerCase()));
            expect(ok, `“${w}” in “${s.text}”`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never pressures: no buying, offers, deals or hurry in any suggestion, and nothing avoided is suggested', () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        const avoided = (facts.preferences ?? []).flatMap((p) => (p.key === 'avoid' ? [p.value.item] : []));
        // A fact states the shop's own data as it stands (an item called "Offer pack"); only the words around it are scanned.
        const given = inputStrings(facts)
          .filter((g) => g.length >= 3)
          .sort((a, b) => b.length - a.length);
        const ownWords = (text: string) => given.reduce((t, g) => t.split(g).join(' '), unquoted(text));
        const s = conversationStarters(facts, nowIso);
        expect(s.length).toBeLessThanOrEqual(MAX_STARTERS);
        for (const x of s) {
          expect(unquoted(x.text)).not.toMatch(PRESSURE);
          expect(ownWords(x.fact.text)).not.toMatch(/\b(buy|offer|deal|hurry|last chance)\b/i);
          if (x.fact.kind === 'care') continue;
          if (avoided.includes('lilies')) expect(x.text).not.toMatch(/lil(y|ies)/i);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never pressures in the seed stories either', () => {
    const all = [
      ...run(
        {
          timeZone: LONDON,
          ...fromProfile(OKAFOR, '2026-11-02T14:00:00Z', { author: 'Priya', at: '2026-11-02T14:05:00Z' }),
          vocabulary: FLORIST,
        },
        '2026-12-31T09:30:00Z',
      ),
      ...run({ customer: okafor, purchases: [cushions], preferences: [livingRoom, noLilies], vocabulary: HOME }, '2026-04-20T10:00:00Z'),
    ];
    expect(all.length).toBeGreaterThan(0);
    for (const x of all) expect(`${x.text} ${x.fact.text}`).not.toMatch(PRESSURE);
  });
});

import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { PREFERENCE_KEYS, type PreferenceValues, type VocabularyTerm } from '../customers.ts';
import {
  DUPLICATE_PAIR,
  type GeneratedCustomer,
  type GeneratorOptions,
  generateCustomerList,
  generateCustomers,
  OKAFOR,
} from './customer-generator.ts';
import { demoVocabulary, FLORIST_VOCABULARY, HOME_DECOR_VOCABULARY } from './demo-vocabulary.ts';
import { foldText, phoneDigits } from './search-terms.ts';
import { findSensitive } from './sensitive.ts';

const florist = (seed = 1, country = 'GB'): GeneratorOptions => ({ seed, country, storeCount: 3, vocabulary: FLORIST_VOCABULARY });
const decor = (seed = 1, country = 'US'): GeneratorOptions => ({ seed, country, storeCount: 5, vocabulary: HOME_DECOR_VOCABULARY });

// Generated once and shared: customers of a London florist and 5,000 of an American décor shop.
// Customer i is the same whatever the count, so the first 5,000 of the 20,000 are a list of 5,000.
const GB_20K = generateCustomerList(20_000, florist(11));
const GB = GB_20K.slice(0, 5000);
const US = generateCustomerList(5000, decor(12));

const share = (list: GeneratedCustomer[], f: (c: GeneratedCustomer) => boolean) => list.filter(f).length / list.length;
const nonAscii = /[^\u0020-\u007e]/;

/** Every vocabulary key a preference value refers to, with the kind it must be. */
function vocabularyRefs(p: { key: string; value: unknown }): [kind: string, key: string][] {
  switch (p.key) {
    case 'room': {
      const v = p.value as PreferenceValues['room'];
      return [
        ['room', v.room],
        ...(v.colours ?? []).map((c): [string, string] => ['colour', c]),
        ...(v.style ? [['style', v.style] as [string, string]] : []),
      ];
    }
    case 'colour-liked':
    case 'colour-disliked':
      return [['colour', (p.value as PreferenceValues['colour-liked']).colour]];
    case 'style':
      return [['style', (p.value as PreferenceValues['style']).style]];
    case 'material':
      return [['material', (p.value as PreferenceValues['material']).material]];
    case 'size':
      return [['size', (p.value as PreferenceValues['size']).size]];
    case 'occasion':
      return [['occasion', (p.value as PreferenceValues['occasion']).occasion]];
    default:
      return [];
  }
}

/** Checks every customer, collecting what is wrong (one `expect` per item would be slow over thousands). */
function problems(list: GeneratedCustomer[], check: (c: GeneratedCustomer, fail: (what: string) => void) => void): string[] {
  const out: string[] = [];
  for (const [i, c] of list.entries()) {
    check(c, (what) => {
      if (out.length < 20) out.push(`#${i} ${c.firstName} ${c.lastName ?? ''}: ${what}`);
    });
  }
  return out;
}

function expectValidPreferences(list: GeneratedCustomer[], vocabulary: VocabularyTerm[]) {
  const known = new Set(vocabulary.map((t) => `${t.kind}:${t.key}`));
  const keys = new Set<string>(PREFERENCE_KEYS);
  const found = problems(list, (c, fail) => {
    for (const p of c.preferences) {
      if (!keys.has(p.key)) fail(`unknown preference ${p.key}`);
      for (const [kind, key] of vocabularyRefs(p)) if (!known.has(`${kind}:${key}`)) fail(`${kind} "${key}" is not in the vocabulary`);
      if (p.key === 'budget') {
        const b = p.value as PreferenceValues['budget'];
        if (!/^[a-z-]+$/.test(b.category) || !(b.max! > 0) || (b.min != null && !(b.min < b.max!))) fail(`budget ${JSON.stringify(b)}`);
      }
      if (
        p.key === 'frequency' &&
        !['daily', 'weekly', 'monthly', 'occasionally', 'rarely'].includes((p.value as PreferenceValues['frequency']).frequency)
      )
        fail(`frequency ${JSON.stringify(p.value)}`);
      if (p.key === 'avoid' && !(p.value as PreferenceValues['avoid']).item) fail('avoid without an item');
      if (p.key === 'room') {
        const r = p.value as PreferenceValues['room'];
        if (
          ![null, undefined, 'small', 'medium', 'large'].includes(r.size) ||
          ![null, undefined, 'low', 'medium', 'bright'].includes(r.light)
        )
          fail(`room ${JSON.stringify(r)}`);
      }
    }
  });
  expect(found).toEqual([]);
}

describe('demo vocabularies', () => {
  const FAMILIES = ['white', 'cream', 'yellow', 'orange', 'red', 'pink', 'purple', 'blue', 'green', 'brown', 'grey', 'black'];
  const REQUIRED_COLOURS =
    'sage cream blush white ivory burgundy coral lilac terracotta navy mustard charcoal forest-green dusty-rose peach lemon sky-blue plum gold silver'.split(
      ' ',
    );

  for (const [name, vocabulary] of [
    ['florist', FLORIST_VOCABULARY],
    ['home décor', HOME_DECOR_VOCABULARY],
  ] as const) {
    it(`${name}: well-formed keys, labels and colours`, () => {
      const seen = new Set<string>();
      for (const t of vocabulary) {
        expect(t.key).toMatch(/^[a-z0-9][a-z0-9-]*$/);
        expect(t.label.length).toBeGreaterThan(0);
        expect(seen.has(`${t.kind}:${t.key}`), `${t.kind}:${t.key} twice`).toBe(false);
        seen.add(`${t.kind}:${t.key}`);
        if (t.kind === 'colour') {
          expect(FAMILIES).toContain(t.family);
          expect(t.hex).toMatch(/^#[0-9a-f]{6}$/);
        } else {
          expect(t.family ?? null).toBeNull();
          expect(t.hex ?? null).toBeNull();
        }
      }
      const keys = (kind: string) => vocabulary.filter((t) => t.kind === kind).map((t) => t.key);
      expect(keys('colour')).toEqual(expect.arrayContaining(REQUIRED_COLOURS));
      expect(keys('style')).toEqual(expect.arrayContaining(['classic', 'modern', 'rustic', 'minimalist', 'romantic', 'wild-garden']));
      expect(keys('room')).toEqual(
        expect.arrayContaining([
          'living-room',
          'bedroom',
          'dining-room',
          'kitchen',
          'hallway',
          'bathroom',
          'home-office',
          'conservatory',
          'garden',
          'nursery',
        ]),
      );
      expect(keys('material')).toEqual(expect.arrayContaining(['glass', 'ceramic', 'silk-flowers', 'dried-flowers']));
      expect(keys('occasion')).toEqual(
        expect.arrayContaining([
          'birthday',
          'anniversary',
          'wedding',
          'sympathy',
          'new-baby',
          'thank-you',
          'get-well',
          'housewarming',
          'valentines',
          'mothers-day',
          'christmas',
          'new-year',
          'just-because',
          'corporate-event',
        ]),
      );
      const sage = vocabulary.find((t) => t.key === 'sage')!;
      expect(sage).toMatchObject({ kind: 'colour', family: 'green', hex: '#9caf88' });
      expect(vocabulary.find((t) => t.key === 'cream')?.family).toBe('cream');
      expect(vocabulary.find((t) => t.key === 'blush')?.family).toBe('pink');
    });
  }

  it('has the shop-specific words and sizes', () => {
    const keys = (v: VocabularyTerm[], kind: string) => v.filter((t) => t.kind === kind).map((t) => t.key);
    expect(keys(FLORIST_VOCABULARY, 'size')).toEqual(['posy', 'small', 'medium', 'large', 'statement']);
    expect(keys(HOME_DECOR_VOCABULARY, 'size')).toEqual(['small', 'medium', 'large', 'extra-large']);
    expect(keys(FLORIST_VOCABULARY, 'colour').length).toBeGreaterThanOrEqual(24);
    expect(keys(HOME_DECOR_VOCABULARY, 'colour').length).toBeGreaterThanOrEqual(30);
    expect(keys(HOME_DECOR_VOCABULARY, 'style')).toEqual(
      expect.arrayContaining(['scandinavian', 'mid-century', 'bohemian', 'industrial', 'coastal', 'japandi', 'art-deco']),
    );
    expect(keys(HOME_DECOR_VOCABULARY, 'material')).toEqual(
      expect.arrayContaining(['oak', 'walnut', 'linen', 'velvet', 'wool', 'brass', 'marble', 'rattan']),
    );
  });

  it('demoVocabulary hands out copies', () => {
    const v = demoVocabulary('florist');
    expect(v).toEqual(FLORIST_VOCABULARY);
    v[0]!.label = 'changed';
    expect(FLORIST_VOCABULARY[0]!.label).not.toBe('changed');
    expect(demoVocabulary('home-decor')).toEqual(HOME_DECOR_VOCABULARY);
  });
});

describe('customer generator', () => {
  it('is deterministic: same seed, same customers; another seed, others', () => {
    expect(generateCustomerList(300, florist(11))).toEqual(GB.slice(0, 300));
    expect(generateCustomerList(50, florist(11))).toEqual(GB.slice(0, 50));
    expect([...generateCustomers(300, florist(11))]).toEqual(GB.slice(0, 300));
    const other = generateCustomerList(300, florist(12));
    expect(other).not.toEqual(GB.slice(0, 300));
    expect(other.filter((c, i) => c.firstName === GB[i]!.firstName && c.lastName === GB[i]!.lastName).length).toBeLessThan(30);
  });

  it('produces the asked count, lazily', () => {
    expect(generateCustomerList(0, florist())).toEqual([]);
    expect(generateCustomerList(7, florist())).toHaveLength(7);
    const lazy = generateCustomers(1_000_000_000, florist());
    expect(lazy.next().done).toBe(false);
  });

  it('fills every field plausibly, in the shares asked for', () => {
    for (const list of [GB, US]) {
      expect(share(list, (c) => c.preferredName !== null)).toBeGreaterThan(0.25);
      expect(share(list, (c) => c.preferredName !== null)).toBeLessThan(0.36);
      expect(share(list, (c) => c.title !== null)).toBeGreaterThan(0.12);
      expect(share(list, (c) => c.title !== null)).toBeLessThan(0.18);
      expect(share(list, (c) => c.emails.length > 0)).toBeGreaterThan(0.8);
      expect(share(list, (c) => c.emails.length > 0)).toBeLessThan(0.9);
      expect(share(list, (c) => c.phones.length > 0)).toBeGreaterThan(0.75);
      expect(share(list, (c) => c.phones.length > 0)).toBeLessThan(0.85);
      expect(share(list, (c) => c.household.length > 0)).toBeGreaterThan(0.25);
      expect(share(list, (c) => c.household.length > 0)).toBeLessThan(0.35);
      expect(share(list, (c) => c.dates.length > 0)).toBeGreaterThan(0.35);
      expect(share(list, (c) => c.dates.length > 0)).toBeLessThan(0.45);
      expect(share(list, (c) => c.preferences.length > 0)).toBeGreaterThan(0.55);
      expect(share(list, (c) => c.preferences.length > 0)).toBeLessThan(0.65);
      expect(share(list, (c) => c.address !== null)).toBeGreaterThan(0.6);
      expect(share(list, (c) => c.notes.length > 0)).toBeGreaterThan(0.4);

      const found = problems(list, (c, fail) => {
        if (!c.firstName || c.firstName.trim() !== c.firstName) fail('first name');
        if (![null, 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof'].includes(c.title)) fail(`title ${c.title}`);
        if (c.emails.length > 2 || c.phones.length > 2) fail('too many e-mails or phones');
        if (c.emails.some((e) => !['personal', 'work'].includes(e.label))) fail('e-mail label');
        if (c.phones.some((p) => !['mobile', 'home', 'work'].includes(p.label))) fail('phone label');
        if (c.phones.length === 2 && c.phones[0]!.label === c.phones[1]!.label) fail('two phones with one label');
        if (c.preferences.length && (c.preferences.length < 3 || c.preferences.length > 6)) fail(`${c.preferences.length} preferences`);
        if (c.notes.length > 3) fail('too many notes');
        if (c.tags.some((t) => !['vip', 'wedding-client', 'corporate', 'trade', 'newsletter', 'local'].includes(t))) fail(`tags ${c.tags}`);
        if (c.household.some((m) => !m.name || !/^[a-z-]+$/.test(m.relation))) fail('household');
        for (const d of c.dates) {
          if (!['birthday', 'anniversary', 'custom'].includes(d.kind)) fail(`date kind ${d.kind}`);
          if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > new Date(Date.UTC(2023, d.month, 0)).getUTCDate())
            fail(`date ${d.month}/${d.day}`);
          if (d.kind === 'custom' && !d.label) fail('custom date without a label');
        }
        if (c.assignedStaffId !== null || c.homeStoreId !== null) fail('ids are the caller’s to set');
      });
      expect(found).toEqual([]);
      expect(share(list, (c) => c.household.some((m) => m.giftRecipient))).toBeGreaterThan(0.1);
      const dates = list.flatMap((c) => c.dates);
      expect(dates.filter((d) => d.remind).length / dates.length).toBeGreaterThan(0.75);
      expect(new Set(dates.map((d) => d.kind))).toEqual(new Set(['birthday', 'anniversary', 'custom']));
    }
  });

  it('keeps lifetime figures consistent', () => {
    for (const [list, stores] of [
      [GB, 3],
      [US, 5],
    ] as const) {
      const found = problems(list, (c, fail) => {
        if (!Number.isInteger(c.homeStore) || c.homeStore < 0 || c.homeStore >= stores) fail(`home store ${c.homeStore}`);
        if (!Number.isInteger(c.visits) || c.visits < 0) fail(`visits ${c.visits}`);
        if (Math.round(c.spend * 100) / 100 !== c.spend) fail(`spend ${c.spend}`);
        if (c.visits === 0 && (c.lastVisitDaysAgo !== null || c.spend !== 0)) fail('never visited, yet a last visit or spend');
        if (c.visits > 0 && !(c.lastVisitDaysAgo! >= 0 && c.spend > 0)) fail('visited, yet no last visit or spend');
      });
      expect(found).toEqual([]);
      expect(new Set(list.map((c) => c.homeStore)).size).toBe(stores);
      expect(share(list, (c) => c.visits === 0)).toBeGreaterThan(0.05);
    }
    const vips = GB.filter((c) => c.tags.includes('vip'));
    const avg = (l: GeneratedCustomer[]) => l.reduce((s, c) => s + c.spend, 0) / l.length;
    expect(avg(vips)).toBeGreaterThan(avg(GB) * 2);
  });

  it('only refers to the vocabulary it was given', () => {
    expectValidPreferences(GB, FLORIST_VOCABULARY);
    expectValidPreferences(US, HOME_DECOR_VOCABULARY);
    const kinds = new Set(GB.flatMap((c) => c.preferences.map((p) => p.key)));
    expect(kinds).toEqual(new Set(PREFERENCE_KEYS));

    // A small custom vocabulary: only its colours and one room, nothing else from the vocabulary.
    const small: VocabularyTerm[] = [
      { kind: 'colour', key: 'sea-glass', label: 'Sea glass', family: 'green', hex: '#a7c4bc' },
      { kind: 'colour', key: 'oyster', label: 'Oyster', family: 'white', hex: '#eae6dc' },
      { kind: 'room', key: 'lounge', label: 'Lounge' },
    ];
    const custom = generateCustomerList(1000, { seed: 3, country: 'GB', storeCount: 1, vocabulary: small });
    expectValidPreferences(custom, small);
    expect(custom.every((c) => c.homeStore === 0)).toBe(true);
    const empty = generateCustomerList(500, { seed: 3, country: 'GB', storeCount: 1, vocabulary: [] });
    expectValidPreferences(empty, []);
  });

  it('has varied names from many cultures, with their diacritics', () => {
    const sample = generateCustomerList(5000, florist(5));
    expect(new Set(sample.map((c) => c.firstName)).size).toBeGreaterThanOrEqual(300);
    expect(new Set(sample.map((c) => c.lastName)).size).toBeGreaterThanOrEqual(300);
    expect(share(sample, (c) => nonAscii.test(`${c.firstName}${c.lastName ?? ''}`))).toBeGreaterThan(0.05);
    const all = new Set([...GB, ...US, ...sample].flatMap((c) => [c.firstName, c.lastName]));
    for (const name of [
      'Siobhán',
      'Łukasz',
      'Müller',
      'Nguyễn',
      'Yılmaz',
      'Gonçalves',
      "O'Brien",
      'Okafor',
      'Adeyemi',
      'Venkataraman',
      'Al-Hashimi',
    ])
      expect(all.has(name), name).toBe(true);
    // Weighted towards the retailer's country.
    const british = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Evans', 'Thompson'];
    expect(share(GB, (c) => british.includes(c.lastName ?? ''))).toBeGreaterThan(0.05);
    expect(share(US, (c) => ['García', 'Hernández', 'Martínez', 'López', 'González'].some((n) => c.lastName?.includes(n)))).toBeGreaterThan(
      0.03,
    );
    // Polish and Russian surnames take the feminine form for women.
    expect(all.has('Kowalska') || all.has('Wiśniewska') || all.has('Lewandowska')).toBe(true);
  });

  it('gives nicknames that belong to the name', () => {
    const pairs = new Set(GB.filter((c) => c.preferredName).map((c) => `${c.firstName}>${c.preferredName}`));
    expect(
      [...pairs].some((p) => ['Katherine>Kate', 'William>Bill', 'Elizabeth>Liz', 'Adaeze>Addy', 'Chukwuemeka>Emeka'].includes(p)),
    ).toBe(true);
    for (const c of GB) if (c.preferredName) expect(c.preferredName).not.toBe(c.firstName);
  });

  it('writes e-mails from the name, on reserved domains, unique, a few in Unicode', () => {
    const emails = GB.flatMap((c) => c.emails.map((e) => e.address));
    expect(new Set(emails).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(/^[^\s@A-Z]+@(example\.(com|org|net)|mail\.example|[a-z-]+\.example)$/);
    expect(emails.filter((e) => nonAscii.test(e)).length / emails.length).toBeGreaterThan(0.005);
    expect(emails.filter((e) => nonAscii.test(e)).length / emails.length).toBeLessThan(0.05);
    // Derived from the name: the folded last name (or first name) is in the address.
    const derived = GB.filter((c) => c.emails.length && c.lastName).filter((c) => {
      const local = foldText(c.emails[0]!.address.split('@')[0]!);
      const last = foldText(c.lastName!).replace(/[^a-z0-9]/g, '');
      const first = foldText(c.firstName).replace(/[^a-z0-9]/g, '');
      return local.replace(/[^a-z0-9]/g, '').includes(last.slice(0, 3)) || local.includes(first.slice(0, 3));
    });
    expect(derived.length / GB.filter((c) => c.emails.length && c.lastName).length).toBeGreaterThan(0.97);
    expect(emails).not.toContain(OKAFOR.emails[0]!.address);
    expect(emails).not.toContain(DUPLICATE_PAIR[0].emails[0]!.address);
    // Past the first 10,000 the customer's index keeps addresses unique without remembering them.
    const late = [...generateCustomers(12_000, florist(11))].slice(9_000).flatMap((c) => c.emails.map((e) => e.address));
    expect(new Set(late).size).toBe(late.length);
  });

  it('uses fiction phone ranges at home, and numbers from at least ten countries', () => {
    for (const [list, region] of [
      [GB, 'GB'],
      [US, 'US'],
    ] as const) {
      const codes = new Map<string, number>();
      let domestic = 0;
      let total = 0;
      const found = problems(list, (c, fail) => {
        for (const p of c.phones) {
          total++;
          const parsed = parsePhoneNumberFromString(p.number.trim().replace(/^00/, '+'), region as CountryCode);
          if (!parsed?.isPossible() || !phoneDigits(p.number, region)) {
            fail(`cannot read ${p.number}`);
            continue;
          }
          const cc = parsed.countryCallingCode;
          codes.set(cc, (codes.get(cc) ?? 0) + 1);
          const national = parsed.nationalNumber;
          if (region === 'GB' && cc === '44') {
            domestic++;
            if (!/^(2079460\d{3}|7700900\d{3}|1\d\d4960\d{3}|1914980\d{3}|2920180\d{3}|2896496\d{3}|1632960\d{3})$/.test(national))
              fail(`not a drama number: ${p.number}`);
          }
          if (region === 'US' && cc === '1' && !national.startsWith('876')) {
            domestic++;
            if (!/^\d{3}55501\d\d$/.test(national)) fail(`not a 555-01xx number: ${p.number}`);
          }
        }
      });
      expect(found).toEqual([]);
      expect(codes.size).toBeGreaterThanOrEqual(10);
      expect(1 - domestic / total).toBeGreaterThan(0.03);
      expect(1 - domestic / total).toBeLessThan(0.08);
    }
    const numbers = GB.flatMap((c) => c.phones.map((p) => p.number));
    expect(numbers.some((n) => /^07700 900\d{3}$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^020 7946 0\d{3}$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^0161 496 0\d{3}$/.test(n))).toBe(true);
    expect(numbers.some((n) => n.startsWith('+44 '))).toBe(true);
    const us = US.flatMap((c) => c.phones.map((p) => p.number));
    expect(us.some((n) => /^\(\d{3}\) 555-01\d\d$/.test(n))).toBe(true);
    expect(us.some((n) => /^\+1 \d{3}-555-01\d\d$/.test(n))).toBe(true);
  });

  it('deals distinct numbers to the demo world and keeps the special customers’ numbers for them', () => {
    for (const [list, region] of [
      [GB.slice(0, 500), 'GB'],
      [US.slice(0, 500), 'US'],
    ] as const) {
      const digits = list.flatMap((c) => c.phones.map((p) => phoneDigits(p.number, region)));
      expect(new Set(digits).size).toBe(digits.length);
    }
    const reserved = [OKAFOR.phones[0]!.number, DUPLICATE_PAIR[0].phones[0]!.number].map((n) => phoneDigits(n, 'GB'));
    const all = new Set(GB_20K.flatMap((c) => c.phones.map((p) => phoneDigits(p.number, 'GB'))));
    for (const r of reserved) expect(all.has(r)).toBe(false);
  });

  it('formats addresses for the country', () => {
    const gb = problems(GB, (c, fail) => {
      const a = c.address;
      if (a && (a.country !== 'GB' || !/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/.test(a.postcode ?? '') || !a.line1 || !a.city))
        fail(JSON.stringify(a));
    });
    expect(gb).toEqual([]);
    expect(share(GB, (c) => c.address?.city === 'London') / share(GB, (c) => c.address !== null)).toBeGreaterThan(0.2);
    const us = problems(US, (c, fail) => {
      const a = c.address;
      if (
        a &&
        (a.country !== 'US' || !/^\d{5}$/.test(a.postcode ?? '') || !/^[A-Z]{2}$/.test(a.region ?? '') || !/^\d+ /.test(a.line1 ?? ''))
      )
        fail(JSON.stringify(a));
    });
    expect(us).toEqual([]);
  });

  it('writes notes an associate would write, without sensitive details', () => {
    const notes = [...GB, ...US].flatMap((c) => c.notes);
    expect(new Set(notes).size).toBeGreaterThan(50);
    const distinct = [...new Set(notes)];
    expect(distinct.filter((n) => n.length >= 140 || findSensitive(n).length > 0)).toEqual([]);
    expect(GB.some((c) => c.preferredName && c.notes.includes(`Prefers to be called ${c.preferredName}.`))).toBe(true);
    expect(notes.some((n) => /^Buys \w+ \w+ for (her|his|their) \w+ every (spring|summer|autumn|winter)\.$/.test(n))).toBe(true);
  });

  it('works for other countries and rejects a store count below one', () => {
    for (const country of ['DE', 'FR', 'IE', 'CA', 'JP', 'ZZ']) {
      const list = generateCustomerList(300, { seed: 1, country, storeCount: 2, vocabulary: HOME_DECOR_VOCABULARY });
      expect(list).toHaveLength(300);
      const unreadable = problems(list, (c, fail) => {
        for (const p of c.phones) if (!phoneDigits(p.number, country)) fail(p.number);
      });
      expect(unreadable).toEqual([]);
    }
    const de = generateCustomerList(1000, { seed: 1, country: 'DE', storeCount: 1, vocabulary: [] });
    expect(share(de, (c) => /ü|ö|ä|ß/.test(`${c.firstName}${c.lastName}`) || c.lastName === 'Schmidt')).toBeGreaterThan(0.1);
    expect(() => generateCustomerList(1, { seed: 1, country: 'GB', storeCount: 0, vocabulary: [] })).toThrow(RangeError);
  });

  it('never makes the special customers itself; the first customer is nobody special', () => {
    const first = GB[0]!;
    expect(`${first.firstName} ${first.lastName}`).not.toBe('Adaeze Okafor');
    expect(first).not.toEqual(OKAFOR);
    const special = GB_20K.filter(
      (c) =>
        (c.firstName === 'Adaeze' && c.lastName === 'Okafor') ||
        (['Katherine', 'Kate'].includes(c.firstName) && ['Wójcik', 'Wojcik'].includes(c.lastName ?? '')),
    );
    expect(special).toEqual([]);
  });

  it('generates 200,000 customers quickly', () => {
    let n = 0;
    let prefs = 0;
    for (const c of generateCustomers(200_000, decor(99, 'GB'))) {
      n++;
      prefs += c.preferences.length;
    }
    expect(n).toBe(200_000);
    expect(prefs / n).toBeGreaterThan(2);
  });
});

describe('special customers', () => {
  const known = new Set(FLORIST_VOCABULARY.map((t) => `${t.kind}:${t.key}`));

  it('Mrs Okafor is as the story tells it', () => {
    expect(OKAFOR).toMatchObject({
      title: 'Mrs',
      firstName: 'Adaeze',
      lastName: 'Okafor',
      preferredName: null,
      phones: [{ label: 'home', number: '020 7946 0958' }],
      emails: [{ address: 'adaeze.okafor@example.com' }],
      visits: 7,
      spend: 412.5,
      lastVisitDaysAgo: 24,
      homeStore: 0,
    });
    expect(OKAFOR.preferences).toEqual(
      expect.arrayContaining([
        {
          key: 'room',
          value: expect.objectContaining({
            room: 'living-room',
            colours: ['sage', 'cream'],
            style: 'classic',
            furniture: ['cream linen sofa', 'oak sideboard'],
          }),
        },
        { key: 'avoid', value: { item: 'lilies', reason: 'cat at home' } },
        { key: 'colour-liked', value: { colour: 'white' } },
        { key: 'colour-liked', value: { colour: 'blush' } },
        { key: 'occasion', value: expect.objectContaining({ occasion: 'new-year' }) },
        { key: 'budget', value: { category: 'bouquets', min: 40, max: 60 } },
      ]),
    );
    expect(OKAFOR.notes).toEqual(['Looking for local, seasonal flowers — not imported.', 'Has a cat (Biscuit): no lilies, ever.']);
    expectValidPreferences([OKAFOR], FLORIST_VOCABULARY);
    expect(phoneDigits(OKAFOR.phones[0]!.number, 'GB')).toBe('442079460958');
    for (const n of OKAFOR.notes) expect(findSensitive(n)).toEqual([]);
  });

  it('the duplicate pair looks like one person entered twice', () => {
    const [a, b] = DUPLICATE_PAIR;
    expect(phoneDigits(a.phones[0]!.number, 'GB')).toBe(phoneDigits(b.phones[0]!.number, 'GB'));
    expect(a.phones[0]!.number).not.toBe(b.phones[0]!.number);
    expect(foldText(a.lastName!)).toBe(foldText(b.lastName!));
    expect(a.lastName).not.toBe(b.lastName);
    expect(a.preferredName).toBe(b.firstName);
    expect(a.emails).toHaveLength(1);
    expect(b.emails).toHaveLength(0);
    expect(a.notes).not.toEqual(b.notes);
    expect(a.preferences).not.toEqual(b.preferences);
    expectValidPreferences(DUPLICATE_PAIR, FLORIST_VOCABULARY);
    for (const p of [...a.preferences, ...b.preferences])
      for (const [kind, key] of vocabularyRefs(p)) expect(known.has(`${kind}:${key}`)).toBe(true);
  });
});

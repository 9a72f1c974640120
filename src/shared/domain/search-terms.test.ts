import { describe, expect, it } from 'vitest';
import { customerTerms, deletions, foldText, nameTokens, oneEditApart, phoneDigits, planQuery } from './search-terms.ts';

describe('search terms', () => {
  it('folds accents and case, including letters NFKD leaves alone', () => {
    expect(foldText('Ó Súilleabháin')).toBe('o suilleabhain');
    expect(foldText('Łukasz Wójcik')).toBe('lukasz wojcik');
    expect(foldText('Åsa Ångström')).toBe('asa angstrom');
    expect(foldText('Nguyễn Trần')).toBe('nguyen tran');
    expect(foldText('Şule Yılmaz')).toBe('sule yilmaz');
    expect(foldText('Straße')).toBe('strasse');
  });

  it('tokenises names, joining hyphenated and apostrophe names too', () => {
    expect(nameTokens("Siobhán O'Brien")).toEqual(['siobhan', 'o', 'brien', 'obrien']);
    expect(nameTokens('María', 'García-López', null)).toEqual(['maria', 'garcia', 'lopez', 'garcialopez']);
    expect(nameTokens('王', '小明')).toEqual(['王', '小明']);
  });

  it('finds words one edit apart through shared deletions', () => {
    expect(deletions('okafor')).toContain('okfor');
    expect(oneEditApart('okafor', 'okafur')).toBe(true);
    expect(oneEditApart('okafor', 'okfor')).toBe(true);
    expect(oneEditApart('okafor', 'okaffor')).toBe(true);
    expect(oneEditApart('okafor', 'okafor')).toBe(false);
    expect(oneEditApart('okafor', 'akafur')).toBe(false);
    const shared = (a: string, b: string) => deletions(a).some((d) => deletions(b).includes(d));
    for (const [a, b] of [
      ['okafor', 'okafur'],
      ['okafor', 'okfor'],
      ['adaeze', 'adaezee'],
    ]) {
      expect(shared(a as string, b as string)).toBe(true);
    }
  });

  it('normalises phones in any formatting to E.164 digits for the retailer’s region', () => {
    for (const n of ['020 7946 0958', '0207 946 0958', '+44 20 7946 0958', '0044 20 7946 0958', '(020) 7946-0958']) {
      expect(phoneDigits(n, 'GB')).toBe('442079460958');
    }
    expect(phoneDigits('(202) 555-0143', 'US')).toBe('12025550143');
    expect(phoneDigits('+33 1 23 45 67 89', 'GB')).toBe('33123456789');
    expect(phoneDigits('not a phone', 'GB')).toBeNull();
  });

  it('indexes a customer under names, e-mail and both ends of each phone number', () => {
    const terms = customerTerms(
      {
        firstName: 'Adaeze',
        lastName: 'Okafor',
        phones: [{ number: '020 7946 0958' }],
        emails: [{ address: 'Adaeze.Okafor@Example.com' }],
      },
      'GB',
    );
    expect(terms).toEqual(['n:adaeze', 'n:okafor', 'e:adaeze.okafor@example.com', 'p:442079460958', 'r:859064970244']);
  });

  it('reads a query as an e-mail, a phone (or its last digits) or names', () => {
    expect(planQuery('oka', 'GB')).toEqual({ kind: 'name', tokens: ['oka'], emailPrefix: null });
    expect(planQuery("O'Bri", 'GB')).toEqual({ kind: 'name', tokens: ['o', 'bri'], emailPrefix: null });
    expect(planQuery('adaeze.ok', 'GB')).toEqual({ kind: 'name', tokens: ['adaeze', 'ok'], emailPrefix: 'adaeze.ok' });
    expect(planQuery('0958', 'GB')).toEqual({ kind: 'phone', digits: '0958', e164: null });
    expect(planQuery('0207 946 0958', 'GB')).toEqual({ kind: 'phone', digits: '02079460958', e164: '442079460958' });
    expect(planQuery('ada@', 'GB')).toEqual({ kind: 'email', text: 'ada@' });
    expect(planQuery('  ', 'GB')).toEqual({ kind: 'empty' });
    expect(planQuery('095', 'GB')).toEqual({ kind: 'name', tokens: ['095'], emailPrefix: '095' });
  });
});

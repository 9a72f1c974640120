import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportedCustomer, RowOutcome } from '../../../shared/formats/customer-columns.ts';
import { type VCard, VCardParser, vcardToCustomer } from './vcard.ts';

const FIXTURES = new URL('../../../../test/fixtures/vcard/', import.meta.url);

function parse(text: string, chunkSize = text.length || 1): VCard[] {
  const parser = new VCardParser();
  const cards: VCard[] = [];
  for (let i = 0; i < text.length; i += chunkSize) cards.push(...parser.push(text.slice(i, i + chunkSize)));
  cards.push(...parser.end());
  return cards;
}

function one(text: string): VCard {
  const cards = parse(text);
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

function customer(outcome: RowOutcome): ImportedCustomer {
  if (outcome.kind !== 'customer') throw new Error(`expected a customer, got ${JSON.stringify(outcome)}`);
  return outcome.customer;
}

/** A vCard 3.0 from property lines. */
const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n');

describe('VCardParser', () => {
  it('reads properties: group, upper-case name, parameters and value', () => {
    const c = one(card('item1.email;type=INTERNET;type=pref:ada@example.com', 'item1.X-ABLabel:_$!<Other>!$_', 'FN:Ada Lovelace'));
    expect(c).toEqual({
      line: 1,
      version: '3.0',
      properties: [
        {
          group: 'item1',
          name: 'EMAIL',
          params: { TYPE: ['internet', 'pref'] },
          value: 'ada@example.com',
          components: ['ada@example.com'],
        },
        { group: 'item1', name: 'X-ABLABEL', params: {}, value: '_$!<Other>!$_', components: ['_$!<Other>!$_'] },
        { group: null, name: 'FN', params: {}, value: 'Ada Lovelace', components: ['Ada Lovelace'] },
      ],
    });
  });

  it('reads the three ways of writing types: 2.1 bare, 3.0 lists, 4.0 quoted lists', () => {
    const types = (line: string) => one(card(line)).properties[0]!.params.TYPE;
    expect(types('TEL;HOME;VOICE:1234')).toEqual(['home', 'voice']);
    expect(types('TEL;TYPE=WORK,VOICE:1234')).toEqual(['work', 'voice']);
    expect(types('TEL;VALUE=uri;PREF=1;TYPE="voice,home":tel:+1-555-555-5555')).toEqual(['voice', 'home']);
    const p = one(card('ADR;TYPE=home;LABEL="Heidestraße 17\\n51147 Köln, Germany":;;Heidestraße 17;Köln;;51147;Germany')).properties[0]!;
    expect(p.params.LABEL).toEqual(['Heidestraße 17\\n51147 Köln, Germany']);
    expect(p.components).toEqual(['', '', 'Heidestraße 17', 'Köln', '', '51147', 'Germany']);
    // RFC 6868 escapes in parameter values
    expect(one(card(`ADR;LABEL=Line 1^nLine ^'2^' ^^:;;x`)).properties[0]!.params.LABEL).toEqual(['Line 1\nLine "2" ^']);
  });

  it('unfolds lines starting with a space or tab, whatever the line endings', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const text = ['BEGIN:VCARD', 'NOTE:one', ' two', '\t three', 'FN:Ada', 'END:VCARD'].join(eol);
      expect(one(text).properties.map((p) => p.value)).toEqual(['onetwo three', 'Ada']);
    }
    // iPhone writes CR CR LF: a blank line after every line, folding goes on across them.
    expect(one('BEGIN:VCARD\r\r\nNOTE:a\r\r\n b\r\r\nEND:VCARD\r\r\n').properties[0]!.value).toBe('ab');
  });

  it('unescapes text values and splits structured ones at unescaped semicolons', () => {
    const [n, note] = one(card('N:Doe;John;Richter\\, James;Mr.;Sr.', 'NOTE:a\\nb\\Nc \\\\ d\\; e\\, f http\\://x')).properties;
    expect(n!.components).toEqual(['Doe', 'John', 'Richter, James', 'Mr.', 'Sr.']);
    expect(note!.value).toBe('a\nb\nc \\ d; e, f http://x');
    expect(one(card('ORG:Semi\\;colon Ltd;Sales')).properties[0]!.components).toEqual(['Semi;colon Ltd', 'Sales']);
  });

  it('decodes quoted-printable with soft line breaks and the charset given', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;',
      'NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =',
      'line',
      'FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Jos=E9 M=FCller',
      'X-PRICE;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:=80 5',
      'X-ODD;CHARSET=no-such-charset;ENCODING=QUOTED-PRINTABLE:=C3=A9',
      'X-QUOTE;CHARSET=latin1;ENCODING=QUOTED-PRINTABLE:=93ok=94',
      'END:VCARD',
    ].join('\r\n');
    const [n, note, fn, price, odd, quote] = one(text).properties;
    expect(n!.components).toEqual(['Müller', 'Jörg', '', '', '']);
    expect(note!.value).toBe('first line\nsecond line');
    expect(fn!.value).toBe('José Müller');
    expect(price!.value).toBe('€ 5');
    expect(odd!.value).toBe('é');
    expect(quote!.value).toBe('“ok”'); // latin1 means windows-1252, as in browsers
  });

  it('ends a quoted-printable value at a blank line after a soft break', () => {
    const text = 'BEGIN:VCARD\r\nORG;ENCODING=QUOTED-PRINTABLE:A=\r\n=42=\r\n\r\nFN:Ann\r\nEND:VCARD\r\n';
    expect(one(text).properties.map((p) => [p.name, p.value])).toEqual([
      ['ORG', 'AB'],
      ['FN', 'Ann'],
    ]);
  });

  it('reads several cards, skips blank lines and text outside cards, accepts lower case', () => {
    const text = 'junk before\n\nbegin:vcard\nversion:4.0\nfn:One\nend:vcard\n\n\nBEGIN:vCard\nFN:Two\nEND:vCard\ntrailing junk';
    const cards = parse(text);
    expect(cards.map((c) => [c.line, c.version, c.properties.map((p) => p.value)])).toEqual([
      [3, '4.0', ['One']],
      [9, null, ['Two']],
    ]);
  });

  it('skips a card nested in another (2.1 AGENT) and lines without a colon', () => {
    const text = card('FN:Boss', 'AGENT:', 'BEGIN:VCARD', 'FN:Assistant', 'END:VCARD', 'no colon here', 'NOTE:after');
    expect(one(text).properties.map((p) => [p.name, p.value])).toEqual([
      ['FN', 'Boss'],
      ['AGENT', ''],
      ['NOTE', 'after'],
    ]);
  });

  it('gives a last card without END:VCARD at the end', () => {
    expect(parse('BEGIN:VCARD\nFN:Unfinished\nNOTE:no end')).toEqual([
      {
        line: 1,
        version: null,
        properties: [
          { group: null, name: 'FN', params: {}, value: 'Unfinished', components: ['Unfinished'] },
          { group: null, name: 'NOTE', params: {}, value: 'no end', components: ['no end'] },
        ],
      },
    ]);
  });

  it('drops inline binary data but keeps links', () => {
    const base64 = 'QUJD'.repeat(30);
    const text = card(
      `PHOTO;ENCODING=b;TYPE=JPEG:${base64}`,
      ` ${base64}`,
      `PHOTO;BASE64:`,
      `  ${base64}`,
      `LOGO;ENCODING=BASE64;TYPE=PNG:${base64}`,
      `PHOTO:data:image/png;base64,${base64}`,
      `KEY;ENCODING=B:${base64}`,
      'PHOTO;VALUE=URL;TYPE=JPEG:http://example.com/me.jpg',
      `SOUND:data:audio/ogg;base64,${'A'.repeat(5000)}`,
      'FN:Ada',
    );
    expect(one(text).properties.map((p) => [p.name, p.value])).toEqual([
      ['PHOTO', ''],
      ['PHOTO', ''],
      ['LOGO', ''],
      ['PHOTO', ''],
      ['KEY', ''],
      ['PHOTO', 'http://example.com/me.jpg'],
      ['SOUND', ''],
      ['FN', 'Ada'],
    ]);
  });

  it('parses a card with a 5 MB photo quickly, folded or on one line, whole or in chunks', () => {
    const base64 = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3'.repeat(131_072); // 5 MB
    const folded = base64.match(/.{1,74}/g)!.join('\r\n ');
    for (const photo of [folded, base64]) {
      const text = card('FN:Ada Lovelace', `PHOTO;ENCODING=b;TYPE=JPEG:${photo}`, 'EMAIL:ada@example.com');
      for (const chunk of [text.length, 65_536]) {
        const started = performance.now();
        const [c] = parse(text, chunk);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(c!.properties.map((p) => [p.name, p.value])).toEqual([
          ['FN', 'Ada Lovelace'],
          ['PHOTO', ''],
          ['EMAIL', 'ada@example.com'],
        ]);
      }
    }
    // A data: URI is dropped too, once it is longer than a link would be.
    const [c] = parse(card(`PHOTO:data:image/jpeg;base64,${base64}`, 'FN:Ada'), 65_536);
    expect(c!.properties.map((p) => p.value)).toEqual(['', 'Ada']);
  });

  it('gives the same cards whatever the chunk size, a CRLF split between chunks included', () => {
    const text = card(
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg=',
      ';;;',
      'item1.TEL;TYPE="cell,voice":tel:+49-170-1234567',
      'NOTE:folded',
      '  line',
      '',
      'PHOTO;ENCODING=b:QUJD',
      ' QUJD',
    );
    const whole = parse(text);
    for (let size = 1; size <= text.length; size++) expect(parse(text, size), `chunk size ${size}`).toEqual(whole);
    expect(whole[0]!.properties.map((p) => p.value)).toEqual(['Müller;Jörg;;;', 'tel:+49-170-1234567', 'folded line', '']);
  });
});

describe('vcardToCustomer', () => {
  it('reads a full card', () => {
    const c = customer(
      vcardToCustomer(
        one(
          card(
            'N:Lovelace;Ada;Augusta;Hon.;',
            'FN:Hon. Ada Lovelace',
            'NICKNAME:Addie,AAL',
            'ORG:Analytical Engines;R&D',
            'TITLE:Countess',
            'TEL;TYPE=CELL:07700 900123',
            'TEL;TYPE=HOME,VOICE:020 7946 0958',
            'TEL;TYPE=WORK:+44 20 7946 0000',
            'TEL;TYPE=HOME,FAX:020 7946 0001',
            'TEL:+1 212 555 0123',
            'EMAIL;TYPE=INTERNET,HOME:Ada@Example.com',
            'EMAIL;TYPE=WORK:ada@engines.example',
            'EMAIL:ada@other.example',
            'ADR;TYPE=HOME:PO Box 7;Flat 2;12 Baker Street;London;Greater London;NW1 6XE;United Kingdom',
            'ADR;TYPE=WORK:;;1 Engine Row;Cambridge;;CB1 1AA;UK',
            'BDAY:18151210',
            'ANNIVERSARY:1835-07-08T12:00:00Z',
            'CATEGORIES:VIP,Mathematics, vip',
            'NOTE:Prefers mornings\\nCall first',
          ),
        ),
      ),
    );
    expect(c).toEqual({
      input: {
        title: 'Hon.',
        firstName: 'Ada',
        lastName: 'Lovelace',
        preferredName: 'Addie',
        phones: [
          { label: 'mobile', number: '07700 900123' },
          { label: 'home', number: '020 7946 0958' },
          { label: 'work', number: '+44 20 7946 0000' },
          { label: 'phone', number: '+1 212 555 0123' },
          { label: 'fax', number: '020 7946 0001' },
        ],
        emails: [
          { label: 'home', address: 'Ada@example.com' },
          { label: 'work', address: 'ada@engines.example' },
          { label: 'email', address: 'ada@other.example' },
        ],
        address: {
          line1: '12 Baker Street',
          line2: 'Flat 2, PO Box 7',
          city: 'London',
          region: 'Greater London',
          postcode: 'NW1 6XE',
          country: 'GB',
        },
        // 1815 and 1835 are outside the years the customer book keeps: the day and month stay.
        dates: [
          { kind: 'birthday', month: 12, day: 10, year: null, remind: true },
          { kind: 'anniversary', month: 7, day: 8, year: null, remind: true },
        ],
        tags: ['vip', 'mathematics'],
      },
      note: 'Prefers mornings\nCall first',
      consents: [],
      spend: null,
      purchases: null,
    });
  });

  it('takes the name from N, else FN, else ORG; a card with none is an error', () => {
    const name = (...lines: string[]) => {
      const { firstName, lastName, title } = customer(vcardToCustomer(one(card(...lines)))).input;
      return [firstName, lastName, title];
    };
    expect(name('N:Gump;Forrest;;Mr.;', 'FN:Someone Else')).toEqual(['Forrest', 'Gump', 'Mr.']);
    expect(name('FN:Frank  Dawson')).toEqual(['Frank', 'Dawson', null]);
    expect(name('N:;;;;', 'FN:Cher')).toEqual(['Cher', null, null]);
    expect(name('N:Mustermann;;;;')).toEqual(['Mustermann', null, null]);
    expect(name('ORG:Lotus Development Corporation;Sales')).toEqual(['Lotus Development Corporation', null, null]);
    // No name: named by the contact and tagged, so it is kept and someone can add the name.
    const nameless = customer(vcardToCustomer(one(card('EMAIL:nobody@example.com'))));
    expect([nameless.input.firstName, nameless.input.tags]).toEqual(['nobody', ['needs-name']]);
    expect(vcardToCustomer(one('BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n'))).toEqual({ kind: 'empty' });
    expect(vcardToCustomer(one(card(`N:${'x'.repeat(81)};Ada`)))).toEqual({
      kind: 'error',
      reason: 'vCard N: name longer than 80 characters',
    });
  });

  it('strips tel: from vCard 4.0 phone URIs', () => {
    const c = customer(vcardToCustomer(one(card('FN:Simon', 'TEL;VALUE=uri;TYPE="work,voice":tel:+1-418-656-9254;ext=102'))));
    expect(c.input.phones).toEqual([{ label: 'work', number: '+1-418-656-9254 ext. 102' }]);
  });

  it('reads birthdays and anniversaries in vCard forms, including the X- spellings', () => {
    const dates = (...lines: string[]) => customer(vcardToCustomer(one(card('FN:Ada', ...lines)))).input.dates;
    expect(dates('BDAY:19800322')).toEqual([{ kind: 'birthday', month: 3, day: 22, year: 1980, remind: true }]);
    expect(dates('BDAY;VALUE=date:1980-03-22')).toEqual([{ kind: 'birthday', month: 3, day: 22, year: 1980, remind: true }]);
    expect(dates('BDAY:--0203')).toEqual([{ kind: 'birthday', month: 2, day: 3, year: null, remind: true }]);
    expect(dates('BDAY:--02-03')).toEqual([{ kind: 'birthday', month: 2, day: 3, year: null, remind: true }]);
    expect(dates('BDAY:19531015T231000Z')).toEqual([{ kind: 'birthday', month: 10, day: 15, year: 1953, remind: true }]);
    expect(dates('X-MS-ANNIVERSARY:20110113')).toEqual([{ kind: 'anniversary', month: 1, day: 13, year: 2011, remind: true }]);
    expect(
      dates('item1.X-ABDATE:1975-03-01', 'item1.X-ABLabel:_$!<Anniversary>!$_', 'item2.X-ABDATE:2000-01-01', 'item2.X-ABLabel:Other'),
    ).toEqual([{ kind: 'anniversary', month: 3, day: 1, year: 1975, remind: true }]);
  });

  it('leaves out placeholders instead of failing the card', () => {
    const c = customer(
      vcardToCustomer(
        one(
          card(
            'FN:John Doe',
            'TEL;WORK;VOICE:BusinessPhone',
            'EMAIL:ÑÑÑ',
            'BDAY:someday',
            'ADR:;;1 Main St;Springfield;;;Country',
            'TEL:555-1234',
          ),
        ),
      ),
    );
    expect(c.input.phones).toEqual([{ label: 'phone', number: '555-1234' }]);
    expect(c.input.emails).toEqual([]);
    expect(c.input.dates).toEqual([]);
    expect(c.input.address).toEqual({ line1: '1 Main St', city: 'Springfield' });
  });
});

/**
 * Every fixture file, with what reading it by hand says: the number of cards and the first card's
 * name and a phone and e-mail when it has them (empty: the first card holds nothing to import).
 */
const EXPECTED: Record<
  string,
  { cards: number; first: { firstName: string; lastName: string | null; phone?: string; email?: string } | { empty: true } }
> = {
  'ez-vcard/John_Doe_ANDROID.vcf': { cards: 6, first: { firstName: 'john.doe', lastName: null, email: 'john.doe@company.com' } },
  'ez-vcard/John_Doe_BLACK_BERRY.vcf': { cards: 1, first: { firstName: 'john', lastName: 'Doe', phone: '+96123456789' } },
  'ez-vcard/John_Doe_EVOLUTION.vcf': {
    cards: 1,
    first: { firstName: 'John', lastName: 'Doe', phone: '905-666-1234', email: 'john.doe@ibm.com' },
  },
  'ez-vcard/John_Doe_GMAIL.vcf': {
    cards: 1,
    first: { firstName: 'John', lastName: 'Doe', phone: '905-555-1234', email: 'john.doe@ibm.com' },
  },
  'ez-vcard/John_Doe_IPHONE.vcf': {
    cards: 1,
    first: { firstName: 'John', lastName: 'Doe', phone: '905-555-1234', email: 'john.doe@ibm.com' },
  },
  'ez-vcard/John_Doe_LOTUS_NOTES.vcf': {
    cards: 1,
    first: { firstName: 'John', lastName: 'Doe', phone: '+1 (212) 204-34456', email: 'john.doe@ibm.com' },
  },
  'ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf': {
    cards: 1,
    first: { firstName: 'John', lastName: 'Doe', phone: '905-777-1234', email: 'john.doe@ibm.com' },
  },
  'ez-vcard/John_Doe_MS_OUTLOOK.vcf': {
    cards: 1,
    first: { firstName: 'John', lastName: 'Doe', phone: '(905) 555-1234', email: 'john.doe@ibm.cm' },
  },
  'ez-vcard/fullcontact.vcf': {
    cards: 1,
    first: { firstName: 'FirstName', lastName: 'LastName', phone: '555-555-1111', email: 'home@example.com' },
  },
  'ez-vcard/gmail-list.vcf': { cards: 3, first: { firstName: 'Arnold', lastName: 'Smith', email: 'asmithk@gmail.com' } },
  'ez-vcard/gmail-single.vcf': {
    cards: 1,
    first: { firstName: 'Greg', lastName: 'Dartmouth', phone: '555 555 1111', email: 'gdartmouth@hotmail.com' },
  },
  'ez-vcard/gmail-single2.vcf': {
    cards: 1,
    first: { firstName: 'VCard', lastName: 'Test', phone: '5555551111', email: 'email@example.com' },
  },
  'ez-vcard/issue114.vcf': {
    cards: 1,
    first: { firstName: 'Dummy', lastName: 'Dummy', phone: '+49 1234 56789', email: 'dummy.dummy@dummy.com' },
  },
  'ez-vcard/outlook-2003.vcf': { cards: 1, first: { firstName: 'John', lastName: 'Doe', email: 'jdoe@hotmail.com' } },
  'ez-vcard/outlook-2007.vcf': {
    cards: 1,
    first: { firstName: 'Michael', lastName: 'Angstadt', phone: '(111) 555-1111', email: 'mike.angstadt@gmail.com' },
  },
  'ez-vcard/rfc2426-example.vcf': {
    cards: 2,
    first: { firstName: 'Frank', lastName: 'Dawson', phone: '+1-919-676-9515', email: 'Frank_Dawson@lotus.com' },
  },
  'ez-vcard/rfc6350-example.vcf': {
    cards: 1,
    first: { firstName: 'Simon', lastName: 'Perreault', phone: '+1-418-656-9254 ext. 102', email: 'simon.perreault@viagenie.ca' },
  },
  'ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf': {
    cards: 1,
    first: { firstName: 'John', lastName: 'Doe', phone: '555-555-1111', email: 'doe.john@hotmail.com' },
  },
  'node-vcf/empty-lines.vcf': {
    cards: 1,
    first: { firstName: 'Erika', lastName: 'Mustermann', phone: '+49 221 9999123', email: 'erika@mustermann.de' },
  },
  'node-vcf/multiple.vcf': {
    cards: 3,
    first: { firstName: 'Erika', lastName: 'Mustermann', phone: '+49-221-9999123', email: 'erika@mustermann.de' },
  },
  'node-vcf/photo-base64.vcf': { cards: 1, first: { empty: true } },
  'node-vcf/quoted-list.vcf': {
    cards: 1,
    first: { firstName: '+1-555-555-5555 ext. 5555', lastName: null, phone: '+1-555-555-5555 ext. 5555' },
  },
  'node-vcf/vcard-2.1.vcf': {
    cards: 1,
    first: { firstName: 'Forrest', lastName: 'Gump', phone: '(111) 555-1212', email: 'forrestgump@example.com' },
  },
  'node-vcf/vcard-3.0.vcf': {
    cards: 1,
    first: { firstName: 'Forrest', lastName: 'Gump', phone: '(111) 555-1212', email: 'forrestgump@example.com' },
  },
  'node-vcf/vcard-4.0.vcf': {
    cards: 1,
    first: { firstName: 'Forrest', lastName: 'Gump', phone: '+11115551212', email: 'forrestgump@example.com' },
  },
  'node-vcf/xing.vcf': { cards: 1, first: { firstName: 'Hans-Peter', lastName: 'Mustermann' } },
};

const fixtureFiles = ['ez-vcard', 'node-vcf'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, FIXTURES))
    .filter((f) => f.endsWith('.vcf'))
    .map((f) => `${dir}/${f}`),
);

describe('vCard fixtures from real address books', () => {
  it('has an expectation for every fixture file', () => {
    expect(fixtureFiles).toHaveLength(26);
    expect(fixtureFiles.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(fixtureFiles)('%s parses into the expected cards, each a customer or a clear error', (file) => {
    const text = readFileSync(new URL(file, FIXTURES), 'utf8');
    const expected = EXPECTED[file]!;
    const cards = parse(text);
    expect(cards).toHaveLength(expected.cards);
    // Streaming gives the same cards as reading at once.
    expect(parse(text, 7)).toEqual(cards);
    expect(parse(text, 4096)).toEqual(cards);

    const outcomes = cards.map(vcardToCustomer);
    const first = outcomes[0]!;
    if ('empty' in expected.first) {
      expect(first).toEqual({ kind: 'empty' });
    } else {
      const { input } = customer(first);
      expect([input.firstName, input.lastName]).toEqual([expected.first.firstName, expected.first.lastName]);
      if (expected.first.phone) expect(input.phones?.[0]?.number).toBe(expected.first.phone);
      if (expected.first.email) expect(input.emails?.[0]?.address).toBe(expected.first.email);
    }
    cards.forEach((c, i) => {
      const named = c.properties.some((p) => ['N', 'FN', 'ORG'].includes(p.name) && p.value.replaceAll(';', '').trim());
      const outcome = outcomes[i]!;
      const contact = c.properties.some((p) => ['EMAIL', 'TEL'].includes(p.name) && p.value.trim());
      if (named) expect(outcome.kind, `card at line ${c.line}`).toBe('customer');
      else if (contact) expect(customer(outcome).input.tags).toContain('needs-name');
      else expect(outcome).toEqual({ kind: 'empty' });
      // Nothing binary is held: photos and keys in these files are all inline base64.
      for (const p of c.properties) if (['PHOTO', 'KEY'].includes(p.name)) expect(p.value.length).toBeLessThan(200);
    });
  });

  it('decodes the quoted-printable UTF-8 names of the Android export', () => {
    const cards = parse(readFileSync(new URL('ez-vcard/John_Doe_ANDROID.vcf', FIXTURES), 'utf8'));
    const names = cards.map((c) => {
      const o = vcardToCustomer(c);
      return o.kind === 'customer' ? [o.customer.input.firstName, o.customer.input.lastName] : o.kind;
    });
    expect(names).toEqual([
      ['john.doe', null],
      ['jane.doe', null],
      ['Ñ Ñ Ñ Ñ', 'Ñ'],
      ['Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ', 'Ñ'],
      ['Ñ Ñ Ñ', 'Ñ Ñ'],
      ['ÑÑÑÑ', 'ÑÑÑÑ'],
    ]);
    // The fourth card's FN continues over a soft line break.
    expect(cards[3]!.properties.find((p) => p.name === 'FN')?.value).toBe('Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ');
  });

  it('reads the node-vcf quoted type list and the Outlook note', () => {
    const [quoted] = parse(readFileSync(new URL('node-vcf/quoted-list.vcf', FIXTURES), 'utf8'));
    expect(quoted!.properties[0]).toMatchObject({
      name: 'TEL',
      params: { VALUE: ['uri'], PREF: ['1'], TYPE: ['voice', 'home'] },
      value: 'tel:+1-555-555-5555;ext=5555',
    });
    const [outlook] = parse(readFileSync(new URL('ez-vcard/outlook-2003.vcf', FIXTURES), 'utf8'));
    expect(customer(vcardToCustomer(outlook!)).note).toBe('This is the note field!!\nSecond line\n\nThird line is empty');
  });
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import {
  type ColumnMapping,
  CUSTOMER_FIELDS,
  type CustomerField,
  countryCode,
  guessMapping,
  type ImportedCustomer,
  isShopifyHeader,
  parseAmount,
  parseDate,
  type RowOutcome,
  rowToCustomer,
} from './customer-columns.ts';

const LEGACY_SHOPIFY =
  'First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt'.split(
    ',',
  );
const CURRENT_SHOPIFY =
  'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags'.split(
    ',',
  );

function customer(outcome: RowOutcome): ImportedCustomer {
  if (outcome.kind !== 'customer') throw new Error(`expected a customer, got ${JSON.stringify(outcome)}`);
  return outcome.customer;
}

/** One row of columns given as { header: value }, mapped field by field. */
function row(cells: Record<string, string>, mapping?: ColumnMapping): RowOutcome {
  const header = Object.keys(cells);
  return rowToCustomer(header, Object.values(cells), mapping ?? guessMapping(header));
}

/** A row with a first name and one mapped column. */
function withColumn(field: CustomerField, value: string, header = 'Column'): RowOutcome {
  return rowToCustomer(['First', header], ['Ada', value], { First: 'firstName', [header]: field });
}

describe('CUSTOMER_FIELDS', () => {
  it('lists every field once, with a label', () => {
    const fields = CUSTOMER_FIELDS.map((f) => f.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).toHaveLength(21);
    expect(CUSTOMER_FIELDS.find((f) => f.field === 'firstName')?.label).toBe('First name');
    for (const f of CUSTOMER_FIELDS) expect(f.label.length).toBeGreaterThan(2);
  });
});

describe('guessMapping', () => {
  it('maps the legacy Shopify customer export, preferring names over codes', () => {
    expect(guessMapping(LEGACY_SHOPIFY)).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      Company: 'ignore',
      Address1: 'line1',
      Address2: 'line2',
      City: 'city',
      Province: 'region',
      'Province Code': 'ignore',
      Country: 'country',
      'Country Code': 'ignore',
      Zip: 'postcode',
      Phone: 'phone',
      'Accepts Marketing': 'acceptsEmailMarketing',
      'Total Spent': 'totalSpent',
      'Total Orders': 'totalOrders',
      Tags: 'tags',
      Note: 'note',
      'Tax Exempt': 'ignore',
    });
  });

  it('maps the current Shopify customer export; the address phone becomes the mobile', () => {
    expect(guessMapping(CURRENT_SHOPIFY)).toEqual({
      'Customer ID': 'ignore',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Accepts Email Marketing': 'acceptsEmailMarketing',
      'Default Address Company': 'ignore',
      'Default Address Address1': 'line1',
      'Default Address Address2': 'line2',
      'Default Address City': 'city',
      'Default Address Province Code': 'region',
      'Default Address Country Code': 'country',
      'Default Address Zip': 'postcode',
      'Default Address Phone': 'mobile',
      Phone: 'phone',
      'Accepts SMS Marketing': 'acceptsSmsMarketing',
      'Total Spent': 'totalSpent',
      'Total Orders': 'totalOrders',
      Note: 'note',
      'Tax Exempt': 'ignore',
      Tags: 'tags',
    });
  });

  it('ignores case, spaces, underscores, hyphens and accents, in several languages', () => {
    const cases: [string, CustomerField | 'ignore'][] = [
      ['first_name', 'firstName'],
      ['FIRSTNAME', 'firstName'],
      ['Vorname', 'firstName'],
      ['Prénom', 'firstName'],
      ['Nachname', 'lastName'],
      ['Nom', 'lastName'],
      ['Surname', 'lastName'],
      ['Name', 'fullName'],
      ['Full name', 'fullName'],
      ['E-Mail', 'email'],
      ['Email Address', 'email'],
      ['Telefon', 'phone'],
      ['Téléphone', 'phone'],
      ['Handy', 'mobile'],
      ['Mobile Phone', 'mobile'],
      ['Cell', 'mobile'],
      ['Zip', 'postcode'],
      ['Postal Code', 'postcode'],
      ['PLZ', 'postcode'],
      ['Province', 'region'],
      ['State', 'region'],
      ['County', 'region'],
      ['Address1', 'line1'],
      ['Street', 'line1'],
      ['Straße', 'line1'],
      ['Town', 'city'],
      ['Date of birth', 'birthday'],
      ['DOB', 'birthday'],
      ['Birthday', 'birthday'],
      ['Geburtstag', 'birthday'],
      ['Nickname', 'preferredName'],
      ['Salutation', 'title'],
      ['Notes', 'note'],
      ['Favourite colour', 'ignore'],
      ['', 'ignore'],
    ];
    for (const [header, field] of cases) expect(guessMapping([header])[header], header).toBe(field);
  });

  it('maps each field at most once: the leftmost of equally good columns wins', () => {
    expect(guessMapping(['Email', 'E-mail', 'Phone', 'Telephone', 'Mobile'])).toEqual({
      Email: 'email',
      'E-mail': 'ignore',
      Phone: 'phone',
      Telephone: 'ignore', // mobile is taken by the exact "Mobile"
      Mobile: 'mobile',
    });
    expect(guessMapping(['Telephone', 'Phone'])).toEqual({ Telephone: 'phone', Phone: 'mobile' });
    // A code is used when it is the only one.
    expect(guessMapping(['Country Code', 'State Code'])).toEqual({ 'Country Code': 'country', 'State Code': 'region' });
  });
});

describe('isShopifyHeader', () => {
  it('recognises both Shopify layouts and nothing else', () => {
    expect(isShopifyHeader(LEGACY_SHOPIFY)).toBe(true);
    expect(isShopifyHeader(CURRENT_SHOPIFY)).toBe(true);
    expect(isShopifyHeader(['First Name', 'Last Name', 'Email', 'Phone'])).toBe(false);
    expect(isShopifyHeader([])).toBe(false);
  });
});

describe('rowToCustomer with Shopify exports', () => {
  it('reads a legacy export row', () => {
    const [header, values] = parseCsv(
      `${LEGACY_SHOPIFY.join(',')}\n` +
        `Ada,Lovelace,Ada@Example.COM,Engines Ltd,12 Baker Street,Flat 2,London,England,ENG,United Kingdom,GB,'NW1 6XE,'+44 20 7946 0958,yes,"1,234.50",7,"vip, Trade Account",Prefers mornings,no\n`,
    ).map((r) => r.fields);
    expect(customer(rowToCustomer(header!, values!, guessMapping(header!)))).toEqual({
      input: {
        title: null,
        firstName: 'Ada',
        lastName: 'Lovelace',
        preferredName: null,
        phones: [{ label: 'phone', number: '+44 20 7946 0958' }],
        emails: [{ label: 'email', address: 'Ada@example.com' }],
        address: { line1: '12 Baker Street', line2: 'Flat 2', city: 'London', region: 'England', postcode: 'NW1 6XE', country: 'GB' },
        dates: [],
        tags: ['vip', 'trade-account'],
      },
      note: 'Prefers mornings',
      consents: [{ channel: 'email', purpose: 'marketing', granted: true }],
      spend: 1234.5,
      purchases: 7,
    });
  });

  it('reads a current export row', () => {
    const values = [
      '7071234567',
      'Chidi',
      'Okafor',
      'chidi@example.ng',
      'not_subscribed',
      '',
      '4 Marina Road',
      '',
      'Lagos',
      'LA',
      'NG',
      '101001',
      "'+234 1 234 5678",
      "'+234 803 123 4567",
      'subscribed',
      '89.00',
      '2',
      '',
      'no',
      'wholesale',
    ];
    expect(customer(rowToCustomer(CURRENT_SHOPIFY, values, guessMapping(CURRENT_SHOPIFY)))).toEqual({
      input: {
        title: null,
        firstName: 'Chidi',
        lastName: 'Okafor',
        preferredName: null,
        phones: [
          { label: 'mobile', number: '+234 1 234 5678' },
          { label: 'phone', number: '+234 803 123 4567' },
        ],
        emails: [{ label: 'email', address: 'chidi@example.ng' }],
        address: { line1: '4 Marina Road', city: 'Lagos', region: 'LA', postcode: '101001', country: 'NG' },
        dates: [],
        tags: ['wholesale'],
      },
      note: null,
      consents: [
        { channel: 'email', purpose: 'marketing', granted: false },
        { channel: 'sms', purpose: 'marketing', granted: true },
      ],
      spend: 89,
      purchases: 2,
    });
  });
});

describe('rowToCustomer rules', () => {
  it('calls blank rows empty, including 10,000 of them in a row', () => {
    const records = parseCsv(`First Name,Email\n${'\n'.repeat(10_000)}`);
    const [header, ...rows] = records;
    const mapping = guessMapping(header!.fields);
    expect(rows).toHaveLength(10_000);
    expect(rows.every((r) => rowToCustomer(header!.fields, r.fields, mapping).kind === 'empty')).toBe(true);
    expect(rowToCustomer(['A', 'B', 'C'], ['', '  ', '\t'], {}).kind).toBe('empty');
    expect(rowToCustomer(['A'], ['\u0000 '], {}).kind).toBe('empty');
  });

  it('needs a name: first name, else the full name split at its last space, else the last name as first name', () => {
    const name = (cells: Record<string, string>) => {
      const { firstName, lastName } = customer(row(cells)).input;
      return [firstName, lastName];
    };
    expect(name({ 'First Name': 'Ada', 'Last Name': 'Lovelace' })).toEqual(['Ada', 'Lovelace']);
    expect(name({ 'First Name': 'Ada' })).toEqual(['Ada', null]);
    expect(name({ Name: 'Ada King  Lovelace' })).toEqual(['Ada King', 'Lovelace']);
    expect(name({ Name: 'Cher' })).toEqual(['Cher', null]);
    expect(name({ 'Last Name': 'Lovelace' })).toEqual(['Lovelace', null]);
    expect(name({ 'First Name': 'Ada', Name: 'Augusta Ada King' })).toEqual(['Ada', null]);
    expect(row({ 'First Name': ' ', Email: 'ada@example.com' })).toEqual({
      kind: 'error',
      reason: 'no name: give a first, last or full name',
    });
  });

  it('keeps names and notes verbatim as text, script tags included', () => {
    const c = customer(
      row({ 'First Name': '<script>alert(1)</script>', 'Last Name': "O'Brien & <b>Sons</b>", Note: '<img src=x onerror=alert(1)>' }),
    );
    expect(c.input.firstName).toBe('<script>alert(1)</script>');
    expect(c.input.lastName).toBe("O'Brien & <b>Sons</b>");
    expect(c.note).toBe('<img src=x onerror=alert(1)>');
  });

  it('strips control characters except newline and tab', () => {
    const c = customer(row({ 'First Name': 'Ada\u0000\u0007', Note: 'line 1\r\nline 2\tend\u001b\u009b' }));
    expect(c.input.firstName).toBe('Ada');
    expect(c.note).toBe('line 1\nline 2\tend');
  });

  it('limits the length of names and notes', () => {
    expect(row({ 'First Name': 'A'.repeat(80) }).kind).toBe('customer');
    expect(row({ 'First Name': 'A'.repeat(81) })).toEqual({ kind: 'error', reason: 'Column "First Name": name longer than 80 characters' });
    expect(row({ 'First Name': 'Ada', 'Last Name': 'L'.repeat(81) }).kind).toBe('error');
    expect(customer(row({ 'First Name': 'Ada', Note: 'n'.repeat(5000) })).note).toHaveLength(5000);
    expect(row({ 'First Name': 'Ada', Note: 'n'.repeat(5001) })).toEqual({
      kind: 'error',
      reason: 'Column "Note": note longer than 5000 characters',
    });
    expect(row({ 'First Name': 'Ada', Title: 'T'.repeat(31) }).kind).toBe('error');
  });

  it('checks e-mail addresses, allows any script, lower-cases only the domain', () => {
    const emails = (value: string) => customer(withColumn('email', value)).input.emails;
    expect(emails(' Ada.Lovelace@Example.COM ')).toEqual([{ label: 'email', address: 'Ada.Lovelace@example.com' }]);
    expect(emails('josé@exämple.de')).toEqual([{ label: 'email', address: 'josé@exämple.de' }]);
    expect(emails('用户@例子.广告')).toEqual([{ label: 'email', address: '用户@例子.广告' }]);
    expect(emails('ÄDA@BÜRO.DE')).toEqual([{ label: 'email', address: 'ÄDA@büro.de' }]);
    expect(emails('a@x.com; b@y.com,c@z.org')).toEqual([
      { label: 'email', address: 'a@x.com' },
      { label: 'email', address: 'b@y.com' },
      { label: 'email', address: 'c@z.org' },
    ]);
    expect(emails('a@x.com; A@X.COM')).toHaveLength(1);
    for (const bad of [
      'ada@',
      '@example.com',
      'ada lovelace@example.com',
      'a@b@example.com',
      'ada.example.com',
      'ada@localhost',
      '<ada@x.com>',
    ]) {
      expect(withColumn('email', bad, 'E-Mail'), bad).toEqual({
        kind: 'error',
        reason: `Column "E-Mail": "${bad}" is not an e-mail address`,
      });
    }
  });

  it('keeps phone numbers from ten countries exactly as entered, local and international', () => {
    const numbers = [
      ['UK', '020 7946 0958', '+44 20 7946 0958'],
      ['US', '(212) 555-0123', '+1 212-555-0123'],
      ['DE', '030 12345678', '+49 30 12345678'],
      ['FR', '01 23 45 67 89', '+33 1 23 45 67 89'],
      ['IN', '098765 43210', '+91 98765 43210'],
      ['JP', '03-1234-5678', '+81 3-1234-5678'],
      ['BR', '(11) 91234-5678', '+55 11 91234-5678'],
      ['NG', '0803 123 4567', '+234 803 123 4567'],
      ['AU', '(02) 9876 5432', '+61 2 9876 5432'],
      ['ZA', '021 123 4567', '+27 21 123 4567'],
    ];
    for (const [country, local, international] of numbers) {
      const c = customer(row({ 'First Name': 'Ada', Phone: ` ${local} `, Mobile: international! }));
      expect(c.input.phones, country).toEqual([
        { label: 'phone', number: local },
        { label: 'mobile', number: international },
      ]);
    }
    const phones = (value: string) => customer(withColumn('phone', value)).input.phones?.map((p) => p.number);
    expect(phones('020 7946 0958 ext. 12; 07700 900123')).toEqual(['020 7946 0958 ext. 12', '07700 900123']);
    expect(phones('555-0123 x45')).toEqual(['555-0123 x45']);
    expect(phones('０３−１２３４−５６７８')).toEqual(['０３−１２３４−５６７８']);
  });

  it('refuses phone numbers with letters or fewer than four digits, naming the column', () => {
    expect(withColumn('phone', 'call after 6', 'Tel')).toEqual({
      kind: 'error',
      reason: 'Column "Tel": "call after 6" is not a phone number (it has letters)',
    });
    expect(withColumn('mobile', '123', 'Cell')).toEqual({
      kind: 'error',
      reason: 'Column "Cell": "123" is not a phone number (too few digits)',
    });
    expect(withColumn('phone', 'n/a').kind).toBe('error');
  });

  it('reads birthdays in several formats', () => {
    const birthday = (value: string) => {
      const [date] = customer(withColumn('birthday', value)).input.dates ?? [];
      return date && [date.day, date.month, date.year];
    };
    expect(birthday('1980-03-22')).toEqual([22, 3, 1980]);
    expect(birthday('19800322')).toEqual([22, 3, 1980]);
    expect(birthday('22/03/1980')).toEqual([22, 3, 1980]);
    expect(birthday('22.03.1980')).toEqual([22, 3, 1980]);
    expect(birthday('03-22')).toEqual([22, 3, null]);
    expect(birthday('--03-22')).toEqual([22, 3, null]);
    expect(birthday('12 March 1980')).toEqual([12, 3, 1980]);
    expect(birthday('12th Mar 1980')).toEqual([12, 3, 1980]);
    expect(birthday('March 12')).toEqual([12, 3, null]);
    expect(birthday('March 12, 1980')).toEqual([12, 3, 1980]);
    expect(birthday('29 February')).toEqual([29, 2, null]);
    expect(birthday('1980-03-22T00:00:00Z')).toEqual([22, 3, 1980]);
    expect(birthday('1604-03-22')).toEqual([22, 3, null]); // Apple's "no year"
    expect(customer(withColumn('birthday', '1980-03-22')).input.dates).toEqual([
      { kind: 'birthday', month: 3, day: 22, year: 1980, remind: true },
    ]);
    for (const bad of ['31/02/1980', '13/13/1980', 'soon', '1980', '29 February 1981', 'Smarch 12']) {
      expect(withColumn('birthday', bad, 'DOB'), bad).toEqual({
        kind: 'error',
        reason: `Column "DOB": "${bad}" is not a date (use e.g. 1980-03-22, 22/03/1980, 22 March or 03-22)`,
      });
    }
  });

  it('splits, cleans and dedupes tags', () => {
    expect(customer(withColumn('tags', 'vip, VIP ,Wedding Client,, trade,Café')).input.tags).toEqual([
      'vip',
      'wedding-client',
      'trade',
      'cafe',
    ]);
    expect(withColumn('tags', `vip,${'x'.repeat(41)}`, 'Tags').kind).toBe('error');
    expect(withColumn('tags', '常客', 'Tags')).toEqual({ kind: 'error', reason: 'Column "Tags": tag "常客" needs letters a–z or digits' });
  });

  it('reads marketing consent as yes, no or nothing', () => {
    const consent = (value: string) => customer(withColumn('acceptsEmailMarketing', value)).consents;
    for (const yes of ['yes', 'TRUE', '1', 'y', 'Subscribed'])
      expect(consent(yes), yes).toEqual([{ channel: 'email', purpose: 'marketing', granted: true }]);
    for (const no of ['no', 'false', '0', 'N', 'unsubscribed', 'not_subscribed'])
      expect(consent(no), no).toEqual([{ channel: 'email', purpose: 'marketing', granted: false }]);
    expect(consent('')).toEqual([]);
    expect(customer(withColumn('acceptsSmsMarketing', 'yes')).consents).toEqual([{ channel: 'sms', purpose: 'marketing', granted: true }]);
    expect(withColumn('acceptsEmailMarketing', 'maybe', 'Newsletter')).toEqual({
      kind: 'error',
      reason: 'Column "Newsletter": "maybe" is not yes or no',
    });
  });

  it('reads total spent and orders as numbers, or null', () => {
    expect(customer(withColumn('totalSpent', '1,234.50')).spend).toBe(1234.5);
    expect(customer(withColumn('totalSpent', '£12.00')).spend).toBe(12);
    expect(customer(withColumn('totalSpent', 'twelve')).spend).toBeNull();
    expect(customer(withColumn('totalOrders', '7')).purchases).toBe(7);
    expect(customer(withColumn('totalOrders', '2.5')).purchases).toBeNull();
    expect(parseAmount('1.234,50 €')).toBe(1234.5);
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount('$ 1,000')).toBe(1000);
    expect(parseAmount('1,2,3')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });

  it('reads countries as names in several languages or as codes', () => {
    expect(countryCode('United Kingdom')).toBe('GB');
    expect(countryCode('uk')).toBe('GB');
    expect(countryCode('gb')).toBe('GB');
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('Germany')).toBe('DE');
    expect(countryCode('U.S.A.')).toBe('US');
    expect(countryCode('Côte d’Ivoire')).toBe('CI');
    expect(countryCode('Atlantis')).toBeNull();
    expect(customer(withColumn('country', 'France')).input.address).toEqual({ country: 'FR' });
    expect(withColumn('country', 'Atlantis', 'Land')).toEqual({
      kind: 'error',
      reason: 'Column "Land": "Atlantis" is not a country name or two-letter code',
    });
  });

  it('takes off the apostrophe spreadsheets and our own export put before phones, postcodes and formulas', () => {
    const c = customer(row({ 'First Name': "'=Ada", Phone: "'+44 20 7946 0958", Zip: "'02134" }));
    expect(c.input.firstName).toBe('=Ada');
    expect(c.input.phones).toEqual([{ label: 'phone', number: '+44 20 7946 0958' }]);
    expect(c.input.address).toEqual({ postcode: '02134' });
  });

  it('ignores columns mapped to ignore or not mapped, and columns beyond the header', () => {
    const c = customer(rowToCustomer(['First', 'Secret'], ['Ada', 'hunter2', 'extra'], { First: 'firstName', Secret: 'ignore' }));
    expect(c.input).toMatchObject({ firstName: 'Ada', phones: [], emails: [], address: null, tags: [] });
    expect(c.note).toBeNull();
  });
});

describe('parseDate', () => {
  it('accepts vCard forms and ignores a time', () => {
    expect(parseDate('--0203')).toEqual({ month: 2, day: 3, year: null });
    expect(parseDate('20090808T1430-0500')).toEqual({ month: 8, day: 8, year: 2009 });
    expect(parseDate('1912-06-23')).toEqual({ month: 6, day: 23, year: 1912 });
    expect(parseDate('1899-06-23')).toEqual({ month: 6, day: 23, year: null });
  });
});

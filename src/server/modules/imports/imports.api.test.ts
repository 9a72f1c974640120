import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';
import { importCustomers } from './import-customers.ts';

const ctx = setupTestApp();

let manager: string;
let associate: string;
let retailerId: string;
let managerId: string;

const SHOPIFY_HEADER =
  'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags';

const upload = (cookie: string, body: string | Buffer, query: Record<string, string>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/imports/customers?${new URLSearchParams(query)}`,
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: body,
  });

const search = async (q: string) =>
  (await ctx.app.inject({ method: 'GET', url: `/api/customers?q=${encodeURIComponent(q)}`, headers: { cookie: manager } })).json()
    .items as {
    id: string;
    fullName: string;
  }[];

beforeAll(async () => {
  const r = await buildRetailer(ctx.deps.db, { country: 'GB' });
  retailerId = r.id;
  const store = (await buildStore(ctx.deps.db, { retailerId: r.id, name: 'Riverside' })).id;
  const m = await buildStaff(ctx.deps.db, { retailerId: r.id, storeIds: [store], role: 'manager', name: 'Maya' });
  managerId = m.id;
  manager = await signIn(ctx.app, m.email);
  associate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, storeIds: [store] })).email);
});

describe('importing a Shopify customer export', () => {
  const file = [
    SHOPIFY_HEADER,
    '1001,Adaeze,Okafor,adaeze@example.com,yes,,12 Elm Row,,London,,GB,N1 2AB,,020 7946 0958,no,412.50,7,"Living room in sage and cream.\nCat at home: no lilies.",no,"VIP, Weddings"',
    '1002,José,Álvarez,josé@exämple.es,no,,,,Madrid,,ES,,,+34 612 345 678,yes,0,0,,no,',
    '1003,<script>alert(1)</script>,Smith,not-an-email,no,,,,,,,,,,no,0,0,,no,',
    ',,,,,,,,,,,,,,,,,,,',
    '1004,Kenji,Watanabe,kenji@example.jp,no,,,,Tokyo,,JP,,,+81 90-1234-5678,no,10,1,,no,',
    '1005,<b>Bold</b>,Tester,bold@example.com,no,,,,,,,,,,no,0,0,<img src=x onerror=alert(1)>,no,',
  ].join('\r\n');

  it('needs a manager (401 signed out, 403 for associates)', async () => {
    const signedOut = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports/customers?format=shopify&fileName=x.csv',
      headers: { 'content-type': 'application/octet-stream' },
      payload: 'a',
    });
    expect(signedOut.statusCode).toBe(401);
    expect((await upload(associate, file, { format: 'shopify', fileName: 'shopify.csv' })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/imports?kind=customers', headers: { cookie: associate } })).statusCode).toBe(
      403,
    );
  });

  it('keeps the good rows, reports the bad ones by line, and stores names and notes as plain text', async () => {
    const res = await upload(manager, file, { format: 'shopify', fileName: 'shopify.csv' });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ status: 'completed', fileName: 'shopify.csv', rows: 5, created: 4, matched: 0, empty: 1, failed: 1 });
    // The note spans two lines, so the bad row starts on line 5.
    expect(report.errors).toEqual([{ line: 5, reason: expect.stringMatching(/not-an-email/) }]);
    expect(report.bytesRead).toBe(Buffer.byteLength(file));

    const [okafor] = await search('0958');
    expect(okafor?.fullName).toBe('Adaeze Okafor');
    const profile = (await ctx.app.inject({ method: 'GET', url: `/api/customers/${okafor?.id}`, headers: { cookie: manager } })).json();
    expect(profile).toMatchObject({
      tags: ['vip', 'weddings'],
      address: { line1: '12 Elm Row', city: 'London', postcode: 'N1 2AB', country: 'GB' },
      figures: { spend: 412.5, purchases: 7 },
    });
    expect(profile.consents).toEqual([
      expect.objectContaining({ channel: 'email', purpose: 'marketing', granted: true, source: 'import: shopify.csv' }),
      expect.objectContaining({ channel: 'sms', purpose: 'marketing', granted: false }),
    ]);
    const timeline = (
      await ctx.app.inject({ method: 'GET', url: `/api/customers/${okafor?.id}/timeline`, headers: { cookie: manager } })
    ).json();
    expect(timeline.items[0].note).toMatchObject({
      body: 'Living room in sage and cream.\nCat at home: no lilies.',
      author: { id: managerId },
    });

    expect((await search('josé@'))[0]?.fullName).toBe('José Álvarez');
    expect((await search('5678')).map((c) => c.fullName)).toEqual(expect.arrayContaining(['Kenji Watanabe', 'José Álvarez']));
    expect((await search('bold'))[0]?.fullName).toBe('<b>Bold</b> Tester');
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('retailer_id', '=', retailerId)
      .executeTakeFirstOrThrow();
    const res = await upload(manager, file, { format: 'shopify', fileName: 'shopify.csv' });
    expect(res.json()).toMatchObject({ status: 'completed', created: 0, matched: 4, failed: 1 });
    const after = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('retailer_id', '=', retailerId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('never duplicates a customer already in the book, even one typed differently', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: manager },
      payload: { firstName: 'Grace', lastName: 'Hopper', phones: [{ label: 'mobile', number: '07700 900321' }] },
    });
    expect(created.statusCode).toBe(201);
    const res = await upload(manager, `${SHOPIFY_HEADER}\n2001,Grace,Hopper,,no,,,,,,,,,+44 7700 900321,no,0,0,,no,\n`, {
      format: 'shopify',
      fileName: 'grace.csv',
    });
    expect(res.json()).toMatchObject({ created: 0, matched: 1 });
    expect(await search('Hopper')).toHaveLength(1);
  });

  it('matches a row against rows of the same file written in an earlier batch, by e-mail, and by phone with a similar name', async () => {
    // 2,500 people with contacts of their own, so the repeats below fall in the file's second batch of 2,000.
    const filler = Array.from(
      { length: 2500 },
      (_, i) => `${3000 + i},Filler${i},Batchperson,filler${i}@example.org,no,,,,,,,,,,no,0,0,,no,`,
    );
    const file = [
      SHOPIFY_HEADER,
      '2901,Ann,Lee,ann.lee@example.org,no,,,,,,,,,01632 960111,no,0,0,,no,',
      ...filler,
      '2902,Ben,Lee,,no,,,,,,,,,01632 960111,no,0,0,,no,', // the household's landline: someone else
      '2903,Annie,Lee,,no,,,,,,,,,+44 1632 960111,no,0,0,,no,', // Ann again, by phone and a similar name
      '2904,A.,Lee,ANN.LEE@example.org,no,,,,,,,,,,no,0,0,,no,', // Ann again, by e-mail
    ].join('\n');
    const res = await upload(manager, file, { format: 'shopify', fileName: 'batches.csv' });
    expect(res.json()).toMatchObject({ status: 'completed', created: 2502, matched: 2, failed: 0 });
    expect((await search('Lee')).map((c) => c.fullName).sort()).toEqual(['Ann Lee', 'Ben Lee']);
  });

  it('refuses a file that is not a Shopify export, naming what it found', async () => {
    const res = await upload(manager, 'Name,Mail\nAda,ada@example.com\n', { format: 'shopify', fileName: 'other.csv' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/not a Shopify customer export/);
  });
});

describe('importing any CSV with a column mapping', () => {
  it('reads a Latin-1, semicolon-separated file through the mapping', async () => {
    const text =
      'Nom;Prénom;Téléphone;Courriel;Remarque\r\nMüller;Zoë;+49 30 1234567;zoe@example.de;Mag Rosen\r\nBrontë;Anne;0161 496 0000;;\r\n';
    const res = await upload(manager, Buffer.from(text, 'latin1'), {
      format: 'csv',
      fileName: 'latin1.csv',
      mapping: JSON.stringify({ Nom: 'lastName', Prénom: 'firstName', Téléphone: 'phone', Courriel: 'email', Remarque: 'ignore' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, failed: 0 });
    expect((await search('zoe'))[0]?.fullName).toBe('Zoë Müller');
    expect((await search('bronte'))[0]?.fullName).toBe('Anne Brontë');
  });

  it('explains a file without a header line', async () => {
    const res = await upload(manager, 'Ada,Lovelace,ada@example.com\nAlan,Turing,alan@example.com\n', {
      format: 'csv',
      fileName: 'noheader.csv',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/first line should name the columns/);
    const list = (await ctx.app.inject({ method: 'GET', url: '/api/imports?kind=customers', headers: { cookie: manager } })).json().items;
    expect(list[0]).toMatchObject({ fileName: 'noheader.csv', status: 'failed', message: expect.stringMatching(/first line/) });
  });

  it('rejects a mapping that is not JSON or names an unknown field', async () => {
    expect((await upload(manager, 'A\nb\n', { format: 'csv', fileName: 'm.csv', mapping: '{' })).statusCode).toBe(400);
    const res = await upload(manager, 'A\nb\n', { format: 'csv', fileName: 'm.csv', mapping: JSON.stringify({ A: 'shoeSize' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('mapping.A');
  });

  it('skips 10,000 empty rows quickly and counts them', async () => {
    const res = await upload(manager, `First Name,Email\nEmpty,empty-rows@example.com\n${',\n'.repeat(10_000)}`, {
      format: 'csv',
      fileName: 'empty.csv',
    });
    expect(res.json()).toMatchObject({ created: 1, empty: 10_000, failed: 0 });
  });

  it('imports phone numbers from ten countries, each found by its last digits', async () => {
    const phones = [
      ['Olivia', '+44 20 7946 0321'],
      ['Liam', '(212) 555-0143'],
      ['Lena', '+49 89 12345670'],
      ['Chloé', '+33 1 23 45 67 88'],
      ['Aarav', '+91 98765 43219'],
      ['Yui', '+81 3-1234-5677'],
      ['Gabriel', '+55 11 91234-5676'],
      ['Chinedu', '+234 803 123 4575'],
      ['Charlotte', '+61 2 9876 5474'],
      ['Thabo', '+27 21 123 4573'],
    ];
    const csv = `First Name,Phone\n${phones.map(([n, p]) => `${n},"${p}"`).join('\n')}\n`;
    const res = await upload(manager, csv, { format: 'csv', fileName: 'world.csv' });
    expect(res.json()).toMatchObject({ created: 10, failed: 0 });
    for (const [name, phone] of phones) {
      const digits = (phone as string).replace(/\D/g, '');
      expect((await search(digits.slice(-4))).map((c) => c.fullName)).toContain(name);
    }
  });

  it('answers 413 above the upload limit without reading the file', async () => {
    const saved = ctx.deps.config.importUploadLimitBytes;
    ctx.deps.config.importUploadLimitBytes = 1000;
    try {
      const res = await upload(manager, `First Name\n${'Ada\n'.repeat(1000)}`, { format: 'csv', fileName: 'big.csv' });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toMatch(/ones import customers/);
      const limits = (await ctx.app.inject({ method: 'GET', url: '/api/imports/limits', headers: { cookie: manager } })).json();
      expect(limits.maxBytes).toBe(1000);
    } finally {
      ctx.deps.config.importUploadLimitBytes = saved;
    }
  });
});

describe('importing vCards', () => {
  const dir = join(import.meta.dirname, '../../../../test/fixtures/vcard');
  const files = ['ez-vcard', 'node-vcf'].flatMap((d) =>
    readdirSync(join(dir, d))
      .filter((f) => f.endsWith('.vcf'))
      .map((f) => join(dir, d, f)),
  );

  it('imports every real vCard fixture without a failed card', async () => {
    expect(files.length).toBe(26);
    let created = 0;
    for (const file of files) {
      const res = await upload(manager, readFileSync(file), { format: 'vcard', fileName: file.split('/').at(-1) as string });
      expect(res.statusCode, file).toBe(200);
      expect(res.json().failed, `${file}: ${JSON.stringify(res.json().errors)}`).toBe(0);
      created += res.json().created + res.json().matched;
    }
    expect(created).toBeGreaterThanOrEqual(26);
  });

  it('imports a card with a 5 MB photo, keeping the contact and not the photo', async () => {
    const photo = Buffer.alloc(3_900_000, 7).toString('base64').replace(/.{76}/g, '$&\r\n ');
    const card = `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Quartermaine;Ottoline;;;\r\nFN:Ottoline Quartermaine\r\nTEL;TYPE=CELL:07700 900888\r\nPHOTO;ENCODING=b;TYPE=JPEG:${photo}\r\nEND:VCARD\r\n`;
    expect(card.length).toBeGreaterThan(5_000_000);
    const res = await upload(manager, card, { format: 'vcard', fileName: 'photo.vcf' });
    expect(res.json()).toMatchObject({ created: 1, failed: 0 });
    expect((await search('quartermaine'))[0]?.fullName).toBe('Ottoline Quartermaine');
  });
});

describe('an interrupted import', () => {
  it('can be run again to completion with no duplicates', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `Resume${i},Runner,resume${i}@example.com`);
    const file = Buffer.from(`First Name,Last Name,Email\n${rows.join('\n')}\n`);
    const audit = { retailerId, actorType: 'staff' as const, actorId: managerId, requestId: null, ip: null };
    // The source dies part-way, as when the process is killed: batches already written stay.
    async function* dying() {
      yield file.subarray(0, Math.floor(file.length * 0.6));
      throw new Error('connection lost');
    }
    await expect(importCustomers(ctx.deps, audit, dying(), { format: 'csv', fileName: 'resume.csv' })).rejects.toThrow('connection lost');
    const partial = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('retailer_id', '=', retailerId)
      .where('last_name', '=', 'Runner')
      .executeTakeFirstOrThrow();
    expect(Number(partial.n)).toBeGreaterThan(0);
    expect(Number(partial.n)).toBeLessThan(6000);
    async function* whole() {
      yield file;
    }
    await importCustomers(ctx.deps, audit, whole(), { format: 'csv', fileName: 'resume.csv' });
    const total = await ctx.deps.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('retailer_id', '=', retailerId)
      .where('last_name', '=', 'Runner')
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(6000);
  });
});

describe('exporting the customer list', () => {
  it('streams a CSV that spreadsheets open safely and that imports back without duplicates', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/customers/export.csv', headers: { cookie: associate } })).statusCode).toBe(
      403,
    );
    const res = await ctx.app.inject({ method: 'GET', url: '/api/customers/export.csv', headers: { cookie: manager } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.body.startsWith('\ufeffCustomer ID,Title,First Name,Last Name')).toBe(true);
    expect(res.body).toContain('Okafor');
    // A phone starting with + is written so spreadsheets do not run it as a formula.
    expect(res.body).toContain("'+34 612 345 678");
    const again = await upload(manager, res.rawPayload, { format: 'csv', fileName: 'export.csv' });
    expect(again.json(), JSON.stringify(again.json().errors)).toMatchObject({ created: 0, failed: 0 });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('retailer_id', '=', retailerId)
      .where('action', '=', 'customers.exported')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

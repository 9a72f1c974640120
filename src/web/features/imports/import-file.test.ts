import { describe, expect, it } from 'vitest';
import { bytesOf, errorsCsv, errorsFileName, formatBytes, mapsAName, percent, previewFile } from './import-file.ts';

describe('reading the start of an import file', () => {
  it('takes .vcf and .vcard, or a file starting with BEGIN:VCARD, as vCard', () => {
    expect(previewFile('contacts.vcf', 'BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD', false).format).toBe('vcard');
    expect(previewFile('contacts.VCARD', 'BEGIN:VCARD', false).format).toBe('vcard');
    expect(previewFile('export.txt', 'BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD', false).format).toBe('vcard');
  });

  it('finds the columns of a generic CSV with up to three different sample values each, skipping blanks', () => {
    const text =
      'Kundenname,E-Mail,Notiz\nIngrid Solberg,ingrid@example.com,\n,nobody@example.com,\nIngrid Solberg,,\nMarek Nowak,,likes sage\nAda Obi,a@x.com,\n';
    const p = previewFile('kunden.csv', text, false);
    expect(p.format).toBe('csv');
    expect(p.columns.map((c) => c.header)).toEqual(['Kundenname', 'E-Mail', 'Notiz']);
    expect(p.columns[0]?.samples).toEqual(['Ingrid Solberg', 'Marek Nowak', 'Ada Obi']);
    expect(p.columns[2]?.samples).toEqual(['likes sage']);
    expect(Object.keys(p.guessed).sort()).toEqual(['E-Mail', 'Kundenname', 'Notiz']);
  });

  it('drops the last, possibly cut, row when only the start of a big file was read', () => {
    const p = previewFile('big.csv', 'Name,City\nAda Obi,Leeds\nBen Cho,Yo', true);
    expect(p.columns[1]?.samples).toEqual(['Leeds']);
  });

  it('recognises a Shopify customer export', () => {
    const header =
      'First Name,Last Name,Email,Accepts Email Marketing,Default Address City,Default Address Zip,Phone,Total Spent,Total Orders,Tags,Note';
    expect(previewFile('customers_export.csv', `${header}\nAda,Obi,ada@example.com,yes,Leeds,LS1 1AA,,120.50,3,,\n`, false).format).toBe(
      'shopify',
    );
  });
});

describe('the mapping and the report', () => {
  it('needs a first, last or full name column', () => {
    expect(mapsAName({ A: 'email', B: 'ignore' })).toBe(false);
    expect(mapsAName({ A: 'email', B: 'lastName' })).toBe(true);
    expect(mapsAName({ A: 'fullName' })).toBe(true);
  });

  it('writes sizes and progress the way people read them', () => {
    const MB = 1024 * 1024;
    expect(formatBytes(50 * MB)).toBe('50 MB');
    expect(formatBytes(1.25 * MB)).toBe('1.3 MB');
    expect(formatBytes(640 * 1024)).toBe('640 KB');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(bytesOf(12.34 * MB, 48 * MB)).toBe('12.3 of 48.0 MB');
    expect(bytesOf(200, 2048)).toBe('0 of 2 KB');
    expect(percent(12 * MB, 48 * MB)).toBe(25);
    expect(percent(5, 0)).toBe(0);
  });

  it('downloads the failed rows as CSV, quoting what needs it', () => {
    const csv = errorsCsv([
      { line: 4, reason: 'No name' },
      { line: 9, reason: 'E-mail "x@" is not valid, so skipped' },
    ]);
    expect(csv.split('\r\n')).toEqual(['Line,Reason', '4,No name', '9,"E-mail ""x@"" is not valid, so skipped"', '']);
    expect(errorsFileName('kunden.csv')).toBe('kunden-errors.csv');
    expect(errorsFileName('contacts')).toBe('contacts-errors.csv');
  });
});

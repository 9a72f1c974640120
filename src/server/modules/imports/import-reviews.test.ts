import { describe, expect, it } from 'vitest';
import { parseProductMapping, reviewColumns, reviewFromRow } from './import-reviews.ts';

const header = ['', 'Clothing ID', 'Age', 'Title', 'Review Text', 'Rating', 'Recommended IND'];
const columns = reviewColumns(header);

describe('a review from a row', () => {
  it('makes "Title — text" the comment, the rating the satisfaction, and keeps no age', () => {
    const row = reviewFromRow(columns, ['7', '1077', '33', 'Runs small', 'Order a size up, I am 5\'8".', '4', '1']);
    expect(row).toEqual({ ok: true, ref: '7', product: '1077', satisfaction: 4, comment: 'Runs small — Order a size up, I am 5\'8".' });
    expect(JSON.stringify(row)).not.toContain('33');
    expect(reviewFromRow(columns, ['8', '1077', '', '', 'Just text', '5', '1'])).toMatchObject({ comment: 'Just text' });
    expect(reviewFromRow(columns, ['9', '', '', '', '', '1', '0'])).toMatchObject({ ok: true, product: null, comment: null });
  });

  it('names the field at fault', () => {
    expect(reviewFromRow(columns, ['1', '2', '3', 'a', 'b', '0', '1'])).toEqual({
      ok: false,
      reason: 'rating: "0" is not a whole number from 1 to 5',
    });
    expect(reviewFromRow(columns, ['1', '2', '3', 'a', 'b', '', '1'])).toEqual({ ok: false, reason: 'rating: is empty' });
    expect(reviewFromRow(columns, ['1', '2', '3', 'a', 'x'.repeat(5000), '3', '1'])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^review text: /),
    });
    expect(reviewFromRow(columns, ['1', '2'])).toMatchObject({ ok: false, reason: expect.stringMatching(/^row: has 2 fields/) });
  });

  it('needs a rating column, and the product column named when one is', () => {
    expect(() => reviewColumns(['Title', 'Review Text'])).toThrow('rating');
    expect(reviewColumns(header, 'clothing id').product).toBe(1);
    expect(() => reviewColumns(header, 'Style')).toThrow('no column "Style"');
  });
});

describe('a product mapping', () => {
  it('reads file id → SKU or handle after a header line', () => {
    expect(parseProductMapping('Clothing ID,SKU\r\n1077,DRESS-1\n862, knit-top \n\n1077,DRESS-1\n')).toEqual(
      new Map([
        ['1077', 'DRESS-1'],
        ['862', 'knit-top'],
      ]),
    );
  });

  it('refuses a line without a target, or an id mapped twice to different products, by line', () => {
    expect(() => parseProductMapping('id,sku\n1077,\n')).toThrow('Line 2');
    expect(() => parseProductMapping('id,sku\n1077,A\n1077,B\n')).toThrow('Line 3 maps 1077 to B');
    expect(() => parseProductMapping('')).toThrow('empty');
  });
});

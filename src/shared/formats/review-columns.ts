import { foldText } from '../domain/search-terms.ts';
import { parseCsv } from './csv.ts';

/** The columns of a review file, by folded header. The first, unnamed column of a spreadsheet export is the row's own id. */
export const REVIEW_COLUMNS = {
  id: ['', 'id', 'review id', 'index'],
  product: ['clothing id', 'product id', 'product', 'sku', 'handle'],
  rating: ['rating', 'stars', 'score', 'satisfaction'],
  title: ['title', 'review title', 'summary'],
  text: ['review text', 'review', 'text', 'comment', 'body'],
} as const;
export type ReviewColumn = keyof typeof REVIEW_COLUMNS;

/** Where a column is among a header's headings (matched without regard to case or accents), or -1. */
export function findReviewColumn(header: string[], column: ReviewColumn): number {
  const options: readonly string[] = REVIEW_COLUMNS[column];
  return header.findIndex((h) => options.includes(foldText(h.trim())));
}

/**
 * A product mapping from CSV text: the first column is the review file's product id, the second a
 * SKU or product handle in the catalog; the first line names the columns. A row missing either,
 * or an id mapped twice to different products, is the problem, with its line.
 */
export function readProductMapping(text: string): { mapping: Map<string, string> } | { problem: string } {
  const [header, ...records] = parseCsv(text).filter((r) => r.fields.some((f) => f.trim()));
  if (!header) return { problem: 'The mapping file is empty.' };
  const mapping = new Map<string, string>();
  for (const r of records) {
    const from = (r.fields[0] ?? '').trim();
    const to = (r.fields[1] ?? '').trim();
    if (r.error || !from || !to)
      return { problem: `Line ${r.line} of the mapping should hold the file's product id, then a SKU or product handle.` };
    const before = mapping.get(from);
    if (before !== undefined && before !== to)
      return { problem: `Line ${r.line} maps ${from} to ${to}; an earlier line maps it to ${before}.` };
    mapping.set(from, to);
  }
  return { mapping };
}

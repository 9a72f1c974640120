import { parseCsv, toCsvLine } from '../../../shared/formats/csv.ts';
import { CUSTOMER_FIELDS, guessMapping, isShopifyHeader } from '../../../shared/formats/customer-columns.ts';
import type { ColumnMapping, CustomerField, ImportFormat } from './imports.api.ts';

/** How much of a CSV the browser reads to find its columns and show a few values. */
export const PREVIEW_BYTES = 65_536;
const SAMPLES = 3;

/** One column of the file: its heading and a few different values from the first rows. */
export interface PreviewColumn {
  header: string;
  samples: string[];
}

/** What the browser learnt from the start of the file. */
export interface FilePreview {
  format: ImportFormat;
  columns: PreviewColumn[];
  /** The mapping `guessMapping` proposes for a generic CSV. */
  guessed: ColumnMapping;
}

const NAME_FIELDS: readonly CustomerField[] = ['firstName', 'lastName', 'fullName'];

export const FORMAT_LABEL: Record<ImportFormat, string> = {
  shopify: 'Shopify customer export',
  csv: 'Other CSV (spreadsheet)',
  vcard: 'vCard contacts',
};

/** What the file looks like, for "it looks like …". */
export const FORMAT_GUESS: Record<ImportFormat, string> = {
  shopify: 'a Shopify customer export',
  csv: 'a spreadsheet saved as CSV',
  vcard: 'vCard contacts',
};

/** The start of a file as text, without waiting for the rest. */
export function readStart(file: Blob): Promise<string> {
  return file.slice(0, PREVIEW_BYTES).text();
}

/**
 * The format and columns of a file from its name and first 64 KB: `.vcf`/`.vcard` (or a file
 * starting with BEGIN:VCARD) is vCard; a CSV with Shopify's headings is a Shopify export; any
 * other CSV needs its columns mapped.
 */
export function previewFile(fileName: string, start: string, truncated: boolean): FilePreview {
  const isVcard = /\.(vcf|vcard)$/i.test(fileName) || /^\uFEFF?\s*BEGIN:VCARD/i.test(start);
  const records = parseCsv(start);
  // The 64 KB may end mid-row: the last record is then incomplete.
  if (truncated && records.length > 1) records.pop();
  // Kept exactly as in the file: the server matches the mapping by header text.
  const header = records[0]?.fields ?? [];
  const rows = records.slice(1).map((r) => r.fields);
  const columns = header.map((h, i) => ({
    header: h,
    samples: [...new Set(rows.map((r) => (r[i] ?? '').trim()).filter(Boolean))].slice(0, SAMPLES),
  }));
  const format: ImportFormat = isVcard ? 'vcard' : isShopifyHeader(header) ? 'shopify' : 'csv';
  return { format, columns: isVcard ? [] : columns, guessed: isVcard ? {} : guessMapping(header) };
}

/** Whether some column gives the customer a name (first, last or full name). */
export function mapsAName(mapping: ColumnMapping): boolean {
  return Object.values(mapping).some((f) => f !== 'ignore' && NAME_FIELDS.includes(f));
}

/** The choices of the per-column select of a customer file. */
export const CUSTOMER_FIELD_OPTIONS: { value: CustomerField; label: string }[] = CUSTOMER_FIELDS.map((f) => ({
  value: f.field,
  label: f.label,
}));

const KB = 1024;
const MB = 1024 * 1024;

/** "12.3 MB", "50 MB", "640 KB", "512 bytes" (binary units, as the server states its limit). */
export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= KB) return `${Math.round(n / KB)} KB`;
  return `${n} bytes`;
}

/** "12.3 of 48.0 MB", both in the unit of the total. */
export function bytesOf(loaded: number, total: number): string {
  if (total >= MB) return `${(loaded / MB).toFixed(1)} of ${(total / MB).toFixed(1)} MB`;
  if (total >= KB) return `${Math.round(loaded / KB)} of ${Math.round(total / KB)} KB`;
  return `${loaded} of ${total} bytes`;
}

export function percent(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
}

/** The rows that failed, as a CSV file to open in a spreadsheet. */
export function errorsCsv(errors: { line: number; reason: string }[]): string {
  const line = (fields: string[]) => toCsvLine(fields).replace(/\r?\n$/, '');
  return `${[line(['Line', 'Reason']), ...errors.map((e) => line([String(e.line), e.reason]))].join('\r\n')}\r\n`;
}

/** "customers.csv" → "customers-errors.csv". */
export function errorsFileName(fileName: string): string {
  return `${fileName.replace(/\.[^.]*$/, '') || 'import'}-errors.csv`;
}

/** Why a chosen file cannot be sent, or null: too large (with what to do instead) or empty. */
export function fileProblem(file: { name: string; size: number }, maxBytes: number | null, advice: string): string | null {
  if (maxBytes !== null && file.size > maxBytes)
    return `“${file.name}” is ${formatBytes(file.size)}; Ones takes files up to ${formatBytes(maxBytes)}. ${advice}`;
  if (file.size === 0) return `“${file.name}” is empty. Choose another file.`;
  return null;
}

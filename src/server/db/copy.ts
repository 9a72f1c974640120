import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './types.ts';

/** `COPY table (columns) FROM STDIN`: the statement `copyRows` sends, recognised by both engines' connections. */
export const COPY_FROM_STDIN = /^\s*COPY\s[^;]*\bFROM\s+STDIN\b/i;

/** One value in COPY's text format: \N for null, and backslash, tab and line breaks escaped. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Writes rows into `table` with `COPY … FROM STDIN` — the fastest way rows get into PostgreSQL —
 * on the connection `db` is using, so inside a transaction it is part of it. The columns are the
 * first row's keys (every row has the same ones). Objects and arrays are written as JSON (use
 * `textArray` for array columns), dates as ISO text, null and undefined as NULL.
 */
export async function copyRows<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Partial<Record<keyof DB[T] & string, unknown>>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first) as (keyof typeof first)[];
  let data = '';
  for (const row of rows) data += `${columns.map((c) => copyValue(row[c])).join('\t')}\n`;
  await db.executeQuery(CompiledQuery.raw(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, [data]));
}

/** A PostgreSQL array literal of texts (`{"a","b"}`) for an array column written by `copyRows`. */
export const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

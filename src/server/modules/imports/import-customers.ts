import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { Compile } from 'typebox/compile';
import type { CustomerInput } from '../../../shared/customers.ts';
import { type NameSignature, nameSignature, similarSignatures } from '../../../shared/domain/duplicates.ts';
import { customerTerms, foldText } from '../../../shared/domain/search-terms.ts';
import { CsvParser } from '../../../shared/formats/csv.ts';
import {
  type ColumnMapping,
  guessMapping,
  type ImportedCustomer,
  isShopifyHeader,
  type RowOutcome,
  rowToCustomer,
} from '../../../shared/formats/customer-columns.ts';
import { newId } from '../../../shared/ids.ts';
import { copyRows } from '../../db/copy.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { bulkInsertCustomers, settleCustomerTables } from '../customers/bulk-insert-customers.ts';
import { CreateCustomerBody } from '../customers/customers.schemas.ts';
import { decodeText, type ImportCounts, ImportRun } from './import-runs.ts';
import { VCardParser, vcardToCustomer } from './vcard.ts';

export const IMPORT_FORMATS = ['shopify', 'csv', 'vcard'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Rows written per transaction: large enough for bulk speed, small enough that lookups keep answering between batches. */
const BATCH_SIZE = 2000;
/** E-mails and phones whose holders a run keeps in memory (about 100 bytes each) before reading them afresh. */
const MAX_KNOWN_CONTACTS = 500_000;

export interface ImportOptions {
  format: ImportFormat;
  fileName: string;
  /** Generic CSV only: header text → field; guessed from the header when absent. */
  mapping?: ColumnMapping | undefined;
  bytesTotal?: number | null | undefined;
  /** Refuse the file once it grows past this many bytes (uploads). */
  maxBytes?: number | undefined;
  onProgress?: ((counts: ImportCounts) => void) | undefined;
}

/** A checked row with what identifies it: its search terms, the e-mails and phones among them, its name and import key. */
interface PendingRow {
  line: number;
  customer: ImportedCustomer;
  terms: string[];
  contacts: string[];
  name: NameSignature;
  key: string;
}

const checkInput = Compile(CreateCustomerBody);

/** Tags are vocabulary-style keys: "VIP Customer" → "vip-customer". */
const tagKey = (t: string) =>
  foldText(t)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

/** The customer as the API would accept it, or the first reason it would not. */
function normalise(input: CustomerInput): { input: CustomerInput } | { reason: string } {
  const tags = [...new Set((input.tags ?? []).map(tagKey).filter(Boolean))];
  const address = input.address && Object.values(input.address).some((v) => v) ? input.address : null;
  const country = address?.country?.trim();
  const clean: CustomerInput = {
    ...input,
    tags,
    address: address ? { ...address, country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null } : null,
  };
  if (checkInput.Check(clean)) return { input: clean };
  const error = [...checkInput.Errors(clean)][0];
  const field = (error?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || 'row';
  return { reason: `${field}: ${error?.message ?? 'is not valid'}` };
}

/** Each row of the file as a customer, an empty row or an error, with its line number. */
async function* outcomes(text: AsyncIterable<string>, opts: ImportOptions): AsyncGenerator<{ line: number; outcome: RowOutcome }> {
  if (opts.format === 'vcard') {
    const parser = new VCardParser();
    for await (const chunk of text) for (const card of parser.push(chunk)) yield { line: card.line, outcome: vcardToCustomer(card) };
    for (const card of parser.end()) yield { line: card.line, outcome: vcardToCustomer(card) };
    return;
  }
  const parser = new CsvParser();
  let header: string[] | null = null;
  let mapping: ColumnMapping = {};
  function* rows(records: ReturnType<CsvParser['push']>) {
    for (const record of records) {
      if (!header) {
        if (record.fields.every((f) => !f.trim())) continue;
        header = record.fields.map((f) => f.trim());
        mapping = headerMapping(header, opts);
        continue;
      }
      if (record.error) yield { line: record.line, outcome: { kind: 'error', reason: record.error } as RowOutcome };
      else yield { line: record.line, outcome: rowToCustomer(header, record.fields, mapping) };
    }
  }
  for await (const chunk of text) yield* rows(parser.push(chunk));
  yield* rows(parser.end());
  if (!header) throw new AppError('validation_failed', 'The file is empty.', { fields: [{ field: 'file', message: 'is empty' }] });
}

const NAME_FIELDS = new Set(['firstName', 'lastName', 'fullName']);

/** The mapping for a file's header, refusing files whose first line does not name the columns. */
function headerMapping(header: string[], opts: ImportOptions): ColumnMapping {
  if (opts.format === 'shopify' && !isShopifyHeader(header))
    throw new AppError(
      'validation_failed',
      `This is not a Shopify customer export: its first line is "${header.slice(0, 6).join(', ')}". Choose "CSV" to map the columns yourself.`,
      { fields: [{ field: 'format', message: 'does not match the file' }] },
    );
  const mapping = opts.format === 'csv' && opts.mapping ? opts.mapping : guessMapping(header);
  const unknown = Object.keys(mapping).filter((k) => !header.includes(k));
  if (unknown.length)
    throw new AppError('validation_failed', `The mapping names columns the file does not have: ${unknown.join(', ')}.`, {
      fields: [{ field: 'mapping', message: 'names unknown columns' }],
    });
  if (!Object.values(mapping).some((f) => NAME_FIELDS.has(f)))
    throw new AppError(
      'validation_failed',
      `The first line should name the columns (for example First Name, Last Name, Email) and one must hold a name; it reads "${header.slice(0, 6).join(', ')}".`,
      { fields: [{ field: 'file', message: 'has no header naming a name column' }] },
    );
  return mapping;
}

/** The search terms that identify a customer across files: their e-mails and phones. */
const contactKeys = (terms: string[]) => terms.filter((t) => t.startsWith('e:') || t.startsWith('p:'));

/**
 * Who a row is, whatever the file's format: folded name and contacts. Re-running a file, finishing
 * a killed run or importing the book's own export adds nobody twice — even people with no contact.
 */
const importKey = (c: CustomerInput, contacts: string[]) =>
  createHash('sha256')
    .update(JSON.stringify([foldText(c.firstName), foldText(c.lastName ?? ''), [...contacts].sort()]))
    .digest('base64url')
    .slice(0, 32);

/**
 * Imports a customer file streamed from `source`: rows are parsed as they arrive and written in
 * batches, each in its own transaction, so a run can be stopped at any point and run again to
 * completion. A row whose e-mail or phone is already in the book (or earlier in the file), or that
 * an earlier run imported, is counted as matched and left alone. Bad rows are reported with their
 * line and reason; the good ones are kept.
 */
export async function importCustomers(
  deps: Pick<Deps, 'db' | 'now'>,
  audit: AuditContext,
  source: AsyncIterable<Uint8Array>,
  opts: ImportOptions,
): Promise<string> {
  const retailerId = audit.retailerId;
  const retailer = await deps.db.selectFrom('retailers').select('phone_region').where('id', '=', retailerId).executeTakeFirstOrThrow();
  const region = retailer.phone_region;
  const run = await ImportRun.start(deps, audit, {
    kind: 'customers',
    format: opts.format,
    fileName: opts.fileName,
    bytesTotal: opts.bytesTotal,
  });
  const { id, counts } = run;

  // Per e-mail or phone index key, the names of the customers holding it: read from the book the
  // first time a batch has the key, then kept up to date with the rows this run adds, so a number
  // many rows share (a household's landline, a shop's phone) is read once per run, not once per
  // batch. An e-mail identifies one person; a phone only together with a similar name.
  const known = new Map<string, NameSignature[]>();
  const holders = (key: string) => {
    const list = known.get(key) ?? [];
    known.set(key, list);
    return list;
  };
  const isSamePerson = (key: string, name: NameSignature) =>
    (known.get(key) ?? []).some((n) => key.startsWith('e:') || similarSignatures(n, name));

  const write = async (rows: PendingRow[]) => {
    // Every earlier batch is in the book, so a run whose file has more keys than this reads them afresh.
    if (known.size > MAX_KNOWN_CONTACTS) known.clear();
    await deps.db.transaction().execute(async (trx) => {
      // Who already holds the e-mails and phones this run has not met yet.
      const unread = [...new Set(rows.flatMap((r) => r.contacts))].filter((c) => !known.has(c));
      if (unread.length) {
        for (const c of unread) holders(c);
        const { rows: hits } = await sql<{ term: string; first_name: string; last_name: string | null; preferred_name: string | null }>`
          select t.term, c.first_name, c.last_name, c.preferred_name
          from customer_search_terms t join customers c on c.retailer_id = t.retailer_id and c.id = t.customer_id
          where t.retailer_id = ${retailerId} and t.term = any(${unread}::text[])`.execute(trx);
        for (const h of hits) holders(h.term).push(nameSignature(h));
      }
      const { rows: done } = await sql<{ import_key: string }>`
        select import_key from customers where retailer_id = ${retailerId} and import_key = any(${rows.map((r) => r.key)}::text[])`.execute(
        trx,
      );
      const doneKeys = new Set(done.map((d) => d.import_key));
      const fresh = rows.filter((r) => {
        if (doneKeys.has(r.key) || r.contacts.some((c) => isSamePerson(c, r.name))) {
          counts.matched++;
          return false;
        }
        for (const c of r.contacts) holders(c).push(r.name);
        doneKeys.add(r.key);
        return true;
      });
      const ids = await bulkInsertCustomers(
        trx,
        retailerId,
        region,
        fresh.map((r) => ({
          ...r.customer.input,
          importKey: r.key,
          terms: r.terms,
          createdBy: audit.actorId,
          spend: r.customer.spend ?? 0,
          purchases: r.customer.purchases ?? 0,
        })),
      );
      counts.created += ids.length;
      await copyRows(
        trx,
        'customer_notes',
        fresh.flatMap((r, i) =>
          r.customer.note && audit.actorId
            ? [
                {
                  retailer_id: retailerId,
                  id: newId('note'),
                  customer_id: ids[i],
                  client_id: `import:${id}:${ids[i]}`,
                  body: r.customer.note,
                  author_id: audit.actorId,
                },
              ]
            : [],
        ),
      );
      await copyRows(
        trx,
        'customer_consents',
        fresh.flatMap((r, i) =>
          r.customer.consents.map((c) => ({
            retailer_id: retailerId,
            id: newId('consent'),
            customer_id: ids[i],
            channel: c.channel,
            purpose: c.purpose,
            granted: c.granted,
            source: `import: ${opts.fileName}`.slice(0, 200),
            captured_by: audit.actorId,
          })),
        ),
      );
      await run.save(trx);
    });
    opts.onProgress?.({ ...counts });
  };
  // The next batch is read and checked while the last one is written: one batch in the database
  // at a time, in file order, so each sees the ones before it.
  let batch: PendingRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = batch;
    batch = [];
    await writing;
    if (rows.length === 0) return;
    writing = write(rows);
    // Its failure is raised where it is awaited: by the next flush, or at the end.
    writing.catch(() => undefined);
  };

  try {
    return await run.execute(async () => {
      for await (const { line, outcome } of outcomes(decodeText(run.read(source, opts.maxBytes)), opts)) {
        if (outcome.kind === 'empty') {
          counts.empty++;
          continue;
        }
        counts.rows++;
        if (outcome.kind === 'error') {
          run.fail(line, outcome.reason);
          continue;
        }
        const checked = normalise(outcome.customer.input);
        if ('reason' in checked) {
          run.fail(line, checked.reason);
          continue;
        }
        // Worked out as the row is read, while the batch before is being written.
        const input = checked.input;
        const terms = customerTerms(input, region);
        const contacts = contactKeys(terms);
        const name = nameSignature({
          first_name: input.firstName,
          last_name: input.lastName ?? null,
          preferred_name: input.preferredName ?? null,
        });
        batch.push({ line, customer: { ...outcome.customer, input }, terms, contacts, name, key: importKey(input, contacts) });
        if (batch.length >= BATCH_SIZE) await flush();
      }
      await flush();
      await writing;
      if (counts.created > 0) await settleCustomerTables(deps.db);
      await recordAudit(deps.db, audit, {
        action: 'customers.imported',
        subjectType: 'import',
        subjectId: id,
        details: { fileName: opts.fileName, format: opts.format, created: counts.created, matched: counts.matched, failed: counts.failed },
      });
      opts.onProgress?.({ ...counts });
      return id;
    });
  } finally {
    await writing.catch(() => undefined);
  }
}

import { createBrotliDecompress, createGunzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import { newId } from '../../../shared/ids.ts';
import type { ImportDetails, ImportFileFormat, ImportKind } from '../../../shared/imports.ts';
import type { DB, ImportLine } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { AuditContext } from '../audit/audit.repo.ts';

/** Bad rows (and kept-with-a-remark rows) listed in a report; the counts cover all of them. */
const MAX_REPORTED_LINES = 1000;
/** The encoding is decided from this much of the file: UTF-8 when it decodes cleanly, else Windows-1252 (a superset of Latin-1). */
const SNIFF_BYTES = 64 * 1024;

/** How far a run has got; what `imports` keeps and the report shows. */
export interface ImportCounts {
  bytesRead: number;
  bytesTotal: number | null;
  rows: number;
  created: number;
  matched: number;
  empty: number;
  failed: number;
}

export interface RunStart {
  kind: ImportKind;
  format: ImportFileFormat;
  fileName: string;
  storeId?: string | null | undefined;
  bytesTotal?: number | null | undefined;
}

export const tooLarge = (maxBytes: number, kind: ImportKind) =>
  new AppError(
    'payload_too_large',
    `The file is larger than ${maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.ceil(maxBytes / 1024)} kB`}, the most the upload takes. Import it with the command line: ones import ${kind} FILE.`,
  );

/**
 * One import run and its report: the counts, the bad rows with their line, and the status, kept in
 * `imports` as the file is read so the screen (and a person running it again after a crash) can
 * see how far it got. Every import kind records its runs through this.
 */
export class ImportRun {
  readonly counts: ImportCounts;
  readonly details: ImportDetails = {};
  readonly errors: ImportLine[] = [];
  readonly warnings: ImportLine[] = [];

  private constructor(
    private readonly deps: Pick<Deps, 'db' | 'now'>,
    private readonly retailerId: string,
    readonly kind: ImportKind,
    readonly id: string,
    bytesTotal: number | null,
  ) {
    this.counts = { bytesRead: 0, bytesTotal, rows: 0, created: 0, matched: 0, empty: 0, failed: 0 };
  }

  /** Records a new run as running, after marking earlier runs of the same file that never finished as failed. */
  static async start(deps: Pick<Deps, 'db' | 'now'>, audit: AuditContext, start: RunStart): Promise<ImportRun> {
    await closeInterruptedImports(deps, audit.retailerId, start.kind, start.fileName);
    const run = new ImportRun(deps, audit.retailerId, start.kind, newId('import'), start.bytesTotal ?? null);
    await deps.db
      .insertInto('imports')
      .values({
        retailer_id: audit.retailerId,
        id: run.id,
        kind: start.kind,
        file_name: start.fileName,
        format: start.format,
        store_id: start.storeId ?? null,
        status: 'running',
        started_by: audit.actorType === 'staff' ? audit.actorId : null,
        bytes_total: run.counts.bytesTotal,
      })
      .execute();
    return run;
  }

  /** A row that could not be imported. */
  fail(line: number, reason: string): void {
    this.counts.failed++;
    if (this.errors.length < MAX_REPORTED_LINES) this.errors.push({ line, reason });
  }

  /** A row imported with a remark (something in it was left out). */
  warn(line: number, reason: string): void {
    if (this.warnings.length < MAX_REPORTED_LINES) this.warnings.push({ line, reason });
  }

  /** The bytes of `source` as they stream past, counted; a file that outgrows `maxBytes` is stopped. */
  async *read(source: AsyncIterable<Uint8Array>, maxBytes?: number): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      this.counts.bytesRead += chunk.byteLength;
      if (maxBytes !== undefined && this.counts.bytesRead > maxBytes) throw tooLarge(maxBytes, this.kind);
      yield chunk;
    }
  }

  /** Writes the report so far; pass the batch's transaction so progress and rows commit together. */
  async save(db: Kysely<DB> = this.deps.db, final?: { status: 'completed' | 'failed'; message: string | null }): Promise<void> {
    const c = this.counts;
    await db
      .updateTable('imports')
      .set({
        bytes_read: c.bytesRead,
        rows: c.rows,
        created: c.created,
        matched: c.matched,
        empty: c.empty,
        failed: c.failed,
        details: JSON.stringify(this.details),
        errors: JSON.stringify(this.errors),
        warnings: JSON.stringify(this.warnings),
        ...(final ? { status: final.status, message: final.message, finished_at: this.deps.now() } : {}),
      })
      .where('retailer_id', '=', this.retailerId)
      .where('id', '=', this.id)
      .execute();
  }

  /**
   * Runs the import's work and closes the run: completed, or failed with a message a person can
   * act on. A refusal (an AppError) is raised again carrying the run's id.
   */
  async execute<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      await this.save(this.deps.db, { status: 'completed', message: null });
      return result;
    } catch (err) {
      const message =
        err instanceof AppError
          ? err.message
          : 'The import stopped on an unexpected error; run it again to finish — rows already imported are recognised.';
      await this.save(this.deps.db, { status: 'failed', message }).catch(() => undefined);
      if (err instanceof AppError) throw new AppError(err.code, err.message, { fields: err.fields ?? [], details: { importId: this.id } });
      throw err;
    }
  }
}

/** Marks runs of a file that stopped without finishing (the process was killed) as failed, so the list tells the truth. */
export async function closeInterruptedImports(deps: Pick<Deps, 'db' | 'now'>, retailerId: string, kind: ImportKind, fileName: string) {
  await deps.db
    .updateTable('imports')
    .set({
      status: 'failed',
      finished_at: deps.now(),
      message: 'Interrupted before the end. Running the same file again completes it; rows already imported are recognised.',
    })
    .where('retailer_id', '=', retailerId)
    .where('kind', '=', kind)
    .where('file_name', '=', fileName)
    .where('status', '=', 'running')
    .execute();
}

/** The file's bytes, unpacked as they stream when its name ends in .gz or .br. */
export function unpacked(source: NodeJS.ReadableStream, fileName: string): AsyncIterable<Uint8Array> {
  if (/\.br$/i.test(fileName)) return source.pipe(createBrotliDecompress());
  if (/\.gz$/i.test(fileName)) return source.pipe(createGunzip());
  return source as AsyncIterable<Uint8Array>;
}

/** Text from bytes: UTF-8 (a BOM is dropped) unless the start of the file is not valid UTF-8, then Windows-1252. */
export async function* decodeText(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let size = 0;
  let decoder: TextDecoder | null = null;
  for await (const chunk of source) {
    if (!decoder) {
      head.push(chunk);
      size += chunk.byteLength;
      if (size < SNIFF_BYTES) continue;
      decoder = pickDecoder(Buffer.concat(head));
      yield decoder.decode(Buffer.concat(head), { stream: true });
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (!decoder) {
    decoder = pickDecoder(Buffer.concat(head));
    yield decoder.decode(Buffer.concat(head), { stream: true });
  }
  yield decoder.decode();
}

function pickDecoder(sample: Uint8Array): TextDecoder {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return new TextDecoder('utf-8', { ignoreBOM: false });
  } catch {
    return new TextDecoder('windows-1252');
  }
}

import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_FROM_STDIN } from './copy.ts';
import { pglitePool } from './pglite-pool.ts';
import { keepStatistics } from './pglite-statistics.ts';
import type { DB } from './types.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

// Both engines return the same JavaScript types: counts as numbers, numerics as numbers.
const INT8 = 20;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

/**
 * Statements run on nearly every request, prepared once per connection on a PostgreSQL server
 * (parsed and planned once instead of on every call). Keyed by their exact SQL text; Kysely
 * runs them as usual through `CompiledQuery.raw(sql, params)`.
 */
const PREPARED = new Map<string, string>();

/** Marks a SQL text as a hot statement to prepare by name; returns the text. */
export function preparedStatement(name: string, text: string): string {
  PREPARED.set(text, name);
  return text;
}

class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; this forwards them all
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && COPY_FROM_STDIN.test(config)) return this.copyIn(config, values[0]);
    const name = typeof config === 'string' ? PREPARED.get(config) : undefined;
    if (name && Array.isArray(values)) return super.query({ name, text: config, values }, callback);
    return super.query(config, values, callback);
  }

  private async copyIn(statement: string, data: string) {
    const stream = super.query(copyFrom(statement)) as unknown as ReturnType<typeof copyFrom>;
    await pipeline(Readable.from([data]), stream);
    return { rows: [], rowCount: stream.rowCount, command: 'COPY' };
  }
}

/** Opens the PostgreSQL server at `databaseUrl`, or the embedded PGlite database in `dataDir`. */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** PGlite extensions to load (the benchmarks' pg_trgm baseline); a server has its own. */
  extensions?: Record<string, unknown>;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, Client: PreparingClient });
    // An idle connection dropped by the server (restart, failover) must not take the process
    // down; the pool replaces it on the next checkout.
    pool.on('error', (err) => console.error(`database connection lost: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const lite = await PGlite.create({
    dataDir: opts.dataDir,
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
    ...(opts.extensions ? { extensions: opts.extensions as never } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pglitePool(lite) }) });
  const statistics = keepStatistics(db);
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await statistics.stop();
      await db.destroy();
    },
  };
}

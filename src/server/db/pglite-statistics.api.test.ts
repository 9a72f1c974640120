import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/helpers/database.ts';
import { analyzeGrownTables, keepStatistics } from './pglite-statistics.ts';

/** Planner statistics kept up to date on PGlite, which has no autovacuum (it works on a server too). */
let database: TestDatabase;
let db: Kysely<unknown>;

const statsOf = async (table: string) =>
  (await sql<{ relpages: number; reltuples: number }>`select relpages, reltuples from pg_class where oid = ${table}::regclass`.execute(db))
    .rows[0];

async function probeTable(name: string) {
  // Left alone by a server's autovacuum, so only the code under test analyzes it.
  await sql.raw(`create table ${name} (id integer primary key, note text) with (autovacuum_enabled = false)`).execute(db);
}
const grow = (name: string, from: number, to: number) =>
  sql.raw(`insert into ${name} select g, repeat('x', 200) from generate_series(${from}, ${to}) g`).execute(db);

beforeAll(async () => {
  database = await testDatabase();
  db = database.db as unknown as Kysely<unknown>;
});
afterAll(() => database.drop());

// The database's own keeper may analyze these tables too, by the same rule: the tests read the
// statistics, which come out the same whoever analyzed.
describe('analyzing grown tables', () => {
  it('analyzes a table once it has rows, and again only when it has grown by more than a tenth', async () => {
    await probeTable('probe_growth');
    await analyzeGrownTables(db);
    expect(await statsOf('probe_growth')).toMatchObject({ relpages: 0 });
    await grow('probe_growth', 1, 2000);
    await analyzeGrownTables(db);
    expect(await statsOf('probe_growth')).toMatchObject({ reltuples: 2000 });
    expect(await analyzeGrownTables(db)).not.toContain('probe_growth');
    // A few rows more is not a tenth…
    await grow('probe_growth', 2001, 2050);
    expect(await analyzeGrownTables(db)).not.toContain('probe_growth');
    expect(await statsOf('probe_growth')).toMatchObject({ reltuples: 2000 });
    // …a thousand is.
    await grow('probe_growth', 2051, 3050);
    await analyzeGrownTables(db);
    expect(await statsOf('probe_growth')).toMatchObject({ reltuples: 3050 });
  });

  it('keeps doing so in the background until stopped', async () => {
    await probeTable('probe_background');
    const keeper = keepStatistics(db, { intervalMs: 20 });
    try {
      await grow('probe_background', 1, 500);
      await expect.poll(async () => (await statsOf('probe_background'))?.reltuples, { timeout: 10_000 }).toBe(500);
    } finally {
      await keeper.stop();
    }
  });
});

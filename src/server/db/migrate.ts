import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DB } from './types.ts';

export const MIGRATIONS_DIR = new URL('../../../migrations/', import.meta.url).pathname;

/**
 * Applies the numbered `.sql` files not yet recorded in `schema_migrations`, each in its own
 * transaction; a failing file rolls back and throws, so a half-migrated database never results.
 */
export async function migrate(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<string[]> {
  await sql`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`.execute(db);
  const done = new Set((await sql<{ version: number }>`select version from schema_migrations`.execute(db)).rows.map((r) => r.version));
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 4));
    if (done.has(version)) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    await db.transaction().execute(async (trx) => {
      await sql.raw(text).execute(trx);
      await sql`insert into schema_migrations (version, name) values (${version}, ${file})`.execute(trx);
    });
    applied.push(file);
  }
  return applied;
}

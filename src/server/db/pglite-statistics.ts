import { type Kysely, sql } from 'kysely';

/**
 * Tables that have grown by more than a tenth since they were last analyzed (or have rows and were
 * never analyzed), by their size on disk against the size ANALYZE last recorded in `pg_class`.
 */
const GROWN_TABLES = `
  select c.oid::regclass::text as name
    from pg_class c
   where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
     and pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.1
   order by 1`;

/** Analyzes the tables that have grown by a tenth since they were last analyzed; returns their names. */
export async function analyzeGrownTables<T>(db: Kysely<T>): Promise<string[]> {
  const { rows } = await sql.raw<{ name: string }>(GROWN_TABLES).execute(db);
  const names = rows.map((r) => r.name);
  if (names.length > 0) await sql.raw(`analyze ${names.join(', ')}`).execute(db);
  return names;
}

/**
 * PGlite runs no autovacuum, so nothing else keeps its planner statistics: a plan made while a
 * table was nearly empty — and PL/pgSQL functions keep theirs for the life of the connection —
 * goes on scanning the table as it grows. As autovacuum does on a server, this analyzes the tables
 * that have grown by a tenth, checking every `intervalMs`; ANALYZE also makes the plans that
 * depend on a table be made again. Runs through the pool, so never inside another's transaction.
 */
export function keepStatistics<T>(db: Kysely<T>, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = analyzeGrownTables(db)
      .then(
        () => undefined,
        (err) => {
          if (!stopped) (opts.onError ?? ((e) => console.error(`analyzing tables: ${e instanceof Error ? e.message : e}`)))(err);
        },
      )
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, opts.intervalMs ?? 10_000);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

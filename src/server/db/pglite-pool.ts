import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { COPY_FROM_STDIN } from './copy.ts';

/**
 * Presents one PGlite instance as a node-postgres pool so Kysely's own PostgresDialect drives it.
 * PGlite has a single connection, so a checkout holds it exclusively (transactions stay whole)
 * and other callers queue in order.
 */
export function pglitePool(pg: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((r) => {
        release = r;
      });
      await previous;
      const client = {
        async query(sql: string, parameters: readonly unknown[]) {
          // COPY … FROM STDIN (copyRows): PGlite reads the input from a blob named /dev/blob.
          if (COPY_FROM_STDIN.test(sql)) {
            const result = await pg.query(sql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'"), [], {
              blob: new Blob([parameters[0] as string]),
            });
            return { rows: [], rowCount: result.affectedRows ?? 0, command: 'COPY' };
          }
          // A parameterless script of several statements (a migration) needs the simple protocol.
          if (parameters.length === 0 && /;\s*\S/.test(sql)) {
            const results = await pg.exec(sql);
            const last = results.at(-1);
            return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0, command: undefined };
          }
          const result = await pg.query(sql, parameters as unknown[]);
          const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
          return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command };
        },
        release,
      };
      // Kysely calls only query(sql, parameters) and release(); cursors are not used.
      return client as unknown as PostgresPoolClient;
    },
    async end() {
      await tail;
      await pg.close();
    },
  };
}

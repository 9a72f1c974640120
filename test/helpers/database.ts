import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { databaseUrl, TEST_ENGINE, TEST_SERVER_URL } from './engine.ts';

export interface TestDatabase extends Database {
  /** Where it lives: a data directory (PGlite) or a database URL (PostgreSQL). */
  location: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, copied from the run's template. */
export async function testDatabase(): Promise<TestDatabase> {
  const template = inject('template');
  if (TEST_ENGINE === 'postgres') {
    const name = `ones_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = databaseUrl(name);
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    return {
      ...database,
      location: url,
      async drop() {
        await database.close();
        const a = new pg.Client({ connectionString: TEST_SERVER_URL });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ones-test-'));
  cpSync(template, dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  return {
    ...database,
    location: dir,
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

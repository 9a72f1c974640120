import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { databaseUrl, TEST_ENGINE, TEST_SERVER_URL } from './engine.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    template: string;
  }
}

/** Migrates one template database per run; each test file copies it (see testDatabase). */
export default async function setup(project: TestProject) {
  if (TEST_ENGINE === 'postgres') {
    const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(`PostgreSQL is not reachable at ${TEST_SERVER_URL} (${(err as Error).message}). Start it, or set TEST_DATABASE_URL.`);
    }
    const name = `ones_template_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${name}`);
    const database = await openDatabase({ databaseUrl: databaseUrl(name), dataDir: '' });
    await migrate(database.db);
    await database.close();
    project.provide('template', name);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ones-template-'));
  const database = await openDatabase({ dataDir: dir });
  await migrate(database.db);
  await database.close();
  project.provide('template', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

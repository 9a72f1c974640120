import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/client.ts';
import { databaseUrl, TEST_ENGINE, TEST_SERVER_URL } from '../helpers/engine.ts';

const run = promisify(execFile);
const ONES = join(import.meta.dirname, '../../bin/ones.js');

// The CLI opens the database itself, so it gets its own rather than the shared test copy.
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if (TEST_ENGINE === 'postgres') {
    const name = `ones_cli_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    env = { ...process.env, DATABASE_URL: databaseUrl(name) };
    cleanup = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ones-cli-'));
    env = { ...process.env, DATABASE_URL: '', DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(() => cleanup());

async function ones(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [ONES, ...args], { env, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? '' });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

describe('the ones command', () => {
  it('explains itself with --help', async () => {
    const res = await ones('--help');
    expect(res.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'demo', 'staff', 'token']) expect(res.out).toContain(cmd);
    expect((await ones('staff', 'add', '--help')).out).toContain('--retailer <slug>');
  });

  it('migrates, loads the demo once, adds and deactivates staff, and creates a token', async () => {
    expect((await ones('migrate')).out).toMatch(/Applied 0001_platform.sql/);
    expect((await ones('migrate')).out).toMatch(/up to date/);
    expect((await ones('demo')).out).toMatch(/Loaded the demo retailers/);
    expect((await ones('demo')).out).toMatch(/already loaded/);

    const added = await ones(
      'staff',
      'add',
      '--retailer',
      'bloom-and-stem',
      '--name',
      'Ana Reyes',
      '--email',
      'Ana@Bloom.example',
      '--role',
      'associate',
      '--store',
      'riverside',
      '--password',
      'ana-secret-1',
      '--pin',
      '8642',
    );
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Added Ana Reyes <ana@bloom.example> as associate/);

    const token = await ones(
      'token',
      'create',
      '--retailer',
      'bloom-and-stem',
      '--name',
      'POS sync',
      '--role',
      'associate',
      '--store',
      'Riverside',
    );
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/\nret_[0-9a-z]{26}\.tok_[0-9a-z]{26}\.\S+/);

    expect((await ones('staff', 'deactivate', '--retailer', 'bloom-and-stem', '--email', 'ana@bloom.example')).code).toBe(0);
    await withDb(async (db) => {
      const ana = await db
        .selectFrom('staff')
        .select(['active', 'role', 'title'])
        .where('email', '=', 'ana@bloom.example')
        .executeTakeFirstOrThrow();
      expect(ana).toMatchObject({ active: false, role: 'associate' });
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_type']).where('actor_type', '=', 'system').execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.created', 'staff.deactivated', 'token.created']));
    });
  }, 120_000);

  it('imports a customer file with progress, and finishes a run killed half-way without duplicates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ones-import-'));
    const file = join(dir, 'customers.csv');
    const rows = Array.from({ length: 30_000 }, (_, i) => `Kim${i},Killjoy,kim${i}@example.com,07700 9${String(i).padStart(5, '0')}`);
    writeFileSync(file, `First Name,Last Name,Email,Phone\n${rows.join('\n')}\n`);
    try {
      // Killed with SIGKILL once the first progress line shows rows going in.
      const child = spawn(process.execPath, [ONES, 'import', 'customers', file, '--retailer', 'hearth-and-hue'], { env });
      let out = '';
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          out += d.toString();
          if (/[1-9]\d?% .* [1-9][\d,]* added/.test(out)) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      expect(out).toMatch(/Importing customers.csv \(csv, [\d.]+ MB\) into Hearth & Hue/);
      const killed = await withDb((db) =>
        db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('last_name', '=', 'Killjoy')
          .executeTakeFirstOrThrow(),
      );
      expect(Number(killed.n)).toBeGreaterThan(0);
      expect(Number(killed.n)).toBeLessThan(30_000);

      const again = await ones('import', 'customers', file, '--retailer', 'hearth-and-hue');
      expect(again.code).toBe(0);
      const done = /Done: 30000 rows — (\d+) added, (\d+) already in the book, 0 bad/.exec(again.out);
      expect(done, again.out).not.toBeNull();
      expect(Number(done?.[1]) + Number(done?.[2])).toBe(30_000);
      expect(Number(done?.[2])).toBe(Number(killed.n));
      await withDb(async (db) => {
        const total = await db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('last_name', '=', 'Killjoy')
          .executeTakeFirstOrThrow();
        expect(Number(total.n)).toBe(30_000);
        const runs = await db
          .selectFrom('imports')
          .select(['status', 'message'])
          .where('file_name', '=', 'customers.csv')
          .orderBy('started_at')
          .execute();
        expect(runs.map((r) => r.status)).toEqual(['failed', 'completed']);
        expect(runs[0]?.message).toMatch(/Interrupted/);
      });
      const bad = await ones('import', 'customers', join(dir, 'missing.csv'), '--retailer', 'hearth-and-hue');
      expect(bad.code).toBe(1);
      expect(bad.out).toMatch(/No file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('fails with a clear message and a non-zero exit on bad input', async () => {
    const noRetailer = await ones('staff', 'add', '--retailer', 'nope', '--name', 'X', '--email', 'x@x.example', '--role', 'associate');
    expect(noRetailer.code).toBe(1);
    expect(noRetailer.out).toMatch(/No retailer "nope". Known: bloom-and-stem, hearth-and-hue/);
    const badRole = await ones('staff', 'add', '--retailer', 'bloom-and-stem', '--name', 'X', '--email', 'x@x.example', '--role', 'wizard');
    expect(badRole.code).not.toBe(0);
    expect(badRole.out).toMatch(/Allowed choices are owner, manager, associate, ambassador/);
    const badStore = await ones('token', 'create', '--retailer', 'bloom-and-stem', '--name', 'T', '--role', 'owner', '--store', 'Mars');
    expect(badStore.out).toMatch(/No store "Mars". Known: Old Town, Riverside/);
  }, 60_000);
});

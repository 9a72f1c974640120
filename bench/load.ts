import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/db/client.ts';

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Drives `url` with autocannon in a separate process, so the load does not share the server's event loop. */
export async function load(
  url: string,
  opts: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-c', String(opts.connections), '-d', String(opts.seconds)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`autocannon exited ${code}: ${stderr}`))));
  });
  const r = JSON.parse(out);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Prints one result line in the shared format. */
export function report(name: string, values: Record<string, string | number>): void {
  const parts = Object.entries(values).map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toFixed(3)) : v}`);
  console.log(`BENCH ${name} ${parts.join(' ')}`);
}

/**
 * A throwaway database for one benchmark: a PGlite folder in the temp directory, or a database
 * created on the PostgreSQL server at `serverUrl`; `drop()` removes it.
 */
export async function scratchDatabase(
  name: string,
  serverUrl?: string,
  extensions?: Record<string, unknown>,
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), `ones-${name}-`));
    const database = await openDatabase({ dataDir: dir, ...(extensions ? { extensions } : {}) });
    const drop = async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return { database, drop };
  }
  const dbName = `ones_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  const drop = async () => {
    await database.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  };
  return { database, drop };
}

/**
 * The UCI Online Retail file from the shared data folder (`ONES_SHARED_DATA` or ../shared/data) as
 * text, only its first 50,000 lines when quick; null (and a `BENCH name skipped=…` line) without it.
 */
export function onlineRetailText(name: string, quick: boolean): string | null {
  const file = resolve(
    process.env.ONES_SHARED_DATA ?? join(import.meta.dirname, '../../shared/data'),
    'online_retail/online_retail_full.csv.br',
  );
  if (!existsSync(file)) {
    console.log(`BENCH ${name} skipped=shared-data-missing file=${file}`);
    return null;
  }
  const text = brotliDecompressSync(readFileSync(file)).toString('utf8');
  return quick ? text.split('\n').slice(0, 50_001).join('\n') : text;
}

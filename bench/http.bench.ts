import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadDemo } from '../src/server/demo/demo.ts';
import { load, median, report, scratchDatabase } from './load.ts';

/**
 * BENCH http: requests/s and latency of `GET /api/me` with a valid session (b), against a bare
 * Fastify route doing one primary-key lookup on the same database (a, the ceiling); ratio = b/a.
 * Runs on PGlite, and also on PostgreSQL when DATABASE_URL is set (in a scratch database there).
 * Rerun: `npm run bench -- http` (full) or `npm run bench -- http --quick`.
 */
export async function run({ quick }: { quick: boolean }) {
  await measure('pglite', quick);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', quick, url);
}

async function measure(engine: 'pglite' | 'postgres', quick: boolean, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('bench', serverUrl);
  try {
    await migrate(database.db);
    await loadDemo(database.db);
    const deps = { db: database.db, config: loadConfig({}), now: () => new Date() };
    const ones = await buildApp(deps);
    const staff = await database.db
      .selectFrom('staff')
      .select(['retailer_id', 'id'])
      .where('email', '=', 'associate@bloom.example')
      .executeTakeFirstOrThrow();

    const bare = Fastify({ logger: false });
    bare.get('/bare', async () => {
      const { rows } = await sql<{ id: string; name: string; email: string; role: string }>`
        select id, name, email, role from staff where retailer_id = ${staff.retailer_id} and id = ${staff.id}`.execute(database.db);
      return rows[0];
    });

    const onesUrl = await ones.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${onesUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'associate@bloom.example', password: 'ones-demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    if (login.status !== 200 || !cookie.startsWith('ones_session=')) throw new Error(`bench sign-in failed: ${login.status}`);

    const seconds = quick ? 2 : 10;
    const rounds = quick ? 1 : 3;
    const connections = 10;
    // Warm both paths (JIT, caches, prepared plans) before measuring.
    await load(`${bareUrl}/bare`, { seconds: 1, connections });
    await load(`${onesUrl}/api/me`, { seconds: 1, connections, headers: { cookie } });
    const a = [];
    const b = [];
    for (let i = 0; i < rounds; i++) {
      a.push(await load(`${bareUrl}/bare`, { seconds, connections }));
      b.push(await load(`${onesUrl}/api/me`, { seconds, connections, headers: { cookie } }));
    }
    const failures = [...a, ...b].reduce((n, r) => n + r.errors + r.non2xx, 0);
    const bareRps = median(a.map((r) => r.rps));
    const meRps = median(b.map((r) => r.rps));
    report('http', {
      engine,
      mode: quick ? 'quick' : 'full',
      rounds,
      seconds,
      connections,
      bare_rps: Math.round(bareRps),
      bare_p50_ms: median(a.map((r) => r.p50)),
      bare_p99_ms: median(a.map((r) => r.p99)),
      me_rps: Math.round(meRps),
      me_p50_ms: median(b.map((r) => r.p50)),
      me_p99_ms: median(b.map((r) => r.p99)),
      ratio: meRps / bareRps,
      failures,
    });
    await ones.close();
    await bare.close();
  } finally {
    await drop();
  }
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import lighthouse from 'lighthouse';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/types.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/server/demo/demo.ts';
import { buildStaff } from '../src/server/demo/factories.ts';
import { getRoadmap } from '../src/server/modules/encounters/encounters.service.ts';
import { hashToken, newToken } from '../src/server/modules/feedback/requests.service.ts';
import { newId } from '../src/shared/ids.ts';
import { benchFlorist } from './florist-data.ts';
import { median, report, scratchDatabase } from './load.ts';

/**
 * BENCH feedback, `metric=submit`: answers saved through the customer's page — `PUT /f/:slug/:token`
 * over HTTP to a listening server, each link answered first (satisfaction; one in ten a 2, which
 * opens the manager's follow-up) and then amended (expectations, listened, a comment) — as answers/s
 * and p50/p95, beside a bare Fastify route inserting one feedback_responses row with a single
 * Kysely statement on the same database (`ceiling`), driven the same way at the same concurrency.
 * The links are real ones (closed visits, requests, token hashes), written straight to their tables
 * first. The load comes from a worker thread keeping `CONNECTIONS` keep-alive requests in flight,
 * each latency timed there. Targets: ≥ 0.5 of the ceiling, p95 ≤ 50 ms. PGlite always; PostgreSQL
 * too when DATABASE_URL is set.
 *
 * Then `metric=lighthouse`: Lighthouse's performance and accessibility scores of a real feedback
 * page (the demo's Riverside, a visit closed through the API), with its default mobile settings
 * (a moto g power, simulated Slow 4G and 4× CPU), each run in a fresh Chromium profile: the median
 * of 3 runs, quick or not, with LCP and TBT. Target ≥ 0.95 each. On PGlite only.
 */
export async function run({ quick }: { quick: boolean }) {
  await measureSubmit('pglite', quick);
  const url = loadConfig().databaseUrl;
  if (url) await measureSubmit('postgres', quick, url);
  await measureLighthouse();
}

const CONNECTIONS = 10;
const DAY = 86_400_000;
const SATISFACTION = [5, 4, 5, 4, 3, 5, 4, 5, 2, 5] as const;

interface Visit {
  requestId: string;
  encounterId: string;
  customerId: string;
  token: string;
}

/** `n` closed visits of the bench florist, each with its feedback request and a working QR link. */
async function closedVisits(
  db: Kysely<DB>,
  at: { retailerId: string; storeId: string; staffId: string; roadmap: { id: string; version: number } },
  n: number,
  tag: string,
): Promise<Visit[]> {
  const now = Date.now();
  const visits: Visit[] = Array.from({ length: n }, () => ({
    requestId: newId('feedbackRequest'),
    encounterId: newId('encounter'),
    customerId: newId('customer'),
    token: newToken(),
  }));
  const CHUNK = 500;
  for (let from = 0; from < n; from += CHUNK) {
    const chunk = visits.slice(from, from + CHUNK);
    await db
      .insertInto('customers')
      .values(
        chunk.map((v, i) => ({
          retailer_id: at.retailerId,
          id: v.customerId,
          first_name: `Guest ${tag}${from + i}`,
          phones: '[]',
          emails: '[]',
          household: '[]',
          dates: '[]',
        })),
      )
      .execute();
    await db
      .insertInto('encounters')
      .values(
        chunk.map((v, i) => ({
          retailer_id: at.retailerId,
          id: v.encounterId,
          client_id: `feedback-bench-${tag}${from + i}`,
          store_id: at.storeId,
          customer_id: v.customerId,
          roadmap_id: at.roadmap.id,
          roadmap_version: at.roadmap.version,
          lead_staff_id: at.staffId,
          started_at: new Date(now - 30 * 60_000),
          status: 'closed' as const,
          closed_at: new Date(now - 5 * 60_000),
          outcome: 'no-sale' as const,
          no_sale_reason: 'browsing',
        })),
      )
      .execute();
    await db
      .insertInto('feedback_requests')
      .values(
        chunk.map((v) => ({
          retailer_id: at.retailerId,
          id: v.requestId,
          encounter_id: v.encounterId,
          store_id: at.storeId,
          customer_id: v.customerId,
          staff_ids: [at.staffId],
          created_at: new Date(now - 5 * 60_000),
          expires_at: new Date(now + 14 * DAY),
        })),
      )
      .execute();
    await db
      .insertInto('feedback_links')
      .values(
        chunk.map((v) => ({
          token_hash: hashToken(v.token),
          retailer_id: at.retailerId,
          request_id: v.requestId,
          channel: 'qr' as const,
          created_at: new Date(now - 5 * 60_000),
        })),
      )
      .execute();
  }
  return visits;
}

/** Each link's first answer, then (once every link has one) its amendment. */
function answerLoad(slug: string, visits: Visit[]): { paths: string[]; bodies: string[] } {
  const paths: string[] = [];
  const bodies: string[] = [];
  visits.forEach((v, i) => {
    paths.push(`/f/${slug}/${v.token}`);
    bodies.push(JSON.stringify({ satisfaction: SATISFACTION[i % SATISFACTION.length] }));
  });
  visits.forEach((v, i) => {
    paths.push(`/f/${slug}/${v.token}`);
    bodies.push(JSON.stringify({ expectations: i % 3 ? 'met' : 'exceeded', listened: true, comment: 'Lovely help choosing the roses.' }));
  });
  return { paths, bodies };
}

interface DriveResult {
  seconds: number;
  latencies: Float64Array;
  failures: string[];
}

/**
 * Sends `PUT` requests with JSON bodies from a worker thread, `connections` at a time over keep-alive
 * connections, so the load shares neither the server's event loop nor its timing. Plain JavaScript:
 * a worker evaluates it as it is.
 */
const DRIVER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { origin, paths, bodies, connections } = workerData;
const url = new URL(origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = new Float64Array(paths.length);
const failures = [];
let next = 0;
function send(i) {
  return new Promise((resolve) => {
    const body = bodies[i];
    const start = process.hrtime.bigint();
    const req = http.request(
      { host: url.hostname, port: url.port, method: 'PUT', path: paths[i], agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { text += d; });
        res.on('end', () => {
          latencies[i] = Number(process.hrtime.bigint() - start) / 1e6;
          if (res.statusCode !== 200) failures.push(res.statusCode + ' ' + paths[i] + ' ' + text.slice(0, 300));
          resolve();
        });
      },
    );
    req.on('error', (err) => { failures.push(err.message); resolve(); });
    req.end(body);
  });
}
async function loop() { while (next < paths.length) await send(next++); }
const t0 = process.hrtime.bigint();
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  parentPort.postMessage({ seconds, latencies, failures });
});
`;

function drive(origin: string, load: { paths: string[]; bodies: string[] }): Promise<DriveResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(DRIVER, { eval: true, workerData: { origin, ...load, connections: CONNECTIONS } });
    worker.once('message', (result: DriveResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function checked(what: string, r: DriveResult): DriveResult {
  if (r.failures.length > 0)
    throw new Error(`${what}: ${r.failures.length} of ${r.latencies.length} requests failed, e.g. ${r.failures.slice(0, 3).join(' | ')}`);
  return r;
}

async function measureSubmit(engine: string, quick: boolean, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('feedback', serverUrl);
  try {
    const db = database.db;
    await migrate(db);
    const { retailer, store } = await benchFlorist(db, { products: 1, stock: 1 });
    const lead = await buildStaff(db, { retailerId: retailer.id, storeIds: [store.id] });
    // A poor answer opens a follow-up for the store's manager.
    await buildStaff(db, { retailerId: retailer.id, storeIds: [store.id], role: 'manager' });
    const roadmap = await getRoadmap(db, retailer.id);
    const at = { retailerId: retailer.id, storeId: store.id, staffId: lead.id, roadmap };

    const links = quick ? 150 : 1500;
    const rounds = quick ? 1 : 3;
    const warmLinks = quick ? 40 : 200;
    // The ceiling inserts one row per request sent, so it needs a request for each.
    const prepared = await closedVisits(db, at, warmLinks + rounds * links, 'a');
    const bareRequests = await closedVisits(db, at, 2 * (warmLinks + rounds * links), 'b');

    const deps = { db, config: loadConfig({}), now: () => new Date() };
    const ones = await buildApp(deps);
    const bare = Fastify({ logger: false });
    bare.put<{ Params: { n: string }; Body: { satisfaction: number } }>('/bare/:n', async (request) => {
      const v = bareRequests[Number(request.params.n)] as Visit;
      const now = new Date();
      await db
        .insertInto('feedback_responses')
        .values({
          retailer_id: retailer.id,
          id: newId('feedbackResponse', now.getTime()),
          kind: 'visit',
          request_id: v.requestId,
          encounter_id: v.encounterId,
          store_id: store.id,
          customer_id: v.customerId,
          staff_ids: [lead.id],
          satisfaction: request.body.satisfaction,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { saved: true };
    });
    const onesUrl = await ones.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    let bareNext = 0;
    const bareLoad = (count: number) => {
      const paths = Array.from({ length: count }, () => `/bare/${bareNext++}`);
      return { paths, bodies: paths.map((_, i) => JSON.stringify({ satisfaction: SATISFACTION[i % SATISFACTION.length] })) };
    };

    try {
      // Warm both paths (JIT, prepared plans, the connection pool) before measuring.
      checked('warm-up ceiling', await drive(bareUrl, bareLoad(2 * warmLinks)));
      checked('warm-up answers', await drive(onesUrl, answerLoad(retailer.slug, prepared.slice(0, warmLinks))));
      const ceiling: DriveResult[] = [];
      const answers: DriveResult[] = [];
      for (let r = 0; r < rounds; r++) {
        const from = warmLinks + r * links;
        ceiling.push(checked('ceiling', await drive(bareUrl, bareLoad(2 * links))));
        answers.push(checked('answers', await drive(onesUrl, answerLoad(retailer.slug, prepared.slice(from, from + links)))));
      }
      const rate = (rs: DriveResult[]) => median(rs.map((x) => x.latencies.length / x.seconds));
      const pooled = (rs: DriveResult[]) => Float64Array.from(rs.flatMap((x) => [...x.latencies])).sort();
      // The first half of each round's requests are first answers, the second half amendments.
      const half = (rs: DriveResult[], which: 'first' | 'amend') =>
        Float64Array.from(
          rs.flatMap((x) => {
            const mid = x.latencies.length / 2;
            return [...(which === 'first' ? x.latencies.subarray(0, mid) : x.latencies.subarray(mid))];
          }),
        ).sort();
      const answerMs = pooled(answers);
      const ceilingMs = pooled(ceiling);
      const count = (table: 'feedback_responses' | 'follow_ups') =>
        db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('retailer_id', '=', retailer.id)
          .executeTakeFirstOrThrow();
      const saved = Number((await count('feedback_responses')).n) - bareNext;
      const followUps = Number((await count('follow_ups')).n);
      const answersPerS = rate(answers);
      const ceilingPerS = rate(ceiling);
      report('feedback', {
        engine,
        metric: 'submit',
        mode: quick ? 'quick' : 'full',
        driver: 'worker-http',
        connections: CONNECTIONS,
        rounds,
        links_per_round: links,
        requests_per_round: 2 * links,
        answers_per_s: Math.round(answersPerS),
        p50_ms: percentile(answerMs, 50),
        p95_ms: percentile(answerMs, 95),
        p99_ms: percentile(answerMs, 99),
        first_p95_ms: percentile(half(answers, 'first'), 95),
        amend_p95_ms: percentile(half(answers, 'amend'), 95),
        ceiling_per_s: Math.round(ceilingPerS),
        ceiling_p50_ms: percentile(ceilingMs, 50),
        ceiling_p95_ms: percentile(ceilingMs, 95),
        ratio: answersPerS / ceilingPerS,
        responses: saved,
        follow_ups: followUps,
        target_ratio: 0.5,
        target_p95_ms: 50,
      });
    } finally {
      await ones.close();
      await bare.close();
    }
  } finally {
    await drop();
  }
}

const LIGHTHOUSE_RUNS = 3;

/** Debian's Chromium, headless, in a profile of its own, for Lighthouse to drive over the DevTools port. */
async function startChromium(): Promise<{ port: number; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ones-lighthouse-'));
  const child = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port in 30 s: ${stderr}`)), 30_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      const found = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before opening its DevTools port: ${stderr}`));
    });
  });
  return {
    port,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A visit the demo's Riverside associate starts and closes through the API, and the path of its QR link. */
async function feedbackPagePath(app: Awaited<ReturnType<typeof buildApp>>, run: number): Promise<string> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'associate@bloom.example', password: DEMO_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`Sign-in for the Lighthouse run failed: ${login.statusCode} ${login.body}`);
  const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] as string;
  const ok = async (what: string, res: { statusCode: number; body: string; json(): unknown }, status = 200) => {
    if (res.statusCode !== status) throw new Error(`${what} for the Lighthouse run failed: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  const me = (await ok('Reading the associate', await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }))) as {
    currentStoreId: string;
  };
  const visit = await ok(
    'Starting the visit',
    await app.inject({
      method: 'POST',
      url: '/api/encounters',
      headers: { cookie },
      payload: {
        clientId: `bench-lighthouse-${run}-${Date.now()}`,
        storeId: me.currentStoreId,
        newCustomer: { firstName: 'Imogen', phone: `+44 7700 900${String(200 + run)}` },
      },
    }),
    201,
  );
  await ok(
    'Closing the visit',
    await app.inject({
      method: 'POST',
      url: `/api/encounters/${visit.id}/close`,
      headers: { cookie },
      payload: { outcome: 'no-sale', reason: 'browsing' },
    }),
  );
  const link = await ok(
    'Showing the QR code',
    await app.inject({ method: 'POST', url: `/api/encounters/${visit.id}/feedback-link`, headers: { cookie } }),
  );
  return new URL(String(link.url)).pathname;
}

async function measureLighthouse() {
  const { database, drop } = await scratchDatabase('feedback_lighthouse');
  try {
    await migrate(database.db);
    await loadDemo(database.db);
    const app = await buildApp({ db: database.db, config: { ...loadConfig({}), publicUrl: 'http://127.0.0.1' }, now: () => new Date() });
    try {
      const origin = await app.listen({ port: 0, host: '127.0.0.1' });
      const runs: {
        performance: number;
        accessibility: number;
        lcpMs: number;
        tbtMs: number;
        mainThreadMs: number;
        bytes: number;
        failed: string[];
        json: string;
      }[] = [];
      for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
        const path = await feedbackPagePath(app, i);
        const chromium = await startChromium();
        try {
          const result = await lighthouse(`${origin}${path}`, {
            port: chromium.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
          });
          const lhr = result?.lhr;
          if (!lhr) throw new Error('Lighthouse returned no report.');
          if (lhr.runtimeError) throw new Error(`Lighthouse could not load the page: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          const score = (id: string) => {
            const s = lhr.categories[id]?.score;
            if (typeof s !== 'number') throw new Error(`Lighthouse gave no ${id} score (${lhr.runWarnings.join('; ') || 'no warning'}).`);
            return s;
          };
          // The audits of the two categories that scored below full marks, to say what to fix.
          const failed = ['performance', 'accessibility'].flatMap((c) =>
            (lhr.categories[c]?.auditRefs ?? [])
              .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
              .map((ref) => `${ref.id}:${lhr.audits[ref.id]?.score}`),
          );
          runs.push({
            performance: score('performance'),
            accessibility: score('accessibility'),
            lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
            tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
            mainThreadMs: lhr.audits['mainthread-work-breakdown']?.numericValue ?? Number.NaN,
            bytes: lhr.audits['total-byte-weight']?.numericValue ?? Number.NaN,
            failed,
            json: JSON.stringify(lhr),
          });
        } finally {
          await chromium.close();
        }
      }
      // The median run's whole report, to open in the Lighthouse viewer and see why a score is what it is.
      const medianRun = [...runs].sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)];
      const saved = join(tmpdir(), `ones-feedback-lighthouse-${process.pid}.json`);
      if (medianRun) writeFileSync(saved, medianRun.json);
      report('feedback', {
        engine: 'pglite',
        metric: 'lighthouse',
        profile: 'mobile-simulated',
        performance: median(runs.map((r) => r.performance)),
        accessibility: median(runs.map((r) => r.accessibility)),
        lcp_ms: Math.round(median(runs.map((r) => r.lcpMs))),
        tbt_ms: Math.round(median(runs.map((r) => r.tbtMs))),
        main_thread_ms: Math.round(median(runs.map((r) => r.mainThreadMs))),
        transfer_kb: Number((median(runs.map((r) => r.bytes)) / 1024).toFixed(1)),
        performance_runs: runs.map((r) => r.performance).join(','),
        accessibility_runs: runs.map((r) => r.accessibility).join(','),
        below_0_9: [...new Set(runs.flatMap((r) => r.failed))].join(',') || 'none',
        runs: runs.length,
        target: 0.95,
        report: saved,
      });
    } finally {
      await app.close();
    }
  } finally {
    await drop();
  }
}

import type { Browser } from 'playwright-core';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { DEMO_PASSWORD, demoOkaforId } from '../src/server/demo/demo.ts';
import { loadDemoVisits } from '../src/server/demo/demo-visits.ts';
import { buildStaff } from '../src/server/demo/factories.ts';
import type { AuditContext } from '../src/server/modules/audit/audit.repo.ts';
import { systemPrincipal } from '../src/server/modules/auth/principal.ts';
import { getRoadmap, startEncounter } from '../src/server/modules/encounters/encounters.service.ts';
import { visitScreen } from '../src/server/modules/encounters/visit-screen.service.ts';
import { newId } from '../src/shared/ids.ts';
import { type E2EServer, launchBrowser, startServer } from '../test/e2e/server.ts';
import { timeIt } from './catalog-data.ts';
import { benchFlorist } from './florist-data.ts';
import { coldLcp } from './lcp.ts';
import { median, report, scratchDatabase } from './load.ts';

/**
 * BENCH encounter-screen: p50/p95 of the visit screen's one read (`GET /api/encounters/:id/screen`:
 * the visit, the profile, recent purchases, earlier visits, notes and conversation starters, with
 * the view audit-logged) for a customer with five years of history — 200 visits, 500 purchases,
 * 300 notes — beside a primary-key read of a visit (`ceiling`) in the same run. Target: p95 ≤ 30 ms.
 * PGlite always; PostgreSQL too when DATABASE_URL is set.
 *
 * Then `metric=lcp`: the Largest Contentful Paint of the screen in Chromium for the demo's Mrs Okafor,
 * each load cold, under Lighthouse's mobile throttling (bench/lcp.ts); the median of 3 loads, quick
 * or not. Target: ≤ 1.5 s. On PGlite only: the network and the CPU decide it, not the engine.
 */
export async function run({ quick }: { quick: boolean }) {
  await measure('pglite', quick);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', quick, url);
  await measureLcp();
}

const HISTORY = { visits: 200, sales: 250, linesPerSale: 2, notes: 300 } as const;
const YEARS = 5;
const DAY = 86_400_000;

async function measure(engine: string, quick: boolean, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('encounter_screen', serverUrl);
  try {
    const db = database.db;
    await migrate(db);
    const { retailer, store, variants, customerId } = await benchFlorist(db, {
      products: 20,
      stock: 1000,
      customer: {
        title: 'Mrs',
        last_name: 'Okafor',
        household: JSON.stringify([{ name: 'Chioma', relation: 'daughter' }]),
        dates: JSON.stringify([{ kind: 'anniversary', month: 12, day: 31, remind: true }]),
        visits: HISTORY.visits,
      },
    });
    const staff = await buildStaff(db, { retailerId: retailer.id, storeIds: [store.id] });
    const now = Date.now();
    const spread = (i: number, n: number) => new Date(now - DAY - Math.floor(((YEARS * 365 * DAY) / n) * i));
    // Five years of purchases, visits and notes, written straight to their tables.
    for (let s = 0; s < HISTORY.sales; s++) {
      const id = newId('sale');
      await db
        .insertInto('sales')
        .values({
          retailer_id: retailer.id,
          id,
          kind: 'sale',
          store_id: store.id,
          staff_id: staff.id,
          customer_id: customerId,
          visit_id: null,
          external_id: null,
          original_sale_id: null,
          sold_at: spread(s, HISTORY.sales),
          currency: 'GBP',
          total: 20,
          note: null,
          created_by: null,
        })
        .execute();
      await db
        .insertInto('sale_lines')
        .values(
          Array.from({ length: HISTORY.linesPerSale }, (_, l) => ({
            retailer_id: retailer.id,
            sale_id: id,
            line_no: l + 1,
            variant_id: variants[(s + l) % variants.length] as string,
            description: 'Item',
            sku: null,
            quantity: 1 + l,
            unit_price: 10,
            total: 10 * (1 + l),
            returns_line: null,
          })),
        )
        .execute();
    }
    const roadmap = await getRoadmap(db, retailer.id);
    await db
      .insertInto('encounters')
      .values(
        Array.from({ length: HISTORY.visits }, (_, v) => ({
          retailer_id: retailer.id,
          id: newId('encounter'),
          client_id: `screen-history-${v}`,
          store_id: store.id,
          customer_id: customerId,
          roadmap_id: roadmap.id,
          roadmap_version: roadmap.version,
          lead_staff_id: staff.id,
          started_at: spread(v, HISTORY.visits),
          status: 'closed' as const,
          closed_at: new Date(spread(v, HISTORY.visits).getTime() + 20 * 60_000),
          outcome: v % 3 === 0 ? ('no-sale' as const) : ('sale' as const),
          no_sale_reason: v % 3 === 0 ? 'will-come-back' : null,
        })),
      )
      .execute();
    await db
      .insertInto('customer_notes')
      .values(
        Array.from({ length: HISTORY.notes }, (_, n) => ({
          retailer_id: retailer.id,
          id: newId('note'),
          customer_id: customerId,
          client_id: `screen-note-${n}`,
          body: `Note ${n}: prefers soft colours for the living room; the cat is curious about anything green.`,
          author_id: staff.id,
          created_at: spread(n, HISTORY.notes),
        })),
      )
      .execute();

    const actor = systemPrincipal(retailer.id);
    const deps = { db, config: loadConfig({}), now: () => new Date() };
    const audit: AuditContext = { retailerId: retailer.id, actorType: 'system', actorId: null, requestId: null, ip: null };
    const visit = await startEncounter(deps, actor, audit, { clientId: 'screen-now', storeId: store.id, customerId });
    const rounds = quick ? 40 : 300;
    const warmUp = 20;
    const ceiling = await timeIt(rounds, () =>
      db.selectFrom('encounters').selectAll().where('retailer_id', '=', retailer.id).where('id', '=', visit).executeTakeFirstOrThrow(),
    );
    let starters = 0;
    const screen = await timeIt(
      rounds,
      async () => {
        const s = await visitScreen(deps, actor, audit, visit);
        starters = s.starters.length;
      },
      warmUp,
    );
    report('encounter-screen', {
      engine,
      visits: HISTORY.visits,
      purchases: HISTORY.sales * HISTORY.linesPerSale,
      notes: HISTORY.notes,
      starters,
      screen_p50_ms: screen.p50,
      screen_p95_ms: screen.p95,
      ceiling_p50_ms: ceiling.p50,
      ceiling_p95_ms: ceiling.p95,
      target_screen_p95_ms: 30,
    });
  } finally {
    await drop();
  }
}

const LCP_LOADS = 3;

/** The visit screen's LCP over `LCP_LOADS` cold loads, each of a visit just started for Mrs Okafor. */
async function measureLcp() {
  const { database, drop } = await scratchDatabase('encounter_screen_lcp');
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  try {
    await migrate(database.db);
    server = await startServer({ database: Object.assign(database, { drop }) });
    // Yesterday's visits, as `npm start` shows them: her last visit is one of them.
    await loadDemoVisits({ db: database.db, config: loadConfig({}) });
    const okaforId = await demoOkaforId(database.db);
    browser = await launchBrowser();
    const runs = [];
    for (let i = 0; i < LCP_LOADS; i++) {
      runs.push(
        await coldLcp(browser, server.url, {
          async prepare(context) {
            const login = await context.request.post('/api/auth/login', {
              data: { email: 'associate@bloom.example', password: DEMO_PASSWORD },
            });
            if (!login.ok()) throw new Error(`Sign-in for the LCP run failed: ${login.status()} ${await login.text()}`);
            const me = (await (await context.request.get('/api/me')).json()) as { currentStoreId: string | null };
            const visit = await context.request.post('/api/encounters', {
              data: { clientId: `bench-lcp-${i}-${Date.now()}`, storeId: me.currentStoreId, customerId: okaforId },
            });
            if (!visit.ok()) throw new Error(`Starting the visit for the LCP run failed: ${visit.status()} ${await visit.text()}`);
            return `/visits/${((await visit.json()) as { id: string }).id}/live`;
          },
          ready: (page) => page.getByRole('heading', { level: 1, name: /Okafor/ }).waitFor(),
        }),
      );
    }
    report('encounter-screen', {
      engine: 'pglite',
      metric: 'lcp',
      throttling: 'mobile-slow-4g',
      loads: runs.length,
      lcp_p50_ms: Math.round(median(runs.map((r) => r.ms))),
      lcp_runs_ms: runs.map((r) => Math.round(r.ms)).join(','),
      lcp_element: [...new Set(runs.map((r) => r.element))].join(','),
      fcp_p50_ms: Math.round(median(runs.map((r) => r.fcpMs))),
      transfer_kb: Math.round(median(runs.map((r) => r.transferBytes)) / 1024),
      target_ms: 1500,
    });
  } finally {
    await browser?.close();
    if (server) await server.close();
    else await drop();
  }
}

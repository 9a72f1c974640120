import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildStaff } from '../src/server/demo/factories.ts';
import { importSalesHistory } from '../src/server/modules/imports/import-sales.ts';
import { computeRules } from '../src/server/modules/rules/rules.service.ts';
import { onlineRetailText, report, scratchDatabase } from './load.ts';

/**
 * BENCH rules: seconds for `computeRules` over the whole UCI Online Retail history (min support
 * 0.01; the first 50,000 lines at 0.02 with --quick), and the p95 of `GET /api/products/:id/goes-well-with`
 * for the best-selling product, over HTTP to the same process, timed back to back while the rules are
 * computed (`busy_p95_ms`) and when nothing else runs (`idle_p95_ms`). PGlite always; PostgreSQL
 * too when DATABASE_URL is set. Needs the shared data folder.
 */
export async function run({ quick }: { quick: boolean }) {
  const text = onlineRetailText('rules', quick);
  if (text === null) return;
  // The first lines hold a few dozen invoices of hundreds of items each: at 1% of only ~2,000
  // baskets they share millions of itemsets, so the quick run asks for 2%.
  const minSupport = quick ? 0.02 : 0.01;
  await measure('pglite', text, minSupport);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', text, minSupport, url);
}

const p95 = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0;
};

async function measure(engine: string, text: string, minSupport: number, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('rules', serverUrl);
  try {
    const db = database.db;
    await migrate(db);
    const owner = await buildStaff(db, { role: 'owner' });
    const audit = { retailerId: owner.retailer_id, actorType: 'system' as const, actorId: null, requestId: null, ip: null };
    const bytes = Buffer.from(text);
    const source = async function* () {
      for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
    };
    const deps = { db, config: loadConfig({}), now: () => new Date() };
    await importSalesHistory(deps, audit, source(), { storeId: owner.storeIds[0] as string, fileName: 'online_retail.csv' });
    const best = await db
      .selectFrom('products')
      .select('id')
      .where('retailer_id', '=', owner.retailer_id)
      .orderBy('units_sold', 'desc')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // Lookups go over HTTP, as a tablet's would, so they wait on the event loop like real requests.
    const app = await buildApp(deps);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    if (login.status !== 200) throw new Error(`bench sign-in failed: ${login.status}`);
    const lookup = async () => {
      const t = performance.now();
      const res = await fetch(`${base}/api/products/${best.id}/goes-well-with`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`lookup answered ${res.status}: ${body}`);
      return performance.now() - t;
    };
    const thresholds = { minSupport, minConfidence: 0, minLift: 1 };
    // A first run alone, which also gives the lookups rules to read.
    const alone = await computeRules(deps, audit, thresholds);
    for (let i = 0; i < 50; i++) await lookup();
    const idle: number[] = [];
    for (let i = 0; i < 500; i++) idle.push(await lookup());
    const busy: number[] = [];
    let done = false;
    const started = performance.now();
    const running = computeRules(deps, audit, thresholds).finally(() => {
      done = true;
    });
    while (!done) busy.push(await lookup());
    const result = await running;
    const seconds = (performance.now() - started) / 1000;
    await app.close();
    report('rules', {
      engine,
      min_support: minSupport,
      baskets: result.baskets,
      items: result.items,
      itemsets: result.itemsets,
      rules: result.rules,
      seconds_alone: alone.seconds,
      seconds,
      lookups_during: busy.length,
      busy_p95_ms: p95(busy),
      idle_p95_ms: p95(idle),
    });
  } finally {
    await drop();
  }
}

import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildRetailer, buildStore } from '../src/server/demo/factories.ts';
import { systemPrincipal } from '../src/server/modules/auth/principal.ts';
import { bulkInsertCustomers, settleCustomerTables } from '../src/server/modules/customers/bulk-insert-customers.ts';
import { searchCustomers } from '../src/server/modules/customers/customers.service.ts';
import { generateCustomers } from '../src/shared/domain/customer-generator.ts';
import { demoVocabulary } from '../src/shared/domain/demo-vocabulary.ts';
import { report, scratchDatabase } from './load.ts';

/**
 * BENCH lookup: p50/p95/p99 of the customer search function (`searchCustomers`, tenant filter
 * included) for name prefixes, one-typo names, phone fragments and e-mail prefixes, over a
 * retailer with N generated customers (1,000,000 full, 20,000 --quick) beside a second retailer,
 * and the same queries through a naive pg_trgm similarity query (`baseline`) in the same run.
 * PGlite always; PostgreSQL too when DATABASE_URL is set (a scratch database there).
 * Rerun: `npm run bench -- lookup [--quick]`.
 */
export async function run({ quick }: { quick: boolean }) {
  const size = Number(process.env.LOOKUP_SIZE ?? (quick ? 20_000 : 1_000_000));
  await measure('pglite', size, quick);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', size, quick, url);
}

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** A seeded choice, so every run asks the same questions. */
function picker(seed: number) {
  let x = seed >>> 0;
  return <T>(list: T[]): T => {
    x = (Math.imul(x ^ (x >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return list[x % list.length] as T;
  };
}

async function measure(engine: 'pglite' | 'postgres', size: number, quick: boolean, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('lookup', serverUrl, engine === 'pglite' ? { pg_trgm } : undefined);
  const db = database.db;
  try {
    await migrate(db);
    const retailer = await buildRetailer(db, { country: 'GB' });
    const stores = [
      await buildStore(db, { retailerId: retailer.id, name: 'Riverside' }),
      await buildStore(db, { retailerId: retailer.id, name: 'Old Town' }),
    ];
    const other = await buildRetailer(db, { country: 'US', currency: 'USD', locale: 'en-US', phoneRegion: 'US' });
    const vocabulary = demoVocabulary('florist');
    const samples: { name: string[]; phone: string[]; email: string[] } = { name: [], phone: [], email: [] };
    const started = performance.now();
    const batchSize = 2000;
    for (const [retailerId, region, count, seed] of [
      [retailer.id, 'GB', size, 1],
      [other.id, 'US', Math.max(1000, Math.floor(size / 10)), 2],
    ] as const) {
      let batch = [];
      for (const c of generateCustomers(count, { seed, country: region, storeCount: 2, vocabulary })) {
        batch.push({
          ...c,
          homeStoreId: retailerId === retailer.id ? (stores[c.homeStore % 2]?.id ?? null) : null,
          lastVisitAt: c.lastVisitDaysAgo === null ? null : new Date(Date.now() - c.lastVisitDaysAgo * 86_400_000),
          visits: c.visits,
          spend: c.spend,
        });
        if (retailerId === retailer.id && samples.name.length < 5000 && batch.length % 7 === 0) {
          if (c.lastName) samples.name.push(c.lastName);
          if (c.phones?.[0]) samples.phone.push(c.phones[0].number);
          if (c.emails?.[0]) samples.email.push(c.emails[0].address);
        }
        if (batch.length === batchSize) {
          await bulkInsertCustomers(db, retailerId, region, batch);
          batch = [];
        }
      }
      if (batch.length) await bulkInsertCustomers(db, retailerId, region, batch);
    }
    const loadSeconds = (performance.now() - started) / 1000;
    // As an import does when it finishes.
    await settleCustomerTables(db);

    // The naive baseline: one trigram index over name, e-mail and phone, queried by similarity.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index customers_naive_trgm on customers using gin ((lower(first_name || ' ' || coalesce(last_name, '') || ' ' || emails::text || ' ' || phones::text)) gin_trgm_ops)`.execute(
      db,
    );
    const naive = (q: string) =>
      sql`
      select id from customers
      where retailer_id = ${retailer.id}
        and lower(first_name || ' ' || coalesce(last_name, '') || ' ' || emails::text || ' ' || phones::text) % ${q.toLowerCase()}
      order by similarity(lower(first_name || ' ' || coalesce(last_name, '') || ' ' || emails::text || ' ' || phones::text), ${q.toLowerCase()}) desc
      limit 20`.execute(db);

    const pick = picker(42);
    const typo = (word: string) => {
      const chars = [...word.toLowerCase()];
      const i = 1 + (chars.length > 3 ? pick([...Array(chars.length - 2).keys()]) : 0);
      chars[i] = chars[i] === 'e' ? 'a' : 'e';
      return chars.join('');
    };
    const queries: Record<string, string[]> = {
      name_prefix: Array.from({ length: 300 }, () => [...pick(samples.name)].slice(0, 3).join('')),
      name_typo: Array.from({ length: 300 }, () => typo(pick(samples.name.filter((n) => [...n].length >= 5)))),
      phone_fragment: Array.from({ length: 300 }, (_, i) => {
        const number = pick(samples.phone);
        return i % 2 ? number.replace(/\D/g, '').slice(-4) : number;
      }),
      email_prefix: Array.from({ length: 300 }, () => pick(samples.email).slice(0, 6)),
    };
    const actor = systemPrincipal(retailer.id);
    const deps = { db, config: loadConfig({}), now: () => new Date() };
    const rounds = quick ? 60 : 300;
    // The naive baseline takes seconds per query at 1M rows: a few rounds are enough to show it.
    const baselineRounds = quick ? 5 : 10;
    for (const [kind, list] of Object.entries(queries)) {
      for (const q of list.slice(0, 20)) await searchCustomers(deps, actor, { q, region: 'GB', storeId: stores[0]?.id });
      const times: number[] = [];
      let found = 0;
      for (const q of list.slice(0, rounds)) {
        const t = performance.now();
        const results = await searchCustomers(deps, actor, { q, region: 'GB', storeId: stores[0]?.id });
        times.push(performance.now() - t);
        if (results.length) found++;
      }
      const base: number[] = [];
      for (const q of list.slice(0, baselineRounds)) {
        const t = performance.now();
        await naive(kind === 'phone_fragment' ? q.replace(/\D/g, '').slice(-4) : q);
        base.push(performance.now() - t);
      }
      const a = percentiles(times);
      const b = percentiles(base);
      report('lookup', {
        engine,
        customers: size,
        query: kind,
        p50_ms: a.p50,
        p95_ms: a.p95,
        p99_ms: a.p99,
        found_share: found / Math.min(rounds, list.length),
        baseline_p50_ms: b.p50,
        baseline_p95_ms: b.p95,
        baseline_p99_ms: b.p99,
        target_p95_ms: 10,
        load_s: loadSeconds,
      });
    }
  } finally {
    await drop();
  }
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, loadDemo } from './demo/demo.ts';
import { loadDemoVisits } from './demo/demo-visits.ts';
import { serverEntryPath } from './http/web.ts';
import { startJobRunner } from './modules/jobs/jobs.ts';
import { smtpMailer } from './modules/outbox/mailer.ts';
import { outboxHandlers } from './modules/outbox/outbox.service.ts';
import { rulesHandlers } from './modules/rules/rules.service.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** Builds the web app with Vite, and its server build (src/web/entry-server.tsx), when either is missing or older than the sources. */
export async function buildWebIfNeeded(config: Config, log: (msg: string) => void): Promise<void> {
  const index = join(config.webDir, 'index.html');
  const sources = [join(ROOT, 'src/web'), join(ROOT, 'src/shared'), join(ROOT, 'vite.config.ts')].filter(existsSync);
  const built = [index, serverEntryPath(config.webDir)];
  const newest = Math.max(...sources.map(newestMtime));
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs >= newest)) return;
  if (!existsSync(join(ROOT, 'node_modules/vite'))) {
    throw new Error('The web app is not built and Vite is not installed. Run `npm install` first.');
  }
  log('Building the web app (first start only)…');
  const { build } = await import('vite');
  // Always the production build of the app (and of React), even when the server runs under a test
  // runner's NODE_ENV: Vite and its React plugin take the mode from NODE_ENV when it is set.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const configFile = join(ROOT, 'vite.config.ts');
    await build({ configFile, logLevel: 'warn', build: { outDir: config.webDir, emptyOutDir: true } });
    await build({ configFile, logLevel: 'warn', build: { ssr: true, outDir: dirname(serverEntryPath(config.webDir)), emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Opens and migrates the database; loads the demo retailers into an empty one when asked. */
export async function prepareDatabase(config: Config, opts: { demo: boolean; log: (msg: string) => void }): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database.db);
    if (applied.length) opts.log(`Migrated: ${applied.join(', ')}`);
    if (opts.demo && (await isEmpty(database.db))) {
      opts.log('Loading the demo retailers…');
      await loadDemo(database.db);
      await loadDemoVisits({ db: database.db, config });
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

/** Runs Ones until SIGINT/SIGTERM, then stops taking requests, finishes those in flight and closes the database. */
export async function serve(config: Config, opts: { demo: boolean }): Promise<FastifyInstance> {
  const log = (msg: string) => console.log(msg);
  await buildWebIfNeeded(config, log);
  const database = await prepareDatabase(config, { demo: opts.demo, log });
  const deps = { db: database.db, config, now: () => new Date() };
  const app = await buildApp(deps, { logger: true, serveWeb: true });
  // Background work (the outbox's e-mail, learning pairings) runs beside the requests; each server runs its own.
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl) : null;
  const jobs = startJobRunner(
    deps,
    { ...outboxHandlers(mailer, config.mailFrom), ...rulesHandlers },
    {
      onError: (err) => app.log.error({ err }, 'background jobs'),
    },
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await jobs.stop();
    mailer?.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`;
  log(`\nOnes is running at http://localhost:${config.port}  (${where})`);
  if (opts.demo) {
    log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) log(`  ${a.email.padEnd(26)} ${a.role.padEnd(10)} PIN ${a.pin}  ${a.name}, ${a.title}`);
  }
  return app;
}

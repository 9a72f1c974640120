import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Deps } from '../../src/server/deps.ts';
import { type TestDatabase, testDatabase } from './database.ts';

export interface TestContext {
  app: FastifyInstance;
  deps: Deps;
  database: TestDatabase;
}

/** Builds the app on a fresh database for this test file, closed after it. Use inside a describe or at top level. */
export function setupTestApp(): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.database = await testDatabase();
    ctx.deps = { db: ctx.database.db, config: { ...loadConfig({}), publicUrl: 'http://ones.test' }, now: () => new Date() };
    ctx.app = await buildApp(ctx.deps);
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.drop();
  });
  return ctx;
}

/** The `ones_session=…` cookie header from a response that set it. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'ones_session');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `ones_session=${c.value}`;
}

/** Signs in through the API and returns the cookie header to send with later requests. */
export async function signIn(app: FastifyInstance, email: string, password = 'ones-demo'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  return sessionCookie(res);
}

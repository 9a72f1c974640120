import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

const ctx = setupTestApp();

describe('API documentation and health', () => {
  it('serves an OpenAPI 3.1 document in which every operation has an id, a summary and error responses', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(
      doc.paths as Record<string, Record<string, { operationId?: string; summary?: string; responses: object }>>,
    ).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(ops.length).toBeGreaterThan(20);
    for (const { path, method, op } of ops) {
      expect(op.operationId, `${method} ${path}`).toBeTruthy();
      expect(op.summary, `${method} ${path}`).toBeTruthy();
    }
    expect(doc.paths['/api/auth/login'].post.responses['401']).toBeDefined();
    expect(doc.components.schemas.ErrorResponse).toBeDefined();
  });

  it('serves a browsable page at /api/docs', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/html/);
  });

  it('reports the process up and the database ready', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject({ method: 'GET', url: '/ready' })).json()).toEqual({ status: 'ready' });
  });

  it('tags failures with a request id to quote', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `ones_session=${`ret_${'0'.repeat(26)}`}.ses_${'0'.repeat(26)}.${'x'.repeat(30)}` },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
  });
});

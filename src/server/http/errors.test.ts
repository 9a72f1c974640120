import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { AppError, errorHandler, translatePgError } from './errors.ts';

function run(error: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    send(body: unknown) {
      sent.body = body;
      return this;
    },
  } as unknown as FastifyReply;
  const log = { error: vi.fn() };
  errorHandler(error as FastifyError, { id: 'req_test', log } as unknown as FastifyRequest, reply);
  return { ...sent, log };
}

describe('errorHandler', () => {
  it('hides an unexpected error behind 500, with the request id to quote, and logs it', () => {
    const out = run(new Error('connection string postgres://secret@db leaked'));
    expect(out.status).toBe(500);
    expect(JSON.stringify(out.body)).not.toContain('secret');
    expect(out.body).toEqual({ error: { code: 'internal', message: expect.stringContaining('req_test') } });
    expect(out.log.error).toHaveBeenCalledOnce();
    expect(out.headers['x-request-id']).toBe('req_test');
  });

  it('passes an AppError through with its code, fields and Retry-After', () => {
    const out = run(new AppError('rate_limited', 'Slow down.', { retryAfterSeconds: 60, fields: [{ field: 'email', message: 'x' }] }));
    expect(out.status).toBe(429);
    expect(out.headers['retry-after']).toBe('60');
    expect(out.body).toEqual({ error: { code: 'rate_limited', message: 'Slow down.', fields: [{ field: 'email', message: 'x' }] } });
  });

  it('translates Postgres errors in one place', () => {
    expect(run(Object.assign(new Error('dup'), { code: '23505', constraint: 'staff_retailer_id_email_key' })).body).toMatchObject({
      error: { code: 'conflict', fields: [{ field: 'email' }] },
    });
    expect(translatePgError({ code: '40001' })?.code).toBe('conflict');
    expect(translatePgError({ code: '23503' })?.status).toBe(400);
    expect(translatePgError(new Error('plain'))).toBeUndefined();
  });

  it('names fields from validation errors', () => {
    const err = Object.assign(new Error('bad'), {
      validation: [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'email' } },
        { instancePath: '/storeIds/0', keyword: 'type', params: {}, message: 'must be string' },
      ],
      validationContext: 'body',
    });
    expect(run(err).body).toMatchObject({
      error: {
        code: 'validation_failed',
        fields: [
          { field: 'email', message: 'is required' },
          { field: 'storeIds.0', message: 'must be string' },
        ],
      },
    });
  });
});

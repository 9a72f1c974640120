import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Stable error codes clients may match on, with the HTTP status each maps to. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  payload_too_large: 413,
  precondition_required: 428,
  sensitive_content: 422,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type. Services throw it; the error handler turns it into `{ error: {…} }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Extra facts for the client, e.g. the current record with a stale-version conflict. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { fields?: FieldError[]; retryAfterSeconds?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.code = code;
    this.fields = opts.fields;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.details = opts.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);
export const forbidden = (message = 'Your role does not allow this.') => new AppError('forbidden', message);
export const invalidField = (field: string, message: string) =>
  new AppError('validation_failed', message, { fields: [{ field, message }] });

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

/** The one place Postgres errors become AppErrors (23505 unique → conflict, …); others stay unknown. */
export function translatePgError(err: unknown): AppError | undefined {
  const e = err as PgError;
  if (typeof e?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return undefined;
  switch (e.code) {
    case '23505':
      return new AppError('conflict', conflictMessage(e.constraint), {
        fields: fieldFromConstraint(e.constraint),
      });
    case '23503':
      return new AppError('validation_failed', 'A referenced record does not exist.', {
        fields: fieldFromConstraint(e.constraint),
      });
    case '23502':
      return new AppError('validation_failed', `${e.column ?? 'A field'} is required.`, {
        fields: e.column ? [{ field: e.column, message: 'is required' }] : undefined,
      });
    case '23514':
    case '22P02':
    case '22001':
      return new AppError('validation_failed', 'A value is not allowed here.');
    case '40001':
    case '40P01':
      return new AppError('conflict', 'Someone else changed this at the same time. Try again.');
    default:
      return undefined;
  }
}

const CONSTRAINT_FIELDS: Record<string, { field: string; message: string }> = {
  staff_retailer_id_email_key: { field: 'email', message: 'Someone on your team already uses this e-mail.' },
  stores_retailer_id_name_key: { field: 'name', message: 'A store with this name already exists.' },
  retailers_slug_key: { field: 'slug', message: 'This retailer slug is taken.' },
};

function conflictMessage(constraint?: string): string {
  return (constraint && CONSTRAINT_FIELDS[constraint]?.message) || 'This already exists.';
}

function fieldFromConstraint(constraint?: string): FieldError[] | undefined {
  const f = constraint ? CONSTRAINT_FIELDS[constraint] : undefined;
  return f ? [{ field: f.field, message: f.message }] : undefined;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Fastify/ajv validation output into field errors named like `body.email` → `email`. */
function fieldsFromValidation(errors: AjvError[], context: string | undefined): FieldError[] {
  return errors.map((e) => {
    let path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
      path = path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty;
      return { field: path, message: 'is required' };
    }
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
      path = path ? `${path}.${e.params.additionalProperty}` : e.params.additionalProperty;
      return { field: path, message: 'is not a known field' };
    }
    // Lengths in plain words ("at most 4,000 characters"), not the validator's "must NOT have more than 4000".
    if ((e.keyword === 'maxLength' || e.keyword === 'minLength') && typeof e.params.limit === 'number') {
      const n = e.params.limit;
      const message =
        e.keyword === 'maxLength'
          ? `is too long: at most ${n.toLocaleString('en')} characters`
          : n === 1
            ? 'cannot be empty'
            : `is too short: at least ${n.toLocaleString('en')} characters`;
      return { field: path || context || 'body', message };
    }
    return { field: path || context || 'body', message: e.message ?? 'is not valid' };
  });
}

/** Fastify error handler: every failure leaves as `{ error: { code, message, fields? } }`. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let appError: AppError | undefined;
  if (error instanceof AppError) appError = error;
  else if (error.validation) {
    const fields = fieldsFromValidation(error.validation as AjvError[], error.validationContext);
    const list = fields.map((f) => `${f.field} ${f.message}`).join('; ');
    appError = new AppError('validation_failed', `Please check: ${list}.`, { fields });
  } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    appError = new AppError('payload_too_large', 'The request body is too large.');
  } else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    appError = new AppError('invalid_json', 'The request body is not valid JSON.');
  } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    appError = new AppError('unsupported_media_type', 'Send the body as application/json.');
  } else if (error instanceof SyntaxError && error.statusCode === 400) {
    appError = new AppError('invalid_json', 'The request body is not valid JSON.');
  } else {
    appError = translatePgError(error);
  }
  if (!appError && error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    appError = new AppError('bad_request', error.message);
  }
  if (!appError) {
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    appError = new AppError('internal', `Something went wrong on our side. Reference: ${request.id}.`);
  }
  if (appError.retryAfterSeconds) reply.header('retry-after', String(appError.retryAfterSeconds));
  // Failures carry the request id, so a person can quote it and it can be found in the logs.
  reply.header('x-request-id', request.id);
  return reply.status(appError.status).send({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.fields ? { fields: appError.fields } : {}),
      ...(appError.details ? { details: appError.details } : {}),
    },
  });
}

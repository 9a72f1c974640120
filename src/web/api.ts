/** One field the server refused, e.g. `{ field: 'email', message: 'is required' }`. */
export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call, carrying the server's `{ error: { code, message, fields?, details? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** Extra facts some errors carry, e.g. the current record with `stale_version`. */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  /** The server's message for one field, if it named that field. */
  fieldMessage(field: string): string | undefined {
    const found = this.fields.find((f) => f.field === field);
    if (!found) return undefined;
    return found.message.charAt(0).toUpperCase() + found.message.slice(1);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown; details?: unknown };
}

function toApiError(status: number, body: unknown): ApiError {
  const e = (body as ErrorBody | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : 'http_error';
  const message = typeof e?.message === 'string' ? e.message : `The server answered ${status}. Try again.`;
  const fields = Array.isArray(e?.fields) ? (e.fields as FieldError[]) : [];
  const details = e?.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {};
  return new ApiError(status, code, message, fields, details);
}

/**
 * Calls the Ones API with JSON and the session cookie; throws ApiError on any failure. `signal`
 * lets the query cache cancel a request nobody waits for any more (a stale search).
 */
export async function api<T>(
  path: string,
  opts: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiError(0, 'network', 'Ones could not be reached. Check the connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) throw toApiError(res.status, body);
  return body as T;
}

/** A sentence to show for any error thrown by a query or mutation. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Try again.';
}

/** The server's message for a field of a failed mutation, for an input's `error` prop. */
export function fieldError(err: unknown, field: string): string | undefined {
  return err instanceof ApiError ? err.fieldMessage(field) : undefined;
}

/**
 * A fresh client id for a change the server records once (24 hex characters after the prefix). Uses getRandomValues, which, unlike
 * randomUUID, also works on a store's plain-http address.
 */
export function newClientId(prefix = 'c'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

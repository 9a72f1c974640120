import { ApiError, type FieldError, newClientId } from '../../../api.ts';

/*
 * The visit screen's outbox. Every change an associate makes (a step, an answer, a note, a basket
 * line, a gesture) is written to IndexedDB first and only then sent, strictly in the order it was
 * made, until the server has answered 2xx. Why it is built this way:
 *
 * - Durable first: `enqueue` resolves once IndexedDB has committed the item (durability 'strict'),
 *   so a reload, a closed tab or a dead battery after that point loses nothing; the queue sends
 *   what it finds whenever the app is opened again.
 * - Exactly once: each item has a client id that travels in the body (the server records a
 *   clientId once) and as an `Idempotency-Key` header. An item is removed only after a 2xx, so a
 *   page that dies mid-request sends the item again on the next start and the server ignores the
 *   repeat. Re-enqueueing an id already in the queue returns the queued item.
 * - Order by `seq` (IndexedDB's autoincrement), never by the device clock: a tablet's clock can be
 *   minutes wrong. `createdAt` is device time, kept for display and for "when it happened" below.
 * - One sender per browser: the Web Locks API (when present) lets one tab send at a time; every
 *   tab writes to the same database, and BroadcastChannel tells the others to re-read their status.
 *   Across tablets, the server's clientIds keep repeats out.
 * - Failures: no answer, 5xx, 408 and 429 are passing trouble: the item stays, and the whole queue
 *   backs off (1 s, 2 s, 4 s … 30 s) or tries again at once on `online`, on the page becoming
 *   visible, or on `tryNow()`. Other 4xx are refusals: the item is kept as 'failed' with the
 *   server's message for the associate, is not retried on its own, and holds back the later items
 *   of its scope (a visit's changes depend on their order) but not other scopes. A 409 does not
 *   hold its scope back: it says the server moved on (the visit was closed meanwhile, a colleague's
 *   tablet got there first, the gesture budget ran out), so waiting cannot help; each later item
 *   is sent and any the server also refuses is shown too. 401 pauses everything until `tryNow()`
 *   after signing in again: an expired session is no fault of the items.
 * - Nothing disappears silently: a refused item stays until `retry(id)` or `discard(id)`.
 */

/** The database, and the Web Lock that lets one tab send at a time. */
export const DB_NAME = 'ones-sync';
const ITEMS = 'items';
/** Key-value facts that must survive a reload: server ids of created records, the clock offset. */
const META = 'meta';
const CLOCK_KEY = 'clockOffset';

export type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Why an item was not saved: the server's `{ error }`, or `status: 0` for no answer / a local problem. */
export interface QueueError {
  status: number;
  code: string;
  message: string;
  fields?: FieldError[];
}

/** One change as stored in IndexedDB. */
export interface QueueItem {
  /** Order of sending, given by IndexedDB. */
  seq: number;
  /** The change's client id: in the body where the route takes one, and the Idempotency-Key. */
  id: string;
  /** What the change belongs to — the visit's client id — so a refusal holds back only its own. */
  scope: string;
  method: Method;
  /** May hold `ref(clientId)` tokens, replaced by the server id of that record once it is saved. */
  path: string;
  body?: unknown;
  /** Device time when it was queued: for display, never for ordering. */
  createdAt: number;
  attempts: number;
  state: 'waiting' | 'failed';
  /** For 'failed', the refusal; for 'waiting', the last passing trouble, if any. */
  error?: QueueError;
  /** Words for the associate, e.g. "Note “Looking for white tulips…”". */
  label?: string;
  /** What the screen shows of the change until it is saved (e.g. a basket line's title and price); never sent. */
  show?: Record<string, unknown>;
  /** A body field to fill with when the change happened, in the server's time (e.g. 'at'). */
  happenedAt?: string;
  /** The server answers with the new record's `id`; later items may name it with `ref(id)`. */
  createsId?: boolean;
  /** Server clock minus device clock when it was queued, if known. */
  clockOffset?: number;
}

/** What the screen hands to `enqueue`. */
export interface Change {
  /** The client id; taken from `body.clientId` when absent there, made up when absent in both. */
  id?: string;
  scope: string;
  method?: Method;
  path: string;
  body?: unknown;
  label?: string;
  show?: Record<string, unknown>;
  happenedAt?: string;
  createsId?: boolean;
}

export interface SendRequest {
  method: Method;
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

/** Any answer from the server; `date` is its Date header, which tells the queue the server's clock. */
export interface SendResponse {
  status: number;
  body: unknown;
  date?: string | null;
}

/** Sends one request; rejects only when no answer came from the server. */
export type Send = (request: SendRequest) => Promise<SendResponse>;

/** What the "saved / waiting to sync (N) / needs attention" indicator shows. */
/** A queue's status before its database is read; the server renders a first view with it too. */
export const STARTING_STATUS: QueueStatus = {
  loading: true,
  waiting: 0,
  blocked: 0,
  failed: [],
  sending: false,
  online: true,
  signedOut: false,
};

export interface QueueStatus {
  /** False once the database has been read. */
  loading: boolean;
  /** Items not saved yet (not counting failed ones), including those held back. */
  waiting: number;
  /** Of the waiting, those held back behind a failed item of the same scope. */
  blocked: number;
  /** Refused by the server: the associate must retry or discard each. */
  failed: QueueItem[];
  /** A request is on its way from this tab. */
  sending: boolean;
  /** Device time of the last save in this tab (display only). */
  lastSavedAt?: number;
  /** The server answered the last request (or the browser says so, before any request). */
  online: boolean;
  /** The server answered 401: sending is paused until `tryNow()` after signing in. */
  signedOut: boolean;
  /** The last passing trouble (no answer, 5xx, storage), cleared by the next save. */
  lastError?: QueueError;
}

/** The part of the Web Locks API the queue uses. */
export interface LocksLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

export interface QueueOptions {
  /** Default: the page's `indexedDB`. Tests pass a fresh fake one. */
  indexedDB?: IDBFactory;
  /** Default `DB_NAME`; also the lock's and the broadcast channel's name. */
  name?: string;
  /** Default: `fetchSend()`. */
  send?: Send;
  /** The device clock, ms. Default `Date.now`. */
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Default `navigator.locks` when present; null for a single sender without locks. */
  locks?: LocksLike | null;
  /** Where 'online' / 'offline' fire. Default `window` when present. */
  window?: EventTarget | null;
  /** Where 'visibilitychange' fires. Default `document` when present. */
  document?: (EventTarget & { visibilityState: string }) | null;
  /** Default `navigator.onLine`, else true. */
  isOnline?: () => boolean;
  /** Tell other tabs when the queue changed. Default true when BroadcastChannel exists. */
  broadcast?: boolean;
  backoff?: { baseMs?: number; capMs?: number };
}

export interface Queue {
  /** Resolves when the first read of the database is done and the first sending pass has begun. */
  ready: Promise<void>;
  /** Writes the change to IndexedDB, resolving once it is durable, then wakes the sender. */
  enqueue(change: Change): Promise<QueueItem>;
  /** The current status; the same object until something changes (for useSyncExternalStore). */
  getStatus(): QueueStatus;
  subscribe(listener: () => void): () => void;
  /** Called in the sending tab after each save, with the server's answer (e.g. to refresh a cache). */
  onSaved(listener: (item: QueueItem, body: unknown) => void): () => void;
  /** Every item still queued, in order. */
  list(): Promise<QueueItem[]>;
  /** Sends a failed item again (after the cause was put right). */
  retry(id: string): Promise<void>;
  /** Drops an item for good: only ever on the associate's say-so. */
  discard(id: string): Promise<void>;
  /** Tries at once, ending a back-off or a 401 pause. */
  tryNow(): Promise<void>;
  /** The server id of a record created through the queue, once saved. */
  serverId(clientId: string): Promise<string | undefined>;
  /** Resolves when this tab's current sending pass is over. */
  idle(): Promise<void>;
  /** Stops this instance (timers, listeners, database); the items stay for the next one. */
  close(): void;
}

/** A body field's largest length the server accepts, checked before anything is queued. */
export interface FieldLimit {
  path: RegExp;
  /** Dotted path into the body, e.g. 'message.text'. */
  field: string;
  max: number;
  /** The server refuses it empty (after trimming). */
  notBlank?: boolean;
  /** What it is, for the message: "The note". */
  words: string;
}

/**
 * The server's length limits for what the visit screen queues, by path. They are checked here, at
 * the one door every change goes through, so a too-long note is refused while the associate is
 * still at the field instead of becoming a failed item after they moved on; they mirror the route
 * schemas (encounters.routes.ts) and must follow them.
 */
export const LIMITS: FieldLimit[] = [
  { path: /^\/api\/encounters\/[^/]+\/notes$/, field: 'text', max: 4000, notBlank: true, words: 'The note' },
  { path: /^\/api\/encounters\/[^/]+\/gestures$/, field: 'description', max: 300, notBlank: true, words: 'What was given' },
  { path: /^\/api\/encounters\/[^/]+\/lost-demand$/, field: 'description', max: 300, words: 'What was asked for' },
  { path: /^\/api\/encounters\/[^/]+\/lost-demand$/, field: 'note', max: 1000, words: 'The note' },
  { path: /^\/api\/encounters\/[^/]+\/follow-ups$/, field: 'title', max: 200, notBlank: true, words: 'The follow-up’s title' },
  { path: /^\/api\/encounters\/[^/]+\/follow-ups$/, field: 'message.subject', max: 200, words: 'The subject' },
  { path: /^\/api\/encounters\/[^/]+\/follow-ups$/, field: 'message.text', max: 10_000, words: 'The message' },
];

/** The server's own limit on a request body (app.ts bodyLimit), with room for the JSON around it. */
const MAX_BODY_CHARS = 900_000;
const CLIENT_ID = /^[^\s{}]{8,80}$/;
const REF = /\{ref:([^{}\s]+)\}/g;
/** A change sent within this long of being made is stamped by the server itself. */
const PROMPT_MS = 5_000;
const NO_ANSWER = 'Ones could not be reached. Changes are kept on this tablet and sent when the connection is back.';

/** Names a record by its client id in a later item's path or body, until the server's id is known. */
export function ref(clientId: string): string {
  return `{ref:${clientId}}`;
}

/**
 * The default sender: same-origin fetch with JSON, a timeout (flaky Wi-Fi can leave a request
 * hanging for minutes), and a check that the answer came from Ones: a Wi-Fi sign-in page that
 * answers in HTML, or a redirect, counts as no answer, so nothing is taken as saved (or refused) by
 * mistake.
 */
export function fetchSend(opts: { timeoutMs?: number; fetch?: typeof fetch } = {}): Send {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  return async (request) => {
    const doFetch = opts.fetch ?? fetch;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      const res = await doFetch(request.path, {
        method: request.method,
        headers,
        credentials: 'same-origin',
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
      const text = await res.text();
      const json = (res.headers.get('content-type') ?? '').includes('application/json');
      // Ones answers every request in JSON (errors too), or 204 with nothing.
      if (res.redirected || (res.status !== 204 && !json)) throw new Error('The answer did not come from Ones.');
      let body: unknown = null;
      if (text && json) body = JSON.parse(text);
      return { status: res.status, body, date: res.headers.get('date') };
    } finally {
      clearTimeout(timer);
    }
  };
}

const grouped = (n: number) => n.toLocaleString('en-GB');

/** Refuses, the way the server would (400 naming the field), a change the server is sure to refuse. */
function validate(change: Change, id: string): void {
  const refuse = (field: string, message: string): never => {
    throw new ApiError(400, 'validation_failed', message, [{ field, message }]);
  };
  if (!CLIENT_ID.test(id)) refuse('clientId', 'A client id has 8 to 80 characters, without spaces or braces.');
  if (!change.scope) refuse('scope', 'Say which visit the change belongs to.');
  if (!change.path.startsWith('/api/')) refuse('path', 'Only Ones API paths can be queued.');
  const bodyText = change.body === undefined ? '' : JSON.stringify(change.body);
  if (bodyText.length > MAX_BODY_CHARS) refuse('body', 'This change is too large to save.');
  for (const limit of LIMITS) {
    if (!limit.path.test(change.path)) continue;
    const value = valueAt(change.body, limit.field);
    if (typeof value !== 'string') continue;
    if (limit.notBlank && !value.trim()) refuse(limit.field, `${limit.words} is empty: write something, or leave it out.`);
    // Counted in code points, as the server's JSON schema (ajv) counts them.
    const length = Array.from(value).length;
    if (length > limit.max)
      refuse(
        limit.field,
        `${limit.words} is ${grouped(length)} characters long; at most ${grouped(limit.max)} can be saved. Shorten it by ${grouped(length - limit.max)}.`,
      );
  }
}

function valueAt(body: unknown, dotted: string): unknown {
  let value: unknown = body;
  for (const part of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A 409 says the server moved on; holding the scope's later items back would not help (see above). */
const holdsScope = (error: QueueError | undefined) => error?.status !== 409;

function errorOf(res: SendResponse): QueueError {
  const e = (res.body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  return {
    status: res.status,
    code: typeof e?.code === 'string' ? e.code : 'http_error',
    message: typeof e?.message === 'string' ? e.message : `The server answered ${res.status}.`,
    ...(Array.isArray(e?.fields) ? { fields: e.fields as FieldError[] } : {}),
  };
}

function refsIn(value: unknown, found: Set<string>): void {
  if (typeof value === 'string') for (const m of value.matchAll(REF)) found.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) refsIn(v, found);
}

function replaceRefs(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return value.replace(REF, (_, clientId: string) => ids.get(clientId) ?? _);
  if (Array.isArray(value)) return value.map((v) => replaceRefs(v, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceRefs(v, ids)]));
  return value;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Builds a queue over the page's IndexedDB and starts sending what it holds. */
export function createQueue(options: QueueOptions = {}): Queue {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const name = options.name ?? DB_NAME;
  const send = options.send ?? fetchSend();
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  const win = options.window === undefined ? ((globalThis as { window?: EventTarget }).window ?? null) : options.window;
  const doc = options.document === undefined ? (globalThis.document ?? null) : options.document;
  const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true);
  const baseMs = options.backoff?.baseMs ?? 1_000;
  const capMs = options.backoff?.capMs ?? 30_000;
  const channel = options.broadcast !== false && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`${name}:changed`) : null;

  let dbPromise: Promise<IDBDatabase> | null = null;
  let closed = false;
  let draining: Promise<void> | null = null;
  let again = false;
  let timer: unknown = null;
  /** Consecutive passing troubles: the back-off's exponent. */
  let level = 0;
  let inFlight: string | null = null;
  /** Server clock minus device clock, ms, once any answer carried a Date header. */
  let offset: number | undefined;
  let refreshTicket = 0;
  let counts: Pick<QueueStatus, 'waiting' | 'blocked' | 'failed'> = { waiting: 0, blocked: 0, failed: [] };
  let flags: Omit<QueueStatus, 'waiting' | 'blocked' | 'failed'> = {
    loading: true,
    sending: false,
    online: isOnline(),
    signedOut: false,
  };
  let status: QueueStatus = { ...counts, ...flags };
  const listeners = new Set<() => void>();
  const savedListeners = new Set<(item: QueueItem, body: unknown) => void>();

  function emit(change: Partial<typeof flags> = {}) {
    flags = { ...flags, ...change };
    status = { ...counts, ...flags };
    for (const l of listeners) l();
  }

  function open(): Promise<IDBDatabase> {
    if (dbPromise) return dbPromise;
    const opening = new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) throw new Error('This browser cannot keep changes on the device (no IndexedDB).');
      const r = factory.open(name, 1);
      r.onupgradeneeded = () => {
        const items = r.result.createObjectStore(ITEMS, { keyPath: 'seq', autoIncrement: true });
        items.createIndex('id', 'id', { unique: true });
        r.result.createObjectStore(META);
      };
      r.onsuccess = () => {
        const db = r.result;
        // A newer version of the app in another tab wants to upgrade: let it, and reopen on next use.
        db.onversionchange = () => {
          db.close();
          dbPromise = null;
        };
        if (closed) db.close();
        resolve(db);
      };
      r.onerror = () => reject(r.error);
    });
    dbPromise = opening;
    opening.catch(() => {
      if (dbPromise === opening) dbPromise = null;
    });
    return opening;
  }

  /** Runs `fn` in one transaction and resolves with its result once the transaction committed. */
  async function transact<T>(
    stores: string[],
    mode: IDBTransactionMode,
    fn: (tx: IDBTransaction) => Promise<T>,
    durability: IDBTransactionDurability = 'default',
  ): Promise<T> {
    const db = await open();
    const tx = db.transaction(stores, mode, { durability });
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('The change could not be stored on this device.'));
    });
    committed.catch(() => undefined);
    try {
      const result = await fn(tx);
      await committed;
      return result;
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      throw err;
    }
  }

  const readAll = () => transact([ITEMS], 'readonly', (tx) => request(tx.objectStore(ITEMS).getAll() as IDBRequest<QueueItem[]>));
  const byId = (tx: IDBTransaction, id: string) => request(tx.objectStore(ITEMS).index('id').get(id) as IDBRequest<QueueItem | undefined>);

  /** Re-reads the items for the status; a later read wins over an earlier one still running. */
  async function refresh(): Promise<void> {
    const ticket = ++refreshTicket;
    let items: QueueItem[];
    try {
      items = await readAll();
    } catch (err) {
      if (!closed) emit({ loading: false, lastError: storageError(err) });
      return;
    }
    if (closed || ticket !== refreshTicket) return;
    const held = new Set<string>();
    const next = { waiting: 0, blocked: 0, failed: [] as QueueItem[] };
    for (const item of items) {
      if (item.state === 'failed') {
        next.failed.push(item);
        if (holdsScope(item.error)) held.add(item.scope);
      } else {
        next.waiting++;
        if (held.has(item.scope)) next.blocked++;
      }
    }
    counts = next;
    emit({ loading: false });
  }

  /** After a change to the database: this tab's status, other tabs' too. */
  async function changed(): Promise<void> {
    channel?.postMessage('changed');
    await refresh();
  }

  function storageError(err: unknown): QueueError {
    return { status: 0, code: 'storage', message: err instanceof Error ? err.message : 'The device storage failed.' };
  }

  function schedule() {
    if (timer !== null) clearTimer(timer);
    const delay = Math.min(capMs, baseMs * 2 ** Math.max(0, level - 1));
    timer = setTimer(() => {
      timer = null;
      void kick(true);
    }, delay);
  }

  /**
   * Starts a sending pass, or asks the running one to look again. `force` (online, visible, tryNow,
   * the back-off timer) ends a back-off; a new change does not, it goes behind the waiting ones.
   */
  function kick(force: boolean): Promise<void> {
    if (closed) return Promise.resolve();
    if (force) {
      if (timer !== null) clearTimer(timer);
      timer = null;
      flags = { ...flags, signedOut: false };
    }
    if (draining) {
      again = true;
      return draining;
    }
    if (timer !== null || flags.signedOut) return Promise.resolve();
    const run = async () => {
      try {
        do {
          again = false;
          await (locks ? locks.request(name, pass) : pass());
        } while (again && !closed && timer === null && !flags.signedOut);
      } catch (err) {
        if (closed) return;
        level++;
        emit({ lastError: storageError(err) });
        schedule();
      } finally {
        draining = null;
        if (!closed) emit({ sending: false });
      }
    };
    draining = run();
    return draining;
  }

  /** One walk through the queue in order, sending what may be sent now. */
  async function pass(): Promise<void> {
    const items = await readAll();
    const present = new Set(items.map((i) => i.id));
    const held = new Set<string>();
    for (const listed of items) {
      if (closed) return;
      if (held.has(listed.scope) && listed.state === 'waiting') continue;
      // Read it again: the associate may have retried or discarded it, or another tab sent it.
      const item = await transact([ITEMS], 'readonly', (tx) => byId(tx, listed.id));
      if (!item) continue;
      if (item.state === 'failed') {
        if (holdsScope(item.error)) held.add(item.scope);
        continue;
      }
      const outcome = await sendItem(item, present);
      if (outcome === 'stop') return;
      if (outcome === 'held') held.add(item.scope);
    }
  }

  /** What to send for an item: references replaced and "when it happened" stamped; or what it waits for. */
  async function prepare(item: QueueItem, useOffset: number | undefined) {
    const wanted = new Set<string>();
    refsIn(item.path, wanted);
    refsIn(item.body, wanted);
    const ids = new Map<string, string>();
    let missing: string | undefined;
    if (wanted.size)
      await transact([META], 'readonly', async (tx) => {
        for (const clientId of wanted) {
          const id = await request(tx.objectStore(META).get(`id:${clientId}`) as IDBRequest<string | undefined>);
          if (id) ids.set(clientId, id);
          else missing ??= clientId;
        }
      });
    const path = replaceRefs(item.path, ids) as string;
    let body = replaceRefs(item.body, ids);
    const field = item.happenedAt;
    const elapsed = now() - item.createdAt;
    if (field && body && typeof body === 'object' && !Array.isArray(body) && (elapsed < 0 || elapsed >= PROMPT_MS)) {
      // Device time plus the device's offset from the server, never later than the server's now.
      const shift = useOffset ?? 0;
      const happened = Math.min(item.createdAt + shift, now() + (offset ?? shift));
      body = { ...body, [field]: new Date(happened).toISOString() };
    }
    return { path, body, missing, usedOffset: useOffset };
  }

  function learnClock(date: string | null | undefined) {
    const server = date ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(server)) return;
    // The header has whole seconds: the server's time is somewhere in the next second.
    const next = server + 500 - now();
    if (offset !== undefined && Math.abs(next - offset) < 2_000) return;
    offset = next;
    transact([META], 'readwrite', (tx) => request(tx.objectStore(META).put(next, CLOCK_KEY))).catch(() => undefined);
  }

  async function update(item: QueueItem, change: Partial<QueueItem>) {
    await transact([ITEMS], 'readwrite', async (tx) => {
      const current = await request(tx.objectStore(ITEMS).get(item.seq) as IDBRequest<QueueItem | undefined>);
      if (current) await request(tx.objectStore(ITEMS).put({ ...current, ...change }));
    });
  }

  /** Sends one item and records the outcome; 'stop' ends the pass, 'held' holds back its scope. */
  async function sendItem(item: QueueItem, present: Set<string>): Promise<'sent' | 'held' | 'next' | 'stop'> {
    let target = await prepare(item, item.clockOffset ?? offset);
    if (target.missing) {
      if (present.has(target.missing)) return 'held';
      await update(item, {
        state: 'failed',
        error: {
          status: 0,
          code: 'unresolved',
          message: 'This change belongs to something that was never saved (it was discarded), so it cannot be sent.',
        },
      });
      await changed();
      return 'held';
    }
    let retimed = false;
    for (;;) {
      inFlight = item.id;
      emit({ sending: true });
      let res: SendResponse | undefined;
      try {
        res = await send({ method: item.method, path: target.path, body: target.body, headers: { 'idempotency-key': item.id } });
      } catch {
        res = undefined;
      } finally {
        inFlight = null;
      }
      if (closed) return 'stop';
      if (!res) {
        await troubled(item, { status: 0, code: 'network', message: NO_ANSWER }, { online: false });
        return 'stop';
      }
      learnClock(res.date);
      if (res.status >= 200 && res.status < 300) {
        await saved(item, res.body);
        return 'sent';
      }
      const error = errorOf(res);
      if (res.status === 401) {
        emit({ online: true, signedOut: true, sending: false });
        return 'stop';
      }
      if (res.status === 408 || res.status === 429 || res.status >= 500) {
        await troubled(item, error, { online: true });
        return 'stop';
      }
      // The server refused "when it happened" (in the future): the device clock is off by more than
      // the offset used. This answer's Date header has taught the real offset: send again with it.
      const field = item.happenedAt;
      if (
        !retimed &&
        field !== undefined &&
        error.fields?.some((f) => f.field === field) &&
        offset !== undefined &&
        (target.usedOffset === undefined || Math.abs(offset - target.usedOffset) > 5_000)
      ) {
        retimed = true;
        target = await prepare(item, offset);
        continue;
      }
      await update(item, { state: 'failed', error, attempts: item.attempts + 1 });
      emit({ online: true });
      await changed();
      return holdsScope(error) ? 'held' : 'next';
    }
  }

  async function saved(item: QueueItem, body: unknown) {
    const id = item.createsId ? (body as { id?: unknown } | null)?.id : undefined;
    await transact([ITEMS, META], 'readwrite', async (tx) => {
      if (typeof id === 'string') await request(tx.objectStore(META).put(id, `id:${item.id}`));
      await request(tx.objectStore(ITEMS).delete(item.seq));
    });
    level = 0;
    emit({ online: true, lastSavedAt: now(), lastError: undefined });
    await changed();
    for (const l of savedListeners) l(item, body);
  }

  async function troubled(item: QueueItem, error: QueueError, change: Partial<typeof flags>) {
    await update(item, { attempts: item.attempts + 1, error });
    level++;
    emit({ ...change, lastError: error, sending: false });
    schedule();
    await changed();
  }

  async function enqueue(change: Change): Promise<QueueItem> {
    if (closed) throw new Error('The sync queue was closed.');
    const bodyId = (change.body as { clientId?: unknown } | null | undefined)?.clientId;
    if (change.id && typeof bodyId === 'string' && bodyId !== change.id)
      throw new ApiError(400, 'validation_failed', 'The change’s id and its body’s clientId differ.', [
        { field: 'clientId', message: 'differs from the id' },
      ]);
    const id = change.id ?? (typeof bodyId === 'string' ? bodyId : newClientId('q'));
    validate(change, id);
    const item: Omit<QueueItem, 'seq'> = {
      id,
      scope: change.scope,
      method: change.method ?? 'POST',
      path: change.path,
      ...(change.body === undefined ? {} : { body: change.body }),
      createdAt: now(),
      attempts: 0,
      state: 'waiting',
      ...(change.label ? { label: change.label } : {}),
      ...(change.show ? { show: change.show } : {}),
      ...(change.happenedAt ? { happenedAt: change.happenedAt } : {}),
      ...(change.createsId ? { createsId: true } : {}),
      ...(offset === undefined ? {} : { clockOffset: offset }),
    };
    const stored = await transact(
      [ITEMS],
      'readwrite',
      async (tx) => {
        const existing = await byId(tx, id);
        if (existing) return existing;
        const seq = await request(tx.objectStore(ITEMS).add(item));
        return { ...item, seq: Number(seq) } as QueueItem;
      },
      'strict',
    );
    await changed();
    void kick(false);
    return stored;
  }

  async function retry(id: string): Promise<void> {
    await transact([ITEMS], 'readwrite', async (tx) => {
      const item = await byId(tx, id);
      if (item?.state !== 'failed') return;
      const { error: _, ...rest } = item;
      await request(tx.objectStore(ITEMS).put({ ...rest, state: 'waiting' }));
    });
    await changed();
    await kick(true);
  }

  async function discard(id: string): Promise<void> {
    if (inFlight === id) throw new Error('This change is being sent right now; wait for the answer before discarding it.');
    await transact([ITEMS], 'readwrite', async (tx) => {
      const item = await byId(tx, id);
      if (item) await request(tx.objectStore(ITEMS).delete(item.seq));
    });
    await changed();
    void kick(false);
  }

  const onOnline = () => {
    emit({ online: true });
    void kick(true);
  };
  const onOffline = () => emit({ online: false });
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') void kick(true);
  };
  win?.addEventListener('online', onOnline);
  win?.addEventListener('offline', onOffline);
  doc?.addEventListener('visibilitychange', onVisibility);
  if (channel) channel.onmessage = () => void refresh();

  const ready = (async () => {
    try {
      const stored = await transact([META], 'readonly', (tx) => request(tx.objectStore(META).get(CLOCK_KEY) as IDBRequest<unknown>));
      if (typeof stored === 'number' && offset === undefined) offset = stored;
    } catch {
      // Reported by refresh below.
    }
    await refresh();
    void kick(false);
  })();

  return {
    ready,
    enqueue,
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSaved(listener) {
      savedListeners.add(listener);
      return () => savedListeners.delete(listener);
    },
    async list() {
      return readAll();
    },
    retry,
    discard,
    tryNow: () => kick(true),
    serverId: (clientId) =>
      transact([META], 'readonly', (tx) => request(tx.objectStore(META).get(`id:${clientId}`) as IDBRequest<string | undefined>)),
    idle: () => draining ?? Promise.resolve(),
    close() {
      closed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      win?.removeEventListener('online', onOnline);
      win?.removeEventListener('offline', onOffline);
      doc?.removeEventListener('visibilitychange', onVisibility);
      channel?.close();
      listeners.clear();
      savedListeners.clear();
      dbPromise?.then((db) => db.close()).catch(() => undefined);
    },
  };
}

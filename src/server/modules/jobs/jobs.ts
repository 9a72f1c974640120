import { type Kysely, sql, type Updateable } from 'kysely';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';

/** A claimed job, as its handler sees it. */
export interface Job {
  retailerId: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  /** 1 on the first try. */
  attempt: number;
  /** No further try follows if this one fails. */
  lastTry: boolean;
}

export type JobHandler = (deps: Deps, job: Job) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** Thrown by a handler when trying again cannot help (a refused address): the job fails at once. */
export class PermanentJobError extends Error {}

/** How long a claim lasts: a job whose runner died is taken up again after it. */
const LEASE_MS = 5 * 60_000;

/** Queues a job, inside the caller's transaction when given one, so it exists only if that commits. */
export async function enqueueJob(
  db: Kysely<DB>,
  input: { retailerId: string; kind: string; payload: Record<string, unknown>; runAt?: Date | undefined; maxAttempts?: number },
): Promise<string> {
  const id = newId('job');
  await db
    .insertInto('jobs')
    .values({
      retailer_id: input.retailerId,
      id,
      kind: input.kind,
      payload: JSON.stringify(input.payload),
      // Set here rather than by the database, so it compares with runners' clocks to the millisecond.
      run_at: input.runAt ?? new Date(),
      ...(input.maxAttempts ? { max_attempts: input.maxAttempts } : {}),
    })
    .execute();
  return id;
}

/** The wait before try `attempt + 1`: 30 s, 1 min, 2 min … at most an hour, give or take a fifth. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Claims up to `limit` due jobs of the given kinds — queued ones whose time has come, and running
 * ones whose lease ran out — skipping rows another runner holds, so no job runs twice at once.
 */
async function claim(deps: Deps, kinds: string[], limit: number) {
  const now = deps.now();
  const { rows } = await sql<{
    retailer_id: string;
    id: string;
    kind: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>`
    update jobs j
    set status = 'running', attempts = j.attempts + 1, locked_until = ${new Date(now.getTime() + LEASE_MS)}
    from (
      select retailer_id, id from jobs
      where ((status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until <= ${now}))
        and kind = any(${kinds}::text[])
      order by run_at, id
      limit ${limit}
      for update skip locked
    ) due
    where j.retailer_id = due.retailer_id and j.id = due.id
    returning j.retailer_id, j.id, j.kind, j.payload, j.attempts, j.max_attempts`.execute(deps.db);
  return rows;
}

/**
 * Runs the jobs that are due, once each, of the kinds `handlers` handle (others are left for a
 * runner that does): a success is done; a failure is tried again after a growing wait until its
 * attempts are used up, then failed with the error kept.
 */
export async function runDueJobs(deps: Deps, handlers: JobHandlers, opts: { limit?: number } = {}) {
  const claimed = await claim(deps, Object.keys(handlers), opts.limit ?? 20);
  const outcome = { claimed: claimed.length, done: 0, retried: 0, failed: 0 };
  for (const row of claimed) {
    const finish = (values: Updateable<DB['jobs']>) =>
      deps.db.updateTable('jobs').set(values).where('retailer_id', '=', row.retailer_id).where('id', '=', row.id).execute();
    try {
      const handler = handlers[row.kind];
      if (!handler) throw new PermanentJobError(`No handler for jobs of kind "${row.kind}".`);
      await handler(deps, {
        retailerId: row.retailer_id,
        id: row.id,
        kind: row.kind,
        payload: row.payload,
        attempt: row.attempts,
        lastTry: row.attempts >= row.max_attempts,
      });
      await finish({ status: 'done', finished_at: deps.now(), locked_until: null, last_error: null });
      outcome.done++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = err instanceof PermanentJobError || row.attempts >= row.max_attempts;
      await finish(
        final
          ? { status: 'failed', finished_at: deps.now(), locked_until: null, last_error: message }
          : {
              status: 'queued',
              run_at: new Date(deps.now().getTime() + retryDelayMs(row.attempts)),
              locked_until: null,
              last_error: message,
            },
      );
      if (final) outcome.failed++;
      else outcome.retried++;
    }
  }
  return outcome;
}

/**
 * Runs due jobs every `intervalMs` (at once again when a batch was full) until stopped; a runner
 * per server is safe, since claims skip what another holds.
 */
export function startJobRunner(deps: Deps, handlers: JobHandlers, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      let full = true;
      while (full && !stopped) {
        try {
          const { claimed } = await runDueJobs(deps, handlers);
          full = claimed === 20;
        } catch (err) {
          opts.onError?.(err);
          full = false;
        }
      }
      if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 2000);
    })();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

import { type Insertable, sql } from 'kysely';
import {
  MiningLimitError,
  type MiningProgress,
  type MiningResult,
  type MiningThresholds,
  mineSteps,
  type PairingFacts,
  thresholdProblems,
} from '../../../shared/domain/association-rules.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { countryCode, NON_PRODUCT_CODES } from '../imports/import-sales.ts';
import { enqueueJob, type JobHandlers, PermanentJobError } from '../jobs/jobs.ts';
import { storeIn } from '../stock/stock.service.ts';
import { basketBatch, countBaskets, currentRuns, insertRules, rulesFrom, type Selection, selectionKey, topRules } from './rules.repo.ts';

/** Thresholds when the caller gives none: 1% of baskets, any confidence, at least as likely as chance. */
export const DEFAULT_THRESHOLDS: MiningThresholds = { minSupport: 0.01, minConfidence: 0, minLift: 1 };

/** Sales read per batch: each batch is a few short statements, so the server answers between them. */
const BATCH_SALES = 250;
/** Rules written per COPY. */
const BATCH_RULES = 5000;
/** Mining gives way to other work at least this often (ms). */
const SLICE_MS = 20;

export interface RulesProgress {
  phase: 'reading' | 'itemsets' | 'rules' | 'saving';
  done: number;
  of: number;
}

export interface RulesInput {
  /** An ISO 3166 code or an English country name ("France"). */
  country?: string | null | undefined;
  storeId?: string | null | undefined;
  minSupport?: number | undefined;
  minConfidence?: number | undefined;
  minLift?: number | undefined;
}

/** A finished run: what it read and found. */
export interface RulesRun {
  id: string;
  selection: Selection;
  thresholds: MiningThresholds;
  salesTotal: number;
  baskets: number;
  items: number;
  itemsets: number;
  rules: number;
  seconds: number;
}

/** The country a selection names, as an ISO code; a clear error when there is no such country. */
function selectionCountry(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const code = /^[A-Za-z]{2}$/.test(value.trim()) ? value.trim().toUpperCase() : countryCode(value);
  if (!code) throw invalidField('country', `There is no country "${value}"; give its name in English or its two-letter code.`);
  return code;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The selection and thresholds a request names, checked: a clear error for a country, store or threshold that cannot be. */
async function checkedInput(db: Deps['db'], retailerId: string, input: RulesInput) {
  const thresholds: MiningThresholds = {
    minSupport: input.minSupport ?? DEFAULT_THRESHOLDS.minSupport,
    minConfidence: input.minConfidence ?? DEFAULT_THRESHOLDS.minConfidence,
    minLift: input.minLift ?? DEFAULT_THRESHOLDS.minLift,
  };
  const problems = thresholdProblems(thresholds);
  if (problems.length)
    throw new AppError('validation_failed', `${problems[0]?.field} ${problems[0]?.message}.`, {
      fields: problems.map((p) => ({ field: p.field, message: p.message })),
    });
  const selection: Selection = { country: selectionCountry(input.country), storeId: input.storeId || null };
  if (selection.storeId) {
    const store = await db
      .selectFrom('stores')
      .select('id')
      .where('retailer_id', '=', retailerId)
      .where('id', '=', selection.storeId)
      .executeTakeFirst();
    if (!store) throw invalidField('storeId', 'There is no such store.');
  }
  return { selection, thresholds };
}

/** A new run's row, asked for by the audit's actor. */
function runRow(
  audit: AuditContext,
  id: string,
  { selection, thresholds }: { selection: Selection; thresholds: MiningThresholds },
  status: 'queued' | 'running',
  at: Date,
): Insertable<DB['rule_runs']> {
  return {
    retailer_id: audit.retailerId,
    id,
    selection: selectionKey(selection),
    country: selection.country,
    store_id: selection.storeId,
    min_support: thresholds.minSupport,
    min_confidence: thresholds.minConfidence,
    min_lift: thresholds.minLift,
    status,
    started_by: audit.actorId,
    started_at: at,
  };
}

/** Progress is written to the run's row at most this often (ms), for the screen that follows it. */
const PROGRESS_MS = 500;

/**
 * Learns "goes well with" rules for a retailer from the baskets of a selection (a country, a
 * store, or all sales): reads the baskets in batches in sale id order, mines frequent itemsets and
 * rules, stores them, and makes the run the selection's current one — only once it has succeeded.
 * A selection with no sales is a finished run of 0 baskets. Progress is reported as it goes, and
 * kept on the run's row. With `runId`, it is that queued run (`queueRules`) that runs.
 */
export async function computeRules(
  deps: Pick<Deps, 'db' | 'now'>,
  audit: AuditContext,
  input: RulesInput,
  opts: { onProgress?: (p: RulesProgress) => void; batchSales?: number; runId?: string } = {},
): Promise<RulesRun> {
  const db = deps.db;
  const retailerId = audit.retailerId;
  const { selection, thresholds } = await checkedInput(db, retailerId, input);
  const key = selectionKey(selection);
  const started = deps.now();
  const clock = performance.now();
  const id = opts.runId ?? newId('ruleRun');
  // A run of the same selection left running by a process that was stopped will never finish.
  await db
    .updateTable('rule_runs')
    .set({ status: 'failed', error: 'interrupted: a later run of the same selection started', finished_at: started, progress: null })
    .where('retailer_id', '=', retailerId)
    .where('selection', '=', key)
    .where('status', '=', 'running')
    .where('id', '!=', id)
    .execute();
  if (opts.runId)
    await db
      .updateTable('rule_runs')
      .set({ status: 'running', started_at: started, finished_at: null, error: null, progress: null })
      .where('retailer_id', '=', retailerId)
      .where('id', '=', id)
      .execute();
  else
    await db
      .insertInto('rule_runs')
      .values(runRow(audit, id, { selection, thresholds }, 'running', started))
      .execute();
  let latest: RulesProgress | null = null;
  let written = performance.now();
  const progress = (p: RulesProgress) => {
    latest = p;
    opts.onProgress?.(p);
  };
  // Gives way to other work, and keeps the row's progress fresh for whoever follows the run.
  const pause = async () => {
    await yieldToOthers();
    if (latest && performance.now() - written >= PROGRESS_MS) {
      written = performance.now();
      await db
        .updateTable('rule_runs')
        .set({ progress: JSON.stringify(latest) })
        .where('retailer_id', '=', retailerId)
        .where('id', '=', id)
        .execute();
    }
  };
  try {
    const salesTotal = await countBaskets(db, retailerId, selection);
    await db.updateTable('rule_runs').set({ sales_total: salesTotal }).where('retailer_id', '=', retailerId).where('id', '=', id).execute();
    progress({ phase: 'reading', done: 0, of: salesTotal });
    const variants = new Map<string, { productId: string; sku: string | null }>();
    const baskets: string[][] = [];
    let total = 0;
    for (let after: string | null = null; ; ) {
      const batch = await basketBatch(db, retailerId, selection, NON_PRODUCT_CODES, after, opts.batchSales ?? BATCH_SALES, variants);
      if (!batch.last) break;
      total += batch.baskets.size;
      for (const items of batch.baskets.values()) if (items.length) baskets.push(items);
      after = batch.last;
      progress({ phase: 'reading', done: total, of: Math.max(salesTotal, total) });
      // The embedded database answers without I/O, so a chain of batches would never let a
      // waiting request in; each batch gives way once.
      await pause();
    }
    const steps = mineSteps(baskets, total, thresholds);
    let result: MiningResult;
    let slice = performance.now();
    for (;;) {
      const step: IteratorResult<MiningProgress, MiningResult> = steps.next();
      if (step.done) {
        result = step.value;
        break;
      }
      progress(step.value);
      if (performance.now() - slice >= SLICE_MS) {
        await pause();
        slice = performance.now();
      }
    }
    for (let from = 0; from < result.rules.length; from += BATCH_RULES) {
      await insertRules(db, retailerId, id, result.rules.slice(from, from + BATCH_RULES), from);
      progress({ phase: 'saving', done: Math.min(from + BATCH_RULES, result.rules.length), of: result.rules.length });
      await pause();
    }
    const finished = deps.now();
    await db.transaction().execute(async (trx) => {
      const replaced = await trx
        .updateTable('rule_runs')
        .set({ is_current: false })
        .where('retailer_id', '=', retailerId)
        .where('selection', '=', key)
        .where('is_current', '=', true)
        .returning('id')
        .execute();
      // The rules a replaced run stored are not read again; its run row stays as a record.
      if (replaced.length)
        await trx
          .deleteFrom('association_rules')
          .where('retailer_id', '=', retailerId)
          .where(
            'run_id',
            'in',
            replaced.map((r) => r.id),
          )
          .execute();
      await trx
        .updateTable('rule_runs')
        .set({
          status: 'succeeded',
          is_current: true,
          baskets: result.baskets,
          items: result.items,
          itemsets: result.itemsets.length,
          rules: result.rules.length,
          finished_at: finished,
          progress: null,
        })
        .where('retailer_id', '=', retailerId)
        .where('id', '=', id)
        .execute();
    });
    await recordAudit(db, audit, {
      action: 'rules.computed',
      subjectType: 'rule_run',
      subjectId: id,
      storeId: selection.storeId,
      details: { selection: key, ...thresholds, baskets: result.baskets, itemsets: result.itemsets.length, rules: result.rules.length },
    });
    return {
      id,
      selection,
      thresholds,
      salesTotal,
      baskets: result.baskets,
      items: result.items,
      itemsets: result.itemsets.length,
      rules: result.rules.length,
      seconds: (performance.now() - clock) / 1000,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.deleteFrom('association_rules').where('retailer_id', '=', retailerId).where('run_id', '=', id).execute();
    await db
      .updateTable('rule_runs')
      .set({ status: 'failed', error: message.slice(0, 1000), finished_at: deps.now(), progress: null })
      .where('retailer_id', '=', retailerId)
      .where('id', '=', id)
      .execute();
    if (err instanceof MiningLimitError) throw invalidField('minSupport', err.message);
    throw err;
  }
}

/** The kind of job that runs a queued run. */
export const RULES_JOB = 'rules.compute';

/**
 * Asks the server to learn pairings for a selection: a queued run that the job runner takes up
 * (`rulesHandlers`), so the shop need not stop Ones to run `ones rules` on its embedded database.
 * Asking again while a run of the same selection waits gives that run.
 */
export async function queueRules(deps: Pick<Deps, 'db' | 'now'>, audit: AuditContext, input: RulesInput) {
  const retailerId = audit.retailerId;
  const { selection, thresholds } = await checkedInput(deps.db, retailerId, input);
  const key = selectionKey(selection);
  return deps.db.transaction().execute(async (trx) => {
    const id = newId('ruleRun');
    const inserted = await trx
      .insertInto('rule_runs')
      .values(runRow(audit, id, { selection, thresholds }, 'queued', deps.now()))
      .onConflict((oc) => oc.columns(['retailer_id', 'selection']).where('status', '=', 'queued').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const waiting = await trx
        .selectFrom('rule_runs')
        .select('id')
        .where('retailer_id', '=', retailerId)
        .where('selection', '=', key)
        .where('status', '=', 'queued')
        .executeTakeFirstOrThrow();
      return { runId: waiting.id, queued: false };
    }
    await enqueueJob(trx, { retailerId, kind: RULES_JOB, payload: { runId: id }, maxAttempts: 2 });
    await recordAudit(trx, audit, {
      action: 'rules.queued',
      subjectType: 'rule_run',
      subjectId: id,
      storeId: selection.storeId,
      details: { selection: key, ...thresholds },
    });
    return { runId: id, queued: true };
  });
}

/** The job runner's handler for queued runs: the run is learned as the person who asked for it. */
export const rulesHandlers: JobHandlers = {
  [RULES_JOB]: async (deps, job) => {
    const run = await deps.db
      .selectFrom('rule_runs')
      .selectAll()
      .where('retailer_id', '=', job.retailerId)
      .where('id', '=', String(job.payload.runId))
      .executeTakeFirst();
    if (!run) throw new PermanentJobError(`There is no rules run ${String(job.payload.runId)}.`);
    // Finished already, by a try whose end was not recorded.
    if (run.status === 'succeeded') return;
    const audit: AuditContext = {
      retailerId: job.retailerId,
      actorType: run.started_by ? 'staff' : 'system',
      actorId: run.started_by,
      requestId: null,
      ip: null,
    };
    const input = {
      country: run.country,
      storeId: run.store_id,
      minSupport: run.min_support,
      minConfidence: run.min_confidence,
      minLift: run.min_lift,
    };
    try {
      await computeRules(deps, audit, input, { runId: run.id });
    } catch (err) {
      // A selection that cannot be (a store since removed) fails at once; anything else is tried again.
      if (err instanceof AppError) throw new PermanentJobError(err.message);
      throw err;
    }
  },
};

/** A retailer's latest runs, newest first, with who asked, the store, and for each current run its best pairings. */
export async function recentRuns(deps: Pick<Deps, 'db'>, retailerId: string, limit = 20) {
  const runs = await deps.db
    .selectFrom('rule_runs as r')
    .leftJoin('stores as s', (j) => j.onRef('s.retailer_id', '=', 'r.retailer_id').onRef('s.id', '=', 'r.store_id'))
    .leftJoin('staff as p', (j) => j.onRef('p.retailer_id', '=', 'r.retailer_id').onRef('p.id', '=', 'r.started_by'))
    .select([
      'r.id',
      'r.country',
      'r.store_id',
      's.name as store_name',
      'r.status',
      'r.is_current',
      'r.sales_total',
      'r.baskets',
      'r.rules',
      'r.progress',
      'r.error',
      'r.started_at',
      'r.finished_at',
      'p.name as started_by_name',
    ])
    .where('r.retailer_id', '=', retailerId)
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return Promise.all(runs.map(async (r) => ({ ...r, best: r.is_current ? await topRules(deps.db, retailerId, r.id, 5) : [] })));
}

/** A run's best rules by lift, each side as products with stock code and title. */
export async function bestRules(deps: Pick<Deps, 'db'>, retailerId: string, runId: string, limit = 10) {
  return topRules(deps.db, retailerId, runId, limit);
}

/** Words for why two things go together. */
export function pairingReason(p: { paired: boolean; confidence: number | null }): string {
  const words: string[] = [];
  if (p.paired) words.push('we pair them');
  if (p.confidence !== null) {
    const percent = Math.round(p.confidence * 100);
    words.push(`often bought together: in ${percent < 1 ? 'under 1' : percent}% of baskets with it`);
  }
  return words.join('; ');
}

export interface Pairing extends PairingFacts {
  productIds: string[];
}

/**
 * What goes well with a product: up to `limit` rules of the retailer's current run whose
 * antecedent is the product alone, best lift first, then every explicit pairing of the catalog
 * not already among them — each with its reason.
 * Rules come from the narrowest selection asked for that has a current run, else from all sales.
 */
export async function goesWellWith(
  deps: Deps,
  actor: Principal,
  productId: string,
  query: { country?: string | undefined; storeId?: string | undefined; limit?: number | undefined },
) {
  const db = deps.db;
  const retailerId = actor.retailerId;
  const product = await db
    .selectFrom('products')
    .select(['id', 'title'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product) throw notFound('Product');
  const country = selectionCountry(query.country);
  const storeId = query.storeId ? (await storeIn(db, actor, query.storeId)).id : null;
  const keys = [
    ...new Set([
      selectionKey({ country, storeId }),
      selectionKey({ country: null, storeId }),
      selectionKey({ country, storeId: null }),
      selectionKey({ country: null, storeId: null }),
    ]),
  ];
  const runs = await currentRuns(db, retailerId, keys);
  const run = keys.map((k) => runs.find((r) => r.selection === k)).find(Boolean) ?? null;
  const limit = query.limit ?? 10;
  // A few more than asked, for rules naming products since retired or removed.
  const rules = run ? await rulesFrom(db, retailerId, run.id, productId, limit + 20) : [];
  const { rows: paired } = await sql<{ id: string }>`
    select paired_id as id from product_pairings where retailer_id = ${retailerId} and product_id = ${productId}
    union
    select product_id from product_pairings where retailer_id = ${retailerId} and paired_id = ${productId}`.execute(db);
  const pairedIds = new Set(paired.map((p) => p.id));
  const ids = [...new Set([...rules.flatMap((r) => r.consequent), ...pairedIds])];
  const products = ids.length
    ? await db
        .selectFrom('products')
        .select(['id', 'title', 'status'])
        .where('retailer_id', '=', retailerId)
        .where('id', 'in', ids)
        .execute()
    : [];
  const variants = ids.length
    ? await db
        .selectFrom('variants')
        .select(['id', 'product_id', 'title', 'sku', 'price'])
        .where('retailer_id', '=', retailerId)
        .where('product_id', 'in', ids)
        .where('retired', '=', false)
        .orderBy('position')
        .orderBy('id')
        .execute()
    : [];
  const onSale = new Map(products.filter((p) => p.status !== 'retired').map((p) => [p.id, p]));
  const pairings: Pairing[] = [];
  const listed = new Set<string>();
  for (const r of rules) {
    if (pairings.length >= limit) break;
    if (!r.consequent.every((id) => onSale.has(id))) continue;
    const alone = r.consequent.length === 1 ? (r.consequent[0] as string) : null;
    const both = alone !== null && pairedIds.has(alone);
    if (alone) listed.add(alone);
    pairings.push({
      productIds: r.consequent,
      source: both ? 'both' : 'baskets',
      reason: pairingReason({ paired: both, confidence: r.confidence }),
      support: r.support,
      confidence: r.confidence,
      lift: r.lift,
      baskets: r.antecedent_count,
    });
  }
  const catalogOnly = [...pairedIds]
    .filter((id) => onSale.has(id) && !listed.has(id))
    .sort((a, b) => (onSale.get(a)?.title ?? '').localeCompare(onSale.get(b)?.title ?? '') || (a < b ? -1 : 1));
  for (const id of catalogOnly)
    pairings.push({
      productIds: [id],
      source: 'catalog',
      reason: pairingReason({ paired: true, confidence: null }),
      support: null,
      confidence: null,
      lift: null,
      baskets: null,
    });
  return { product, run, pairings, products: onSale, variants };
}

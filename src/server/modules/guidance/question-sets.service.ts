import type { Kysely } from 'kysely';
import type { VocabularyKind } from '../../../shared/customers.ts';
import { checkQuestionSet, type QuestionSetDefinition } from '../../../shared/domain/question-sets.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { categoryPaths } from '../catalog/catalog.service.ts';
import { insertFirstVersion, QUESTION_SETS, readVersion, saveNextVersion } from '../versions/versioned.ts';
import { listVocabulary } from '../vocabulary/vocabulary.repo.ts';

/** The retailer's vocabulary keys by kind, archived ones included (a set may still name them), and its colour families. */
async function vocabularyKeys(db: Kysely<DB>, retailerId: string) {
  const keys: Partial<Record<VocabularyKind, Set<string>>> = {};
  const families = new Set<string>();
  for (const t of await listVocabulary(db, retailerId, true)) {
    const kind = t.kind as VocabularyKind;
    const set = keys[kind] ?? new Set<string>();
    set.add(t.key);
    keys[kind] = set;
    if (t.family) families.add(t.family);
  }
  return { keys, families };
}

/** Refuses a set with mistakes, naming each by its path. */
async function checked(db: Kysely<DB>, retailerId: string, definition: QuestionSetDefinition) {
  const { keys, families } = await vocabularyKeys(db, retailerId);
  const problems = checkQuestionSet(definition, keys, families);
  const paths = new Set([...(await categoryPaths(db, retailerId)).values()].map((c) => c.path.join('/')));
  for (const [i, path] of (definition.categories ?? []).entries())
    if (!paths.has(path)) problems.push({ path: `categories[${i}]`, message: `there is no category "${path}"` });
  if (problems.length)
    throw new AppError(
      'validation_failed',
      `The question set has ${problems.length === 1 ? 'a mistake' : `${problems.length} mistakes`}.`,
      {
        fields: problems.map((p) => ({ field: p.path, message: p.message })),
      },
    );
}

/** Writes a new set at version 1 (checked already); the demo loads its sets through this too. */
export async function insertQuestionSet(db: Kysely<DB>, retailerId: string, definition: QuestionSetDefinition, createdBy: string | null) {
  const id = newId('questionSet');
  await db.insertInto('question_sets').values({ retailer_id: retailerId, id, name: definition.name }).execute();
  await insertFirstVersion(db, QUESTION_SETS, retailerId, id, definition, createdBy);
  return id;
}

export async function createQuestionSet(deps: Pick<Deps, 'db'>, audit: AuditContext, definition: QuestionSetDefinition) {
  await checked(deps.db, audit.retailerId, definition);
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertQuestionSet(trx, audit.retailerId, definition, audit.actorId);
    await recordAudit(trx, audit, {
      action: 'question-set.created',
      subjectType: 'question_set',
      subjectId: id,
      details: { name: definition.name },
    });
    return id;
  });
}

/**
 * Saves a new version of a set edited from `version`; a set changed by someone else since is
 * refused (409), never overwritten. Sessions under way keep the version they started with.
 */
export async function updateQuestionSet(
  deps: Pick<Deps, 'db' | 'now'>,
  audit: AuditContext,
  id: string,
  version: number,
  change: { definition: QuestionSetDefinition; active?: boolean | undefined },
) {
  await checked(deps.db, audit.retailerId, change.definition);
  await deps.db.transaction().execute(async (trx) => {
    await saveNextVersion(trx, QUESTION_SETS, {
      retailerId: audit.retailerId,
      id,
      version,
      definition: change.definition,
      by: audit.actorId,
      now: deps.now(),
      head: { name: change.definition.name, ...(change.active === undefined ? {} : { active: change.active }) },
    });
    await recordAudit(trx, audit, {
      action: 'question-set.changed',
      subjectType: 'question_set',
      subjectId: id,
      details: { version: version + 1 },
    });
  });
}

/** One version of a set (the current one by default). */
export async function getQuestionSet(db: Kysely<DB>, retailerId: string, id: string, version?: number) {
  const row = await readVersion<{ id: string; name: string; active: boolean; updated_at: Date }, QuestionSetDefinition>(
    db,
    QUESTION_SETS,
    retailerId,
    id,
    version,
  );
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    version: row.version,
    currentVersion: row.current_version,
    definition: row.definition,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The retailer's sets, active ones first, by name. */
export async function listQuestionSets(db: Kysely<DB>, retailerId: string) {
  const rows = await db
    .selectFrom('question_sets as s')
    .innerJoin('question_set_versions as v', (j) =>
      j.onRef('v.retailer_id', '=', 's.retailer_id').onRef('v.set_id', '=', 's.id').onRef('v.version', '=', 's.current_version'),
    )
    .select(['s.id', 's.name', 's.active', 's.current_version', 's.updated_at', 'v.definition'])
    .where('s.retailer_id', '=', retailerId)
    .orderBy('s.active', 'desc')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    purpose: r.definition.purpose,
    active: r.active,
    version: r.current_version,
    questions: r.definition.questions.length,
    updatedAt: r.updated_at.toISOString(),
  }));
}

import { type Kysely, type Selectable, sql } from 'kysely';
import type { Static } from 'typebox';
import type { AttributeKey } from '../../../shared/catalog.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CreateAttributeKeyBody, UpdateAttributeKeyBody } from './catalog.schemas.ts';

type AttributeKeyRow = Selectable<DB['product_attribute_keys']>;

/** A declared attribute as it leaves the server. */
export function presentAttributeKey(row: AttributeKeyRow): AttributeKey {
  return { key: row.key, label: row.label, valueType: row.value_type, vocabularyKind: row.vocabulary_kind, help: row.help };
}

/** The retailer's own product attributes, by label. */
export async function listAttributeKeys(db: Kysely<DB>, retailerId: string): Promise<AttributeKeyRow[]> {
  return db
    .selectFrom('product_attribute_keys')
    .select(['retailer_id', 'key', 'label', 'value_type', 'vocabulary_kind', 'help', 'created_at'])
    .where('retailer_id', '=', retailerId)
    .orderBy('label')
    .orderBy('key')
    .execute();
}

async function findAttributeKey(db: Kysely<DB>, retailerId: string, key: string) {
  return db
    .selectFrom('product_attribute_keys')
    .select(['retailer_id', 'key', 'label', 'value_type', 'vocabulary_kind', 'help', 'created_at'])
    .where('retailer_id', '=', retailerId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** A vocabulary list names its vocabulary; the other kinds of value name none. */
function checkKind(valueType: AttributeKeyRow['value_type'], vocabularyKind: AttributeKeyRow['vocabulary_kind']) {
  if (valueType === 'vocabulary' && !vocabularyKind)
    throw invalidField('vocabularyKind', 'Choose which vocabulary the list takes its words from.');
  if (valueType !== 'vocabulary' && vocabularyKind)
    throw invalidField('vocabularyKind', 'Only a vocabulary list takes words from a vocabulary.');
}

/** Whether any product or variant gives the attribute a value. */
async function attributeInUse(db: Kysely<DB>, retailerId: string, key: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    select exists (select 1 from products where retailer_id = ${retailerId} and attributes -> 'custom' ? ${key})
        or exists (select 1 from variants where retailer_id = ${retailerId} and attributes -> 'custom' ? ${key}) as used`.execute(db);
  return rows[0]?.used === true;
}

/** Declares a product attribute; a key already declared is a conflict. */
export async function createAttributeKey(deps: Deps, actor: Principal, audit: AuditContext, input: Static<typeof CreateAttributeKeyBody>) {
  const vocabularyKind = input.vocabularyKind ?? null;
  checkKind(input.valueType, vocabularyKind);
  if (await findAttributeKey(deps.db, actor.retailerId, input.key))
    throw new AppError('conflict', `There is already an attribute with the key ${input.key}.`, {
      fields: [{ field: 'key', message: 'is already declared' }],
    });
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('product_attribute_keys')
      .values({
        retailer_id: actor.retailerId,
        key: input.key,
        label: input.label.trim(),
        value_type: input.valueType,
        vocabulary_kind: vocabularyKind,
        help: input.help?.trim() ?? '',
      })
      .execute();
    await recordAudit(trx, audit, {
      action: 'product_attribute.created',
      subjectType: 'product_attribute',
      subjectId: input.key,
      details: { label: input.label, valueType: input.valueType },
    });
  });
  return presentAttributeKey((await findAttributeKey(deps.db, actor.retailerId, input.key)) as AttributeKeyRow);
}

/**
 * Renames an attribute or changes its help; its kind of value changes only while no product gives
 * it one, since values already saved would no longer fit.
 */
export async function updateAttributeKey(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  key: string,
  input: Static<typeof UpdateAttributeKeyBody>,
) {
  const current = await findAttributeKey(deps.db, actor.retailerId, key);
  if (!current) throw notFound('Attribute');
  const valueType = input.valueType ?? current.value_type;
  const vocabularyKind =
    input.vocabularyKind !== undefined
      ? input.vocabularyKind
      : input.valueType && input.valueType !== 'vocabulary'
        ? null
        : current.vocabulary_kind;
  checkKind(valueType, vocabularyKind);
  if (
    (valueType !== current.value_type || vocabularyKind !== current.vocabulary_kind) &&
    (await attributeInUse(deps.db, actor.retailerId, key))
  )
    throw new AppError('conflict', `Products already have a value for ${current.label}, so its kind of value cannot change.`, {
      fields: [{ field: 'valueType', message: 'is in use by products' }],
    });
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('product_attribute_keys')
      .set({
        ...(input.label !== undefined ? { label: input.label.trim() } : {}),
        ...(input.help !== undefined ? { help: input.help.trim() } : {}),
        value_type: valueType,
        vocabulary_kind: vocabularyKind,
      })
      .where('retailer_id', '=', actor.retailerId)
      .where('key', '=', key)
      .execute();
    await recordAudit(trx, audit, {
      action: 'product_attribute.updated',
      subjectType: 'product_attribute',
      subjectId: key,
      details: { fields: Object.keys(input) },
    });
  });
  return presentAttributeKey((await findAttributeKey(deps.db, actor.retailerId, key)) as AttributeKeyRow);
}

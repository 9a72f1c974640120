import type { Kysely } from 'kysely';
import {
  CHROMATIC_FAMILIES,
  type ChromaticFamily,
  DEFAULT_HARMONY_PAIRS,
  normaliseHarmony,
  sameHarmony,
} from '../../../shared/domain/recommend.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';

const word = (p: readonly [string, string]) => `${p[0]}–${p[1]}`;

/** The colour families a shop says go together: its own pairs, or the default. */
export async function getHarmony(db: Kysely<DB>, retailerId: string): Promise<{ pairs: [string, string][]; custom: boolean }> {
  const row = await db.selectFrom('retailers').select('colour_harmony').where('id', '=', retailerId).executeTakeFirstOrThrow();
  return { pairs: normaliseHarmony(row.colour_harmony ?? DEFAULT_HARMONY_PAIRS), custom: row.colour_harmony !== null };
}

/**
 * Saves which chromatic families go together (the neutrals go with all). With `replaces` (the
 * pairs the screen showed), a change made elsewhere since is refused (409, with the pairs standing).
 * The default's own pairs are stored as the default, so later improvements to it reach the shop.
 */
export async function saveHarmony(
  deps: Pick<Deps, 'db'>,
  audit: AuditContext,
  input: { pairs: [string, string][]; replaces?: [string, string][] | undefined },
): Promise<{ pairs: [string, string][]; custom: boolean }> {
  input.pairs.forEach(([a, b], i) => {
    for (const f of [a, b])
      if (!CHROMATIC_FAMILIES.includes(f as ChromaticFamily))
        throw invalidField(`pairs.${i}`, `“${f}” is not a colour family that pairs can be chosen for: ${CHROMATIC_FAMILIES.join(', ')}.`);
    if (a === b) throw invalidField(`pairs.${i}`, `A family goes with itself already; “${a}–${b}” is not a pair.`);
  });
  const pairs = normaliseHarmony(input.pairs);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('retailers')
      .select('colour_harmony')
      .where('id', '=', audit.retailerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const current = normaliseHarmony(row.colour_harmony ?? DEFAULT_HARMONY_PAIRS);
    if (input.replaces !== undefined && !sameHarmony(input.replaces, current))
      throw new AppError(
        'conflict',
        'Someone changed which colours go together after this screen showed them. Look at their choice, and change it again if need be.',
        {
          details: { current: { pairs: current, custom: row.colour_harmony !== null } },
        },
      );
    const custom = !sameHarmony(pairs, DEFAULT_HARMONY_PAIRS);
    await trx
      .updateTable('retailers')
      .set({ colour_harmony: custom ? JSON.stringify(pairs) : null })
      .where('id', '=', audit.retailerId)
      .execute();
    const before = new Set(current.map(word));
    const after = new Set(pairs.map(word));
    await recordAudit(trx, audit, {
      action: 'vocabulary.harmony-changed',
      subjectType: 'retailer',
      subjectId: audit.retailerId,
      details: { added: [...after].filter((p) => !before.has(p)), removed: [...before].filter((p) => !after.has(p)), custom },
    });
    return { pairs, custom };
  });
}

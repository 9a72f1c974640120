import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { invalidField } from '../../http/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { encounterRow, happenedAt, staffOf, touch, visitClosed } from './encounters.service.ts';

/*
 * "Give space": the associate steps back and the customer decides in peace. Each space is kept
 * with when it began and ended, so the time given to decide is there for coaching. A visit has one
 * space at a time; closing the visit ends it.
 */

/** Whether this clientId gave space or ended it already in this visit; one of another visit is refused. */
async function spaceRecorded(db: Kysely<DB>, retailerId: string, clientId: string, encounterId: string) {
  const found = await db
    .selectFrom('encounter_space')
    .select('encounter_id')
    .where('retailer_id', '=', retailerId)
    .where((eb) => eb.or([eb('client_id', '=', clientId), eb('end_client_id', '=', clientId)]))
    .limit(1)
    .executeTakeFirst();
  if (found && found.encounter_id !== encounterId) throw invalidField('clientId', 'This clientId was already used in another visit.');
  return Boolean(found);
}

async function openSpace(db: Kysely<DB>, retailerId: string, encounterId: string) {
  return db
    .selectFrom('encounter_space')
    .select(['client_id', 'started_at'])
    .where('retailer_id', '=', retailerId)
    .where('encounter_id', '=', encounterId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The customer is given space, from `at` (the tablet's time, kept within the visit and after the
 * last space ended). Once per clientId; giving space while it is given already (another tablet) is
 * taken as the same space. Refused once the visit is closed.
 */
export async function startSpace(deps: Deps, actor: Principal, id: string, input: { clientId: string; at?: string | undefined }) {
  const row = await encounterRow(deps.db, actor, id);
  if (await spaceRecorded(deps.db, actor.retailerId, input.clientId, id)) return;
  if (row.status === 'closed') throw visitClosed(row.closed_at, 'the space given to the customer was not recorded');
  if (await openSpace(deps.db, actor.retailerId, id)) return;
  const latest = await deps.db
    .selectFrom('encounter_space')
    .select((eb) => eb.fn.max('ended_at').as('last'))
    .where('retailer_id', '=', actor.retailerId)
    .where('encounter_id', '=', id)
    .executeTakeFirst();
  const told = happenedAt(deps.now(), row, input.at);
  const last = latest?.last ? new Date(latest.last) : null;
  const at = last && last > told ? last : told;
  // The one-open-space index turns a second tablet's space, sent at the same moment, into nothing.
  await deps.db
    .insertInto('encounter_space')
    .values({ retailer_id: actor.retailerId, encounter_id: id, client_id: input.clientId, started_at: at, staff_id: staffOf(actor) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await touch(deps, actor.retailerId, id);
}

/**
 * The associate is back: the open space ends at `at` (the tablet's time, kept between the space's
 * start and now). Once per clientId; with no space open it does nothing. Refused once the visit is
 * closed (closing ended the space).
 */
export async function endSpace(deps: Deps, actor: Principal, id: string, input: { clientId: string; at?: string | undefined }) {
  const row = await encounterRow(deps.db, actor, id);
  if (await spaceRecorded(deps.db, actor.retailerId, input.clientId, id)) return;
  if (row.status === 'closed') throw visitClosed(row.closed_at, 'the end of the space given to the customer was not recorded');
  const open = await openSpace(deps.db, actor.retailerId, id);
  if (!open) return;
  const told = happenedAt(deps.now(), row, input.at);
  const started = new Date(open.started_at);
  await deps.db
    .updateTable('encounter_space')
    .set({ ended_at: told > started ? told : started, end_client_id: input.clientId })
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', '=', open.client_id)
    .where('ended_at', 'is', null)
    .execute();
  await touch(deps, actor.retailerId, id);
}

/** Closing a visit ends its open space at the close. */
export async function endSpaceAtClose(db: Kysely<DB>, retailerId: string, encounterId: string, at: Date) {
  await db
    .updateTable('encounter_space')
    .set({ ended_at: sql`greatest(started_at, ${at}::timestamptz)` })
    .where('retailer_id', '=', retailerId)
    .where('encounter_id', '=', encounterId)
    .where('ended_at', 'is', null)
    .execute();
}

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
  const { rows } = await sql<{ encounter_id: string }>`
    select encounter_id from encounter_space
    where retailer_id = ${retailerId} and (client_id = ${clientId} or end_client_id = ${clientId})
    limit 1`.execute(db);
  const found = rows[0];
  if (found && found.encounter_id !== encounterId) throw invalidField('clientId', 'This clientId was already used in another visit.');
  return Boolean(found);
}

async function openSpace(db: Kysely<DB>, retailerId: string, encounterId: string) {
  const { rows } = await sql<{ client_id: string; started_at: Date }>`
    select client_id, started_at from encounter_space
    where retailer_id = ${retailerId} and encounter_id = ${encounterId} and ended_at is null`.execute(db);
  return rows[0];
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
  const { rows } = await sql<{ last: Date | null }>`
    select max(ended_at) as last from encounter_space
    where retailer_id = ${actor.retailerId} and encounter_id = ${id}`.execute(deps.db);
  const told = happenedAt(deps.now(), row, input.at);
  const last = rows[0]?.last ? new Date(rows[0].last) : null;
  const at = last && last > told ? last : told;
  // The one-open-space index turns a second tablet's space, sent at the same moment, into nothing.
  await sql`
    insert into encounter_space (retailer_id, encounter_id, client_id, started_at, staff_id)
    values (${actor.retailerId}, ${id}, ${input.clientId}, ${at}, ${staffOf(actor)})
    on conflict do nothing`.execute(deps.db);
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
  await sql`
    update encounter_space set ended_at = ${told > started ? told : started}, end_client_id = ${input.clientId}
    where retailer_id = ${actor.retailerId} and client_id = ${open.client_id} and ended_at is null`.execute(deps.db);
  await touch(deps, actor.retailerId, id);
}

/** Closing a visit ends its open space at the close. */
export async function endSpaceAtClose(db: Kysely<DB>, retailerId: string, encounterId: string, at: Date) {
  await sql`
    update encounter_space set ended_at = greatest(started_at, ${at}::timestamptz)
    where retailer_id = ${retailerId} and encounter_id = ${encounterId} and ended_at is null`.execute(db);
}

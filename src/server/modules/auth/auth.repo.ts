import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/domain/roles.ts';
import { preparedStatement } from '../../db/client.ts';
import type { DB, LinkedStaff } from '../../db/types.ts';
import type { StoreRef } from './principal.ts';

export interface SessionRow {
  session_id: string;
  secret_hash: string;
  current_store_id: string | null;
  linked: LinkedStaff[];
  staff_id: string;
  name: string;
  email: string;
  role: Role;
  title: string | null;
  has_pin: boolean;
  retailer_id: string;
  retailer_name: string;
  slug: string;
  country: string;
  currency: string;
  locale: string;
  phone_region: string;
  device_id: string | null;
  device_name: string | null;
  device_store_id: string | null;
  stores: StoreRef[];
}

// Compiled once: this runs on every authenticated request.
const SESSION_SQL = preparedStatement('session_principal', 'select session_principal($1, $2) as p');

/**
 * Everything a request needs about its signed-in person, in one call of `session_principal`
 * (see migrations/0001): session, staff, retailer, device and stores. Sessions are never cached
 * in memory, so logout and deactivation take effect on every server at once.
 */
export async function findSession(db: Kysely<DB>, retailerId: string, sessionId: string): Promise<SessionRow | undefined> {
  const { rows } = await db.executeQuery<{ p: SessionRow | null }>(CompiledQuery.raw(SESSION_SQL, [retailerId, sessionId]));
  return rows[0]?.p ?? undefined;
}

export async function insertSession(
  db: Kysely<DB>,
  row: {
    retailer_id: string;
    id: string;
    secret_hash: string;
    staff_id: string;
    device_id: string | null;
    current_store_id: string | null;
    linked: LinkedStaff[];
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...row, linked: JSON.stringify(row.linked) })
    .execute();
}

export async function endSession(db: Kysely<DB>, retailerId: string, sessionId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: sql`now()` })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every open session of a person (deactivation, password change by someone else, reset). */
export async function endSessionsOfStaff(db: Kysely<DB>, retailerId: string, staffId: string, exceptSessionId?: string) {
  let q = db
    .updateTable('sessions')
    .set({ ended_at: sql`now()` })
    .where('retailer_id', '=', retailerId)
    .where('staff_id', '=', staffId)
    .where('ended_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

export async function setSessionStore(db: Kysely<DB>, retailerId: string, sessionId: string, storeId: string) {
  await db
    .updateTable('sessions')
    .set({ current_store_id: storeId })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', sessionId)
    .execute();
}

export interface LoginCandidate {
  retailer_id: string;
  retailer_name: string;
  id: string;
  password_hash: string | null;
}

/** Active staff records with this e-mail in any retailer: sign-in's one cross-tenant read. */
export async function findLoginCandidates(db: Kysely<DB>, email: string): Promise<LoginCandidate[]> {
  return db
    .selectFrom('staff')
    .innerJoin('retailers', 'retailers.id', 'staff.retailer_id')
    .select(['staff.retailer_id', 'retailers.name as retailer_name', 'staff.id', 'staff.password_hash'])
    .where('staff.email', '=', email)
    .where('staff.active', '=', true)
    .orderBy('retailers.name')
    .limit(10)
    .execute();
}

export async function findDevice(db: Kysely<DB>, retailerId: string, deviceId: string) {
  return db
    .selectFrom('devices')
    .innerJoin('stores', (j) => j.onRef('stores.retailer_id', '=', 'devices.retailer_id').onRef('stores.id', '=', 'devices.store_id'))
    .innerJoin('retailers', 'retailers.id', 'devices.retailer_id')
    .select([
      'devices.id',
      'devices.retailer_id',
      'devices.store_id',
      'devices.name',
      'devices.secret_hash',
      'stores.name as store_name',
      'retailers.name as retailer_name',
    ])
    .where('devices.retailer_id', '=', retailerId)
    .where('devices.id', '=', deviceId)
    .where('devices.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The people who may switch in on a store's device: active staff of that store, and the owners. */
export async function listDeviceStaff(db: Kysely<DB>, retailerId: string, storeId: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'role', 'title', sql<boolean>`pin_hash is not null`.as('has_pin')])
    .where('retailer_id', '=', retailerId)
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('role', '=', 'owner'),
        eb.exists(
          eb
            .selectFrom('staff_stores')
            .select(sql`1`.as('one'))
            .whereRef('staff_stores.retailer_id', '=', 'staff.retailer_id')
            .whereRef('staff_stores.staff_id', '=', 'staff.id')
            .where('staff_stores.store_id', '=', storeId),
        ),
      ]),
    )
    .orderBy('name')
    .execute();
}

export async function findTokenRow(db: Kysely<DB>, retailerId: string, tokenId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'retailer_id', 'role', 'store_ids', 'all_stores', 'secret_hash', 'last_used_at'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, retailerId: string, tokenId: string) {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql`now()` })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', tokenId)
    .execute();
}

/** Seconds until `key` may try again, or 0 when it is not blocked. */
export async function throttleWait(db: Kysely<DB>, keys: string[]): Promise<number> {
  const row = await db
    .selectFrom('auth_throttle')
    .select(sql<number>`ceil(extract(epoch from max(blocked_until) - now()))`.as('wait'))
    .where('key', 'in', keys)
    .where('blocked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Math.max(0, Number(row?.wait ?? 0));
}

/** Counts a failure for each key; a key past its limit within the window is blocked for the window. */
export async function recordThrottleFailure(
  db: Kysely<DB>,
  limits: { key: string; limit: number }[],
  windowMinutes: number,
): Promise<void> {
  for (const { key, limit } of limits) {
    await sql`
      insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes})
                        then 1 else auth_throttle.failures + 1 end,
        window_start = case when auth_throttle.window_start < now() - make_interval(mins => ${windowMinutes})
                            then now() else auth_throttle.window_start end,
        blocked_until = case when auth_throttle.window_start >= now() - make_interval(mins => ${windowMinutes})
                              and auth_throttle.failures + 1 >= ${limit}
                             then now() + make_interval(mins => ${windowMinutes}) else auth_throttle.blocked_until end`.execute(db);
  }
}

export async function clearThrottle(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

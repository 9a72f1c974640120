import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import {
  clearThrottle,
  endSession,
  endSessionsOfStaff,
  findDevice,
  findLoginCandidates,
  insertSession,
  listDeviceStaff,
  recordThrottleFailure,
  setSessionStore,
  throttleWait,
} from './auth.repo.ts';
import type { StaffPrincipal } from './principal.ts';
import { composeCredential, hashPassword, hashSecret, newSecret, parseCredential, secretMatches, verifyPassword } from './secrets.ts';

const WINDOW_MINUTES = 15;
const LIMITS = { loginAccount: 5, loginAddress: 30, pinStaff: 5, pinDevice: 20 };

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export interface DeviceRef {
  id: string;
  retailerId: string;
  storeId: string;
  name: string;
  storeName: string;
  retailerName: string;
}

async function refuseIfThrottled(deps: Deps, keys: string[]) {
  const wait = await throttleWait(deps.db, keys);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError('rate_limited', `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfterSeconds: wait,
    });
  }
}

/** The store device this browser is registered as, from its device cookie; null if none or revoked. */
export async function resolveDevice(deps: Deps, cookie: string | undefined): Promise<DeviceRef | null> {
  const cred = parseCredential(cookie);
  if (!cred?.id.startsWith('dev_')) return null;
  const row = await findDevice(deps.db, cred.retailerId, cred.id);
  if (!row || !secretMatches(cred.secret, row.secret_hash)) return null;
  return {
    id: row.id,
    retailerId: row.retailer_id,
    storeId: row.store_id,
    name: row.name,
    storeName: row.store_name,
    retailerName: row.retailer_name,
  };
}

async function startSession(
  deps: Deps,
  input: {
    retailerId: string;
    staffId: string;
    device: DeviceRef | null;
    linked: { staffId: string; retailerId: string; retailerName: string }[];
    client: ClientInfo;
  },
): Promise<string> {
  const id = newId('session');
  const secret = newSecret();
  const device = input.device?.retailerId === input.retailerId ? input.device : null;
  await insertSession(deps.db, {
    retailer_id: input.retailerId,
    id,
    secret_hash: hashSecret(secret),
    staff_id: input.staffId,
    device_id: device?.id ?? null,
    current_store_id: device?.storeId ?? null,
    linked: input.linked,
    expires_at: new Date(deps.now().getTime() + deps.config.sessionDays * 86_400_000),
    ip: input.client.ip,
    user_agent: input.client.userAgent?.slice(0, 300) ?? null,
  });
  await recordAudit(
    deps.db,
    { retailerId: input.retailerId, actorType: 'staff', actorId: input.staffId, requestId: null, ip: input.client.ip },
    { action: device ? 'session.pin_switch' : 'session.sign_in', subjectType: 'staff', subjectId: input.staffId, storeId: device?.storeId },
  );
  return composeCredential(input.retailerId, id, secret);
}

/**
 * Password sign-in. Returns the session cookie value. The same e-mail may work at several
 * retailers; every record the password opens is remembered so the person can switch between them.
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string; device: DeviceRef | null; client: ClientInfo },
): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const keys = [`login:email:${email}`, `login:ip:${input.client.ip}`];
  await refuseIfThrottled(deps, keys);
  const candidates = await findLoginCandidates(deps.db, email);
  const matched = [];
  if (candidates.length === 0) await verifyPassword(input.password, null);
  for (const c of candidates) {
    if (await verifyPassword(input.password, c.password_hash)) matched.push(c);
  }
  if (matched.length === 0) {
    await recordThrottleFailure(
      deps.db,
      [
        { key: keys[0] as string, limit: LIMITS.loginAccount },
        { key: keys[1] as string, limit: LIMITS.loginAddress },
      ],
      WINDOW_MINUTES,
    );
    throw new AppError('invalid_credentials', 'That e-mail and password do not match. Check both and try again.');
  }
  await clearThrottle(deps.db, keys[0] as string);
  // On a store device, sign in to the device's retailer when the person belongs to it.
  const first = matched.find((m) => m.retailer_id === input.device?.retailerId) ?? (matched[0] as (typeof matched)[number]);
  const linked = matched.map((m) => ({ staffId: m.id, retailerId: m.retailer_id, retailerName: m.retailer_name }));
  return startSession(deps, { retailerId: first.retailer_id, staffId: first.id, device: input.device, linked, client: input.client });
}

/** Switches to another of the person's retailers proven at sign-in. Returns the new session cookie. */
export async function switchRetailer(deps: Deps, me: StaffPrincipal, retailerId: string, client: ClientInfo): Promise<string> {
  const target = me.linked.find((l) => l.retailerId === retailerId);
  if (!target) throw notFound('Retailer');
  await endSession(deps.db, me.retailerId, me.sessionId);
  return startSession(deps, { retailerId, staffId: target.staffId, device: null, linked: me.linked, client });
}

/** Ends the current session. On a store device the device stays registered. */
export async function logout(deps: Deps, me: StaffPrincipal): Promise<void> {
  await endSession(deps.db, me.retailerId, me.sessionId);
}

/** The device and who may switch in on it, for the PIN screen. */
export async function deviceRoster(deps: Deps, device: DeviceRef) {
  const staff = await listDeviceStaff(deps.db, device.retailerId, device.storeId);
  return { device, staff };
}

/**
 * A colleague switches to themselves on a shared store device with their PIN. Whoever was
 * signed in on this browser is signed out; the device stays registered.
 */
export async function pinSwitch(
  deps: Deps,
  input: { device: DeviceRef; staffId: string; pin: string; currentSession: string | undefined; client: ClientInfo },
): Promise<string> {
  const { device } = input;
  const keys = [`pin:staff:${device.retailerId}:${input.staffId}`, `pin:device:${device.id}`];
  await refuseIfThrottled(deps, keys);
  const roster = await listDeviceStaff(deps.db, device.retailerId, device.storeId);
  const person = roster.find((s) => s.id === input.staffId);
  const row = person
    ? await deps.db
        .selectFrom('staff')
        .select('pin_hash')
        .where('retailer_id', '=', device.retailerId)
        .where('id', '=', input.staffId)
        .executeTakeFirst()
    : undefined;
  if (!person || !(await verifyPassword(input.pin, row?.pin_hash))) {
    await recordThrottleFailure(
      deps.db,
      [
        { key: keys[0] as string, limit: LIMITS.pinStaff },
        { key: keys[1] as string, limit: LIMITS.pinDevice },
      ],
      WINDOW_MINUTES,
    );
    throw new AppError(
      'invalid_credentials',
      person && !person.has_pin
        ? 'No PIN is set for this person yet. Sign in with e-mail and password to set one.'
        : 'That PIN is not right.',
    );
  }
  await clearThrottle(deps.db, keys[0] as string);
  const current = parseCredential(input.currentSession);
  if (current) await endSession(deps.db, current.retailerId, current.id);
  return startSession(deps, { retailerId: device.retailerId, staffId: input.staffId, device, linked: [], client: input.client });
}

/** Registers this browser as a shared tablet for one of the manager's stores; returns the device cookie. */
export async function registerDevice(deps: Deps, me: StaffPrincipal, input: { storeId: string; name: string }): Promise<string> {
  if (!me.storeIds.includes(input.storeId)) throw invalidField('storeId', 'You can only register devices for your own stores.');
  const id = newId('device');
  const secret = newSecret();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('devices')
      .values({
        retailer_id: me.retailerId,
        id,
        store_id: input.storeId,
        name: input.name,
        secret_hash: hashSecret(secret),
        created_by: me.staffId,
      })
      .execute();
    await trx
      .updateTable('sessions')
      .set({ device_id: id, current_store_id: input.storeId })
      .where('retailer_id', '=', me.retailerId)
      .where('id', '=', me.sessionId)
      .execute();
    await recordAudit(
      trx,
      { retailerId: me.retailerId, actorType: 'staff', actorId: me.staffId, requestId: null, ip: null },
      { action: 'device.registered', subjectType: 'device', subjectId: id, storeId: input.storeId, details: { name: input.name } },
    );
  });
  return composeCredential(me.retailerId, id, secret);
}

/** Stops a device being a store device (revokes it); its PIN sign-ins end. */
export async function forgetDevice(deps: Deps, me: StaffPrincipal, device: DeviceRef): Promise<void> {
  if (device.retailerId !== me.retailerId || !me.storeIds.includes(device.storeId)) throw notFound('Device');
  await deps.db
    .updateTable('devices')
    .set({ revoked_at: deps.now() })
    .where('retailer_id', '=', me.retailerId)
    .where('id', '=', device.id)
    .execute();
}

/** Chooses which of their stores the person is working in now. */
export async function switchStore(deps: Deps, me: StaffPrincipal, storeId: string): Promise<void> {
  if (!me.storeIds.includes(storeId)) throw invalidField('storeId', 'You do not work in this store.');
  await setSessionStore(deps.db, me.retailerId, me.sessionId, storeId);
}

/** Changes one's own password after checking the current one; other sessions end. */
export async function changePassword(deps: Deps, me: StaffPrincipal, input: { currentPassword: string; newPassword: string }) {
  const row = await deps.db
    .selectFrom('staff')
    .select('password_hash')
    .where('retailer_id', '=', me.retailerId)
    .where('id', '=', me.staffId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new AppError('validation_failed', 'Your current password is not right.', {
      fields: [{ field: 'currentPassword', message: 'is not right' }],
    });
  }
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({ password_hash: hash, updated_at: deps.now() })
      .where('retailer_id', '=', me.retailerId)
      .where('id', '=', me.staffId)
      .execute();
    await endSessionsOfStaff(trx, me.retailerId, me.staffId, me.sessionId);
  });
}

/** Sets one's own PIN for shared store devices, confirmed with the password. */
export async function setPin(deps: Deps, me: StaffPrincipal, input: { password: string; pin: string }) {
  const row = await deps.db
    .selectFrom('staff')
    .select('password_hash')
    .where('retailer_id', '=', me.retailerId)
    .where('id', '=', me.staffId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.password, row.password_hash))) {
    throw new AppError('validation_failed', 'Your password is not right.', { fields: [{ field: 'password', message: 'is not right' }] });
  }
  const hash = await hashPassword(input.pin);
  await deps.db
    .updateTable('staff')
    .set({ pin_hash: hash, updated_at: deps.now() })
    .where('retailer_id', '=', me.retailerId)
    .where('id', '=', me.staffId)
    .execute();
}

/** Sets a new password from a reset link; the link works once and every session of the person ends. */
export async function resetPassword(deps: Deps, input: { token: string; password: string }) {
  const cred = parseCredential(input.token);
  const expired = new AppError('validation_failed', 'This reset link has expired or was already used. Ask your manager for a new one.', {
    fields: [{ field: 'token', message: 'has expired or was used' }],
  });
  if (!cred?.id.startsWith('rst_')) throw expired;
  const reset = await deps.db
    .selectFrom('password_resets')
    .select(['id', 'staff_id', 'secret_hash', 'expires_at', 'used_at'])
    .where('retailer_id', '=', cred.retailerId)
    .where('id', '=', cred.id)
    .executeTakeFirst();
  if (!reset || reset.used_at || reset.expires_at < deps.now() || !secretMatches(cred.secret, reset.secret_hash)) throw expired;
  const hash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: deps.now() })
      .where('retailer_id', '=', cred.retailerId)
      .where('id', '=', cred.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw expired;
    await trx
      .updateTable('staff')
      .set({ password_hash: hash, updated_at: deps.now() })
      .where('retailer_id', '=', cred.retailerId)
      .where('id', '=', reset.staff_id)
      .execute();
    await endSessionsOfStaff(trx, cred.retailerId, reset.staff_id);
    await recordAudit(
      trx,
      { retailerId: cred.retailerId, actorType: 'staff', actorId: reset.staff_id, requestId: null, ip: null },
      { action: 'staff.password_reset', subjectType: 'staff', subjectId: reset.staff_id },
    );
  });
}

import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Permission, roleCan } from '../../shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { findSession, findTokenRow, touchToken } from '../modules/auth/auth.repo.ts';
import type { Principal, StaffPrincipal } from '../modules/auth/principal.ts';
import { parseCredential, secretMatches } from '../modules/auth/secrets.ts';
import { clearCookie, readCookie, SESSION_COOKIE } from './cookies.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to anyone: no session or token needed. Every other route requires one. */
    public?: boolean;
    /** Only people signed in (not integration tokens). */
    staffOnly?: boolean;
    /** The role permission a caller must hold; finer checks live in each module's policy. */
    permission?: Permission;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Resolves the caller from the session cookie or a Bearer token; null when neither is valid. */
export async function authenticate(deps: Deps, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const cred = parseCredential(match?.[1]);
    if (!cred) return null;
    const row = await findTokenRow(deps.db, cred.retailerId, cred.id);
    if (!row || !secretMatches(cred.secret, row.secret_hash)) return null;
    // Recorded at most hourly, off the request's path.
    if (!row.last_used_at || deps.now().getTime() - row.last_used_at.getTime() > 3_600_000) {
      touchToken(deps.db, row.retailer_id, row.id).catch((err) => request.log.warn({ err }, 'token touch failed'));
    }
    return {
      kind: 'token',
      tokenId: row.id,
      retailerId: row.retailer_id,
      role: row.role,
      storeIds: row.store_ids,
      allStores: row.all_stores,
    };
  }
  return sessionPrincipal(deps, readCookie(request, SESSION_COOKIE));
}

/** The person a session cookie value belongs to, or null when it is invalid, expired or ended. */
export async function sessionPrincipal(deps: Deps, cookie: string | undefined): Promise<StaffPrincipal | null> {
  const cred = parseCredential(cookie);
  if (!cred?.id.startsWith('ses_')) return null;
  const row = await findSession(deps.db, cred.retailerId, cred.id);
  if (!row || !secretMatches(cred.secret, row.secret_hash)) return null;
  return {
    kind: 'staff',
    sessionId: row.session_id,
    staffId: row.staff_id,
    retailerId: row.retailer_id,
    role: row.role,
    name: row.name,
    email: row.email,
    title: row.title,
    hasPin: row.has_pin,
    allStores: row.role === 'owner',
    stores: row.stores,
    storeIds: row.stores.map((s) => s.id),
    currentStoreId: row.current_store_id,
    linked: row.linked,
    device:
      row.device_id && row.device_name && row.device_store_id
        ? { id: row.device_id, name: row.device_name, storeId: row.device_store_id }
        : null,
    retailer: {
      id: row.retailer_id,
      name: row.retailer_name,
      slug: row.slug,
      country: row.country,
      currency: row.currency,
      locale: row.locale,
      phoneRegion: row.phone_region,
    },
  };
}

/**
 * Guards every route registered after this call in the same context: each gets a preHandler,
 * built once from its own config, that authenticates and checks its role permission. Routes
 * marked `public: true` get none.
 */
export function registerAuth(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as FastifyContextConfig;
    if (config.public) return;
    const guard = async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = await authenticate(deps, request);
      if (!principal) {
        if (request.headers.cookie?.includes(SESSION_COOKIE)) clearCookie(reply, SESSION_COOKIE);
        throw new AppError('unauthenticated', 'Please sign in.');
      }
      request.principal = principal;
      if (config.staffOnly && principal.kind !== 'staff') {
        throw new AppError('forbidden', 'This needs a person signed in, not an API token.');
      }
      if (config.permission && !roleCan(principal.role, config.permission)) {
        throw new AppError('forbidden', 'Your role does not allow this.');
      }
    };
    const existing = route.preHandler ? [route.preHandler].flat() : [];
    route.preHandler = [guard, ...existing];
  });
}

/** The caller of an authenticated route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Please sign in.');
  return request.principal;
}

/** The signed-in person of a `staffOnly` route. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const p = principalOf(request);
  if (p.kind !== 'staff') throw new AppError('forbidden', 'This needs a person signed in, not an API token.');
  return p;
}

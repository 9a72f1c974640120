import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import { actorId, type Principal } from '../auth/principal.ts';

export interface AuditContext {
  retailerId: string;
  actorType: 'staff' | 'token' | 'customer' | 'system';
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  storeId?: string | null;
  details?: Record<string, unknown>;
}

/** Who is acting, for the audit log, taken from an authenticated request. */
export function auditContext(request: FastifyRequest, principal: Principal): AuditContext {
  return {
    retailerId: principal.retailerId,
    actorType: principal.kind,
    actorId: actorId(principal),
    requestId: request.id,
    ip: request.ip,
  };
}

/** The one way modules record who saw or changed what; call it inside the same transaction. */
export async function recordAudit(db: Kysely<DB>, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      retailer_id: ctx.retailerId,
      id: newId('audit'),
      actor_type: ctx.actorType,
      actor_id: ctx.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      store_id: entry.storeId ?? null,
      request_id: ctx.requestId,
      ip: ctx.ip,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

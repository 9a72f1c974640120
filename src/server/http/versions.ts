import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from './errors.ts';

/** Records edited by several people carry a version: the ETag on reads, If-Match on writes. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The version you edited, as given in ETag' })),
});

/** The version the client edited, from If-Match; a write without one is refused (428). */
export function ifMatch(request: FastifyRequest): number {
  const raw = request.headers['if-match'];
  const version = Number(
    String(raw ?? '')
      .replace(/^W\//, '')
      .replace(/"/g, ''),
  );
  if (!raw)
    throw new AppError('precondition_required', 'Send If-Match with the version you edited, so a colleague’s change is never overwritten.');
  if (!Number.isInteger(version) || version < 1)
    throw new AppError('validation_failed', 'If-Match must be the version number from the ETag.', {
      fields: [{ field: 'if-match', message: 'is not a version' }],
    });
  return version;
}

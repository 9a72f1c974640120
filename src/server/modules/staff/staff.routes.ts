import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, responses } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { presentStaff } from './staff.present.ts';
import { CreateStaffBody, ResetLinkSchema, StaffListQuery, StaffSchema, UpdateStaffBody } from './staff.schemas.ts';
import { createStaff, editStaff, getStaff, issueResetLink, listVisibleStaff, setStaffActive } from './staff.service.ts';

const tags = ['Staff'];

export function staffRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/staff',
    {
      config: { staffOnly: true, permission: 'staff.view' },
      schema: {
        operationId: 'listStaff',
        summary: 'The team: everyone in your stores',
        tags,
        querystring: StaffListQuery,
        response: responses({ 200: Type.Object({ items: Type.Array(StaffSchema) }) }),
      },
    },
    async (request) => {
      const rows = await listVisibleStaff(deps, principalOf(request), request.query);
      return { items: rows.map(presentStaff) };
    },
  );

  r.post(
    '/api/staff',
    {
      config: { staffOnly: true, permission: 'staff.manage' },
      schema: {
        operationId: 'createStaff',
        summary: 'Add a person to the team',
        tags,
        body: CreateStaffBody,
        response: responses({ 201: StaffSchema }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const row = await createStaff(deps, p, auditContext(request, p), request.body);
      return reply.status(201).send(presentStaff(row));
    },
  );

  r.get(
    '/api/staff/:id',
    {
      config: { staffOnly: true },
      schema: {
        operationId: 'getStaff',
        summary: 'One staff member',
        tags,
        params: IdParams,
        response: responses({ 200: StaffSchema }, [401, 403, 404]),
      },
    },
    async (request) => presentStaff(await getStaff(deps, principalOf(request), request.params.id)),
  );

  r.patch(
    '/api/staff/:id',
    {
      config: { staffOnly: true },
      schema: {
        operationId: 'updateStaff',
        summary: 'Change a person’s details, role or stores',
        tags,
        params: IdParams,
        body: UpdateStaffBody,
        response: responses({ 200: StaffSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentStaff(await editStaff(deps, p, auditContext(request, p), request.params.id, request.body));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    r.post(
      `/api/staff/:id/${action}`,
      {
        config: { staffOnly: true, permission: 'staff.manage' },
        schema: {
          operationId: `${action}Staff`,
          summary: active ? 'Let a person sign in again' : 'Stop a person signing in; their sessions end at once',
          tags,
          params: IdParams,
          response: responses({ 200: StaffSchema }, [401, 403, 404, 409]),
        },
      },
      async (request) => {
        const p = principalOf(request);
        return presentStaff(await setStaffActive(deps, p, auditContext(request, p), request.params.id, active));
      },
    );
  }

  r.post(
    '/api/staff/:id/reset-link',
    {
      config: { staffOnly: true, permission: 'staff.manage' },
      schema: {
        operationId: 'issueResetLink',
        summary: 'A one-time link for the person to set a new password',
        tags,
        params: IdParams,
        response: responses({ 201: ResetLinkSchema }, [401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const link = await issueResetLink(deps, p, auditContext(request, p), request.params.id);
      return reply.status(201).send({ url: link.url, expiresAt: link.expiresAt.toISOString() });
    },
  );
}

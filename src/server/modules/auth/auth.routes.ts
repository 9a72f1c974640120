import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { sessionPrincipal, staffOf } from '../../http/auth.ts';
import { clearCookie, DEVICE_COOKIE, readCookie, SESSION_COOKIE, setCookie } from '../../http/cookies.ts';
import { AppError } from '../../http/errors.ts';
import { NoContent, responses } from '../../http/schemas.ts';
import { presentMe } from './auth.present.ts';
import {
  ChangePasswordBody,
  DeviceSchema,
  LoginBody,
  MeSchema,
  PinBody,
  RegisterDeviceBody,
  ResetBody,
  SetPinBody,
  SwitchRetailerBody,
  SwitchStoreBody,
} from './auth.schemas.ts';
import {
  changePassword,
  deviceRoster,
  forgetDevice,
  login,
  logout,
  pinSwitch,
  registerDevice,
  resetPassword,
  resolveDevice,
  setPin,
  switchRetailer,
  switchStore,
} from './auth.service.ts';

const tags = ['Sign-in'];

function client(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** Sets the session cookie and answers with the person it signs in. */
async function signedIn(deps: Deps, reply: FastifyReply, cookie: string) {
  const principal = await sessionPrincipal(deps, cookie);
  if (!principal) throw new AppError('internal', 'The new session could not be read back.');
  setCookie(reply, deps.config, SESSION_COOKIE, cookie, deps.config.sessionDays * 86_400);
  return presentMe(principal);
}

export function authRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        operationId: 'login',
        summary: 'Sign in with e-mail and password',
        description: 'Sets an HttpOnly session cookie. Failed attempts are limited per account and per address.',
        tags,
        security: [],
        body: LoginBody,
        response: responses({ 200: MeSchema }, [400, 401, 429]),
      },
    },
    async (request, reply) => {
      const device = await resolveDevice(deps, readCookie(request, DEVICE_COOKIE));
      const cookie = await login(deps, { ...request.body, device, client: client(request) });
      return signedIn(deps, reply, cookie);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { staffOnly: true },
      schema: { operationId: 'logout', summary: 'Sign out of this browser', tags, response: responses({ 204: NoContent }, [401]) },
    },
    async (request, reply) => {
      await logout(deps, staffOf(request));
      clearCookie(reply, SESSION_COOKIE);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/me',
    {
      config: { staffOnly: true },
      schema: {
        operationId: 'getMe',
        summary: 'The signed-in person, their retailer, role and stores',
        tags,
        response: responses({ 200: MeSchema }, [401, 403]),
      },
    },
    async (request) => presentMe(staffOf(request)),
  );

  r.put(
    '/api/me/store',
    {
      config: { staffOnly: true },
      schema: {
        operationId: 'switchStore',
        summary: 'Choose the store you are working in',
        tags,
        body: SwitchStoreBody,
        response: responses({ 200: MeSchema }, [400, 401, 403]),
      },
    },
    async (request) => {
      const me = staffOf(request);
      await switchStore(deps, me, request.body.storeId);
      return presentMe({ ...me, currentStoreId: request.body.storeId });
    },
  );

  r.post(
    '/api/me/retailer',
    {
      config: { staffOnly: true },
      schema: {
        operationId: 'switchRetailer',
        summary: 'Switch to another retailer you belong to',
        tags,
        body: SwitchRetailerBody,
        response: responses({ 200: MeSchema }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      const cookie = await switchRetailer(deps, staffOf(request), request.body.retailerId, client(request));
      return signedIn(deps, reply, cookie);
    },
  );

  r.post(
    '/api/me/password',
    {
      config: { staffOnly: true },
      schema: {
        operationId: 'changePassword',
        summary: 'Change your password (other sessions end)',
        tags,
        body: ChangePasswordBody,
        response: responses({ 204: NoContent }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      await changePassword(deps, staffOf(request), request.body);
      return reply.status(204).send();
    },
  );

  r.put(
    '/api/me/pin',
    {
      config: { staffOnly: true },
      schema: {
        operationId: 'setPin',
        summary: 'Set your PIN for shared store devices',
        tags,
        body: SetPinBody,
        response: responses({ 204: NoContent }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      await setPin(deps, staffOf(request), request.body);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/auth/reset',
    {
      config: { public: true },
      schema: {
        operationId: 'resetPassword',
        summary: 'Set a new password with a reset link from your manager',
        tags,
        security: [],
        body: ResetBody,
        response: responses({ 204: NoContent }, [400]),
      },
    },
    async (request, reply) => {
      await resetPassword(deps, request.body);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/device',
    {
      config: { public: true },
      schema: {
        operationId: 'getDevice',
        summary: 'The store device this browser is, and who can switch in on it',
        tags,
        security: [],
        response: responses({ 200: DeviceSchema }, []),
      },
    },
    async (request) => {
      const device = await resolveDevice(deps, readCookie(request, DEVICE_COOKIE));
      if (!device) return { device: null, staff: [] };
      const roster = await deviceRoster(deps, device);
      return {
        device: roster.device,
        staff: roster.staff.map((s) => ({ id: s.id, name: s.name, role: s.role, title: s.title, hasPin: s.has_pin })),
      };
    },
  );

  r.post(
    '/api/devices',
    {
      config: { staffOnly: true, permission: 'devices.manage' },
      schema: {
        operationId: 'registerDevice',
        summary: 'Make this browser a shared store device',
        description: 'Sets a long-lived device cookie. Staff of the store can then switch in with their PIN.',
        tags,
        body: RegisterDeviceBody,
        response: responses({ 200: MeSchema }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const cookie = await registerDevice(deps, me, request.body);
      setCookie(reply, deps.config, DEVICE_COOKIE, cookie, 400 * 86_400);
      const refreshed = await sessionPrincipal(deps, readCookie(request, SESSION_COOKIE));
      return presentMe(refreshed ?? me);
    },
  );

  r.delete(
    '/api/device',
    {
      config: { staffOnly: true, permission: 'devices.manage' },
      schema: {
        operationId: 'forgetDevice',
        summary: 'Stop this browser being a shared store device',
        tags,
        response: responses({ 204: NoContent }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const device = await resolveDevice(deps, readCookie(request, DEVICE_COOKIE));
      if (device) await forgetDevice(deps, staffOf(request), device);
      clearCookie(reply, DEVICE_COOKIE);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/auth/pin',
    {
      config: { public: true },
      schema: {
        operationId: 'pinSwitch',
        summary: 'Switch to yourself on a shared store device with your PIN',
        description: 'Needs the device cookie. Attempts are limited per person and per device.',
        tags,
        security: [],
        body: PinBody,
        response: responses({ 200: MeSchema }, [400, 401, 429]),
      },
    },
    async (request, reply) => {
      const device = await resolveDevice(deps, readCookie(request, DEVICE_COOKIE));
      if (!device) throw new AppError('unauthenticated', 'This browser is not a store device. Sign in with e-mail and password.');
      const cookie = await pinSwitch(deps, {
        device,
        staffId: request.body.staffId,
        pin: request.body.pin,
        currentSession: readCookie(request, SESSION_COOKIE),
        client: client(request),
      });
      return signedIn(deps, reply, cookie);
    },
  );
}

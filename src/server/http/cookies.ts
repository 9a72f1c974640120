import { parse, type SerializeOptions, serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

export const SESSION_COOKIE = 'ones_session';
export const DEVICE_COOKIE = 'ones_device';

/** One cookie of the request, parsed only when asked for (most requests need only the session). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header?.includes(`${name}=`)) return undefined;
  return parse(header)[name];
}

/** Sets an HttpOnly, SameSite=Lax cookie for the whole site; Secure when served over HTTPS. */
export function setCookie(reply: FastifyReply, config: Config, name: string, value: string, maxAgeSeconds: number) {
  const options: SerializeOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: maxAgeSeconds };
  appendSetCookie(reply, serialize(name, value, options));
}

export function clearCookie(reply: FastifyReply, name: string) {
  appendSetCookie(reply, serialize(name, '', { path: '/', httpOnly: true, sameSite: 'lax', expires: new Date(0) }));
}

function appendSetCookie(reply: FastifyReply, value: string) {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  reply.header('set-cookie', [...list, value]);
}

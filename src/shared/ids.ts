import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Prefixes for every kind of id, so a log line or an import row says what it refers to. */
export const ID_PREFIX = {
  retailer: 'ret',
  store: 'sto',
  staff: 'stf',
  session: 'ses',
  device: 'dev',
  token: 'tok',
  reset: 'rst',
  audit: 'aud',
  request: 'req',
} as const;

/** A new prefixed id (`stf_01k…`): 10 characters of time (sortable) then 16 random ones. */
export function newId(kind: keyof typeof ID_PREFIX, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return `${ID_PREFIX[kind]}_${time}${rand}`;
}

/** True when `value` looks like an id of `kind`; used to answer 404 early for malformed ids. */
export function isId(kind: keyof typeof ID_PREFIX, value: string): boolean {
  return new RegExp(`^${ID_PREFIX[kind]}_[0-9a-z]{26}$`).test(value);
}

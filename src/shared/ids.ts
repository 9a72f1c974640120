import { randomFillSync } from 'node:crypto';

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
  customer: 'cus',
  note: 'not',
  preference: 'prf',
  consent: 'cns',
  savedItem: 'svd',
  merge: 'mrg',
  import: 'imp',
  category: 'cat',
  product: 'prd',
  variant: 'var',
  movement: 'mov',
  hold: 'hld',
  delivery: 'dlv',
  transfer: 'trf',
  sale: 'sal',
  questionSet: 'qst',
  guidance: 'gds',
  guidanceList: 'gdl',
  basketLine: 'bkl',
  ruleRun: 'rlr',
  job: 'job',
  message: 'msg',
  roadmap: 'rdm',
  encounter: 'enc',
  encounterStaff: 'ens',
  encounterStep: 'est',
  encounterNote: 'enn',
  specialOrder: 'spo',
  gesture: 'gst',
  lostDemand: 'lsd',
  followUp: 'fup',
  feedbackRequest: 'fbq',
  feedbackResponse: 'fbr',
} as const;

// Random bytes are drawn from a pool refilled 4 KiB at a time: one system call per 256 ids
// rather than one per id (request ids are made on every request).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function nextRandomByte(): number {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++] as number;
}

/** A new prefixed id (`stf_01k…`): 10 characters of time (sortable) then 16 random ones. */
export function newId(kind: keyof typeof ID_PREFIX, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[nextRandomByte() % 32];
  return `${ID_PREFIX[kind]}_${time}${rand}`;
}

/** True when `value` looks like an id of `kind`; used to answer 404 early for malformed ids. */
export function isId(kind: keyof typeof ID_PREFIX, value: string): boolean {
  return new RegExp(`^${ID_PREFIX[kind]}_[0-9a-z]{26}$`).test(value);
}

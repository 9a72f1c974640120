import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DB } from './db/types.ts';

/** What services need, built once in app.ts and passed as the first argument: `fn(deps, input)`. */
export interface Deps {
  db: Kysely<DB>;
  config: Config;
  /** Injected so tests can fix time. */
  now: () => Date;
}

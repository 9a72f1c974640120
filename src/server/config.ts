import { resolve } from 'node:path';

/** Everything Ones reads from the environment, parsed once. Nothing else reads process.env. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent, the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Public origin used in links (password resets). */
  publicUrl: string;
  /** Send cookies with `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  sessionDays: number;
  webDir: string;
  /** Largest customer file the upload screen takes; the CLI streams files of any size. */
  importUploadLimitBytes: number;
}

function intFrom(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

/** Parses the environment into a typed Config, failing with a clear message on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', env.PORT, 3000);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port,
    host,
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || 'data'),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    secureCookies: env.SECURE_COOKIES === 'true' || (env.PUBLIC_URL ?? '').startsWith('https://'),
    logLevel: env.LOG_LEVEL || 'info',
    sessionDays: intFrom('SESSION_DAYS', env.SESSION_DAYS, 30),
    webDir: resolve(env.WEB_DIR || 'dist/web'),
    importUploadLimitBytes: intFrom('IMPORT_UPLOAD_LIMIT_MB', env.IMPORT_UPLOAD_LIMIT_MB, 50) * 1024 * 1024,
  };
}

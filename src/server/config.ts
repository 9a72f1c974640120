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
  /** The SMTP server e-mail goes through (`smtp://user:pass@host:587`); without one, messages wait in the outbox. */
  smtpUrl: string | undefined;
  /** The address e-mail comes from; the retailer's name is shown with it. */
  mailFrom: string;
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
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
  const mailFrom = env.MAIL_FROM || 'no-reply@ones.local';
  if (!/^[^@\s<>"]+@[^@\s<>"]+$/.test(mailFrom)) throw new Error(`MAIL_FROM must be an e-mail address, got "${mailFrom}"`);
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
    smtpUrl,
    mailFrom,
  };
}

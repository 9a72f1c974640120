/** Which database engine the API tests run on, and where the PostgreSQL server is. */
export const TEST_ENGINE: 'pglite' | 'postgres' = process.env.ONES_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

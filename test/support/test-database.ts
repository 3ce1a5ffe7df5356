import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each test file gets a database of its own. On a server (DATABASE_URL set) it is cloned from
 * the template that global setup migrated; without a server it is an in-memory PGlite.
 */
export const TEMPLATE_ENV = 'XUEJI_TEST_TEMPLATE_DB';

export function serverUrl(): string | null {
  return process.env.DATABASE_URL || null;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl()! });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Returns the DATABASE_URL for a fresh database, or null for PGlite, and a function to drop it. */
export async function freshDatabase(): Promise<{ databaseUrl: string | null; drop: () => Promise<void> }> {
  const server = serverUrl();
  const template = process.env[TEMPLATE_ENV];
  if (!server || !template) return { databaseUrl: null, drop: async () => {} };
  const name = `xueji_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    databaseUrl: withDatabase(server, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

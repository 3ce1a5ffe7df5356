import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Each test file gets a database of its own. On a server (DATABASE_URL set) it is cloned from
 * the run's template database; without a server it is an in-memory PGlite started from the run's
 * image of a migrated store (made by the first test file that needs it).
 */
export const TEMPLATE_ENV = 'XUEJI_TEST_TEMPLATE_DB';
export const PGLITE_IMAGE_ENV = 'XUEJI_TEST_PGLITE_IMAGE';
const TEMPLATE_LOCK = 7_265_001;

export function serverUrl(): string | null {
  return process.env.DATABASE_URL || null;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The role the service runs as in tests on a server (created by global-setup.cjs); it owns nothing. */
export const TEST_APP_ROLE = 'xueji_test_app';

export function asRole(url: string, role: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl()! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function adminQuery(sql: string): Promise<unknown> {
  return withAdmin((c) => c.query(sql));
}

/**
 * The DATABASE_URL of a fresh database and a function to drop it; without a server, null and the
 * image the in-memory PGlite starts from (null outside jest's global setup: it migrates itself).
 */
export async function freshDatabase(): Promise<{ databaseUrl: string | null; pgliteImage?: string | null; drop: () => Promise<void> }> {
  const server = serverUrl();
  const template = process.env[TEMPLATE_ENV];
  if (!server) return { databaseUrl: null, pgliteImage: await pgliteImage(), drop: async () => {} };
  if (!template) return { databaseUrl: null, drop: async () => {} };
  const name = `xueji_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    // Parallel test files serialise here; the first one brings the template's schema up to date.
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { openDataSource } = await import('../../src/database/data-source.js');
      const ds = await openDataSource({ databaseUrl: withDatabase(server, template), pgliteDir: null });
      await ds.destroy();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return {
    databaseUrl: withDatabase(server, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined),
  };
}

/**
 * The run's image of a migrated embedded store: migrating 40-odd migrations from nothing costs
 * each test file seconds on PGlite, loading the image a fraction of that. Written whole or not at
 * all (a rename), so parallel workers at worst both make it.
 */
async function pgliteImage(): Promise<string | null> {
  const path = process.env[PGLITE_IMAGE_ENV];
  if (!path) return null;
  if (!existsSync(path)) {
    const { embeddedImage } = await import('../../src/database/data-source.js');
    const partial = `${path}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await (await embeddedImage()).arrayBuffer()));
    renameSync(partial, path);
  }
  return path;
}

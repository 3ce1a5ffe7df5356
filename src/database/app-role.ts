import type { DataSource } from 'typeorm';

/**
 * The application's database role owns nothing (security issue: an application role that owned
 * the schema could `TRUNCATE` the audit trail or switch its triggers off). Migrations run as the
 * owner; the application gets exactly the rows it works with:
 *
 * - every table of ours: SELECT, INSERT, UPDATE, DELETE — never TRUNCATE, and nothing that needs
 *   ownership (ALTER, DROP, trigger control);
 * - append-only tables: SELECT and INSERT only (their triggers refuse the rest as well; a request's
 *   materials have no trigger: the grant alone keeps them as added);
 * - `audit_head`: SELECT and UPDATE (one row, moved forward by every append);
 * - `migrations`: SELECT (the service checks that none is pending);
 * - the job queue's schema: its rows, sequences and functions.
 */
export const APPEND_ONLY_TABLES = ['audit_entries', 'sharing_access_log', 'verification_code_uses', 'record_reads', 'record_copies', 'request_materials'] as const;

/** The role the embedded store's session switches to once its schema is up to date. */
export const EMBEDDED_APP_ROLE = 'xueji_app';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function grantStatements(role: string, queueSchema: string): string[] {
  if (!IDENTIFIER.test(role)) throw new Error('the application database role must be a plain lower-case identifier');
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    ...APPEND_ONLY_TABLES.map((table) => `REVOKE UPDATE, DELETE ON ${table} FROM ${role}`),
    `REVOKE INSERT, DELETE ON audit_head FROM ${role}`,
    `REVOKE INSERT, UPDATE, DELETE ON migrations FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `GRANT USAGE ON SCHEMA ${queueSchema} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${queueSchema} TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${queueSchema} TO ${role}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${queueSchema} TO ${role}`,
  ];
}

/** Gives `role` the application's rights on the current schema; run as the owner after migrations. */
export async function grantAppRole(owner: DataSource, role: string, queueSchema: string): Promise<void> {
  await owner.transaction(async (em) => {
    for (const statement of grantStatements(role, queueSchema)) await em.query(statement);
  });
}

/** Creates the embedded store's application role (it cannot log in; the one session switches to it). */
export async function ensureEmbeddedRole(owner: DataSource): Promise<void> {
  await owner.query(
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${EMBEDDED_APP_ROLE}') THEN CREATE ROLE ${EMBEDDED_APP_ROLE} NOLOGIN; END IF; END $$`,
  );
}

/** The role a postgres:// URL logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/** How many of the database's tables and sequences the connected role owns (0 for the application's role). */
export async function ownedByCurrentRole(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`,
  );
  return row.n;
}

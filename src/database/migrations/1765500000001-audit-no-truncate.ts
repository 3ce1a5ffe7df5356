import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row triggers do not fire on TRUNCATE: a statement trigger refuses it too, so that even the
 * owner must switch a trigger off first (which the service's own role cannot: app-role.ts). The
 * audit head row still names the last entry, so a truncation done anyway is reported as missing.
 */
export class AuditNoTruncate1765500000001 implements MigrationInterface {
  name = 'AuditNoTruncate1765500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_entries_no_truncate ON audit_entries`);
  }
}

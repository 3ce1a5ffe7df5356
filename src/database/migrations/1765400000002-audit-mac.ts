import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each audit entry gets a MAC under a key derived from the master key (HMAC-SHA256 over its
 * number and chain hash), so that whoever can write the database but does not hold the master
 * key cannot recompute the chain after removing or editing an entry. Entries written before
 * have none; the verifier accepts that only before the first entry that has one.
 */
export class AuditMac1765400000002 implements MigrationInterface {
  name = 'AuditMac1765400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entries ADD COLUMN mac char(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entries DROP COLUMN mac`);
  }
}

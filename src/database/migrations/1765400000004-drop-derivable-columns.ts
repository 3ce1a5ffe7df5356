import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Columns nothing read: an identity copy's status list and index are its `status_entries` row
 * (credential id `urn:uuid:<id>`), and a presentation nonce's digest already covers its audience.
 */
export class DropDerivableColumns1765400000004 implements MigrationInterface {
  name = 'DropDerivableColumns1765400000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity_credentials DROP COLUMN status_list_seq, DROP COLUMN status_index`);
    await q.query(`ALTER TABLE presentation_nonces DROP COLUMN audience_digest`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE presentation_nonces ADD COLUMN audience_digest char(64)`);
    await q.query(`ALTER TABLE identity_credentials ADD COLUMN status_list_seq bigint, ADD COLUMN status_index integer`);
  }
}

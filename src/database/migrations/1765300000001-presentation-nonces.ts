import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nonces of SD-JWT VC presentations already verified (digests): a key-binding JWT answers one
 * verifier's nonce once; the same presentation sent again is a replay. Kept a day (a KB-JWT
 * older than a few minutes is stale anyway).
 */
export class PresentationNonces1765300000001 implements MigrationInterface {
  name = 'PresentationNonces1765300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE presentation_nonces (nonce_digest char(64) PRIMARY KEY, audience_digest char(64) NOT NULL, used_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX presentation_nonces_used ON presentation_nonces (used_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE presentation_nonces`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A certificate's credential is kept as the JSON text it was signed and handed out as (`json`,
 * not `jsonb`): the stored bytes are the delivered bytes, key order included, and the server no
 * longer parses each credential into jsonb's binary form on insert (no change in the issuance
 * ratio of `npm run bench` was measurable). Nothing queries inside a certificate's credential;
 * status lists keep jsonb. Compression stays lz4 where the server has it.
 */
export class CertificateJsonText1765200000000 implements MigrationInterface {
  name = 'CertificateJsonText1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates ALTER COLUMN credential TYPE json USING credential::json`);
    await q.query(`
      DO $$ BEGIN
        ALTER TABLE certificates ALTER COLUMN credential SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'lz4 is not available here; certificates keep pglz';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates ALTER COLUMN credential TYPE jsonb USING credential::jsonb`);
  }
}

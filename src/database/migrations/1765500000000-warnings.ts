import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warnings to the authority above (第二十三、二十六条). `subject_path` is the organisation the
 * warning concerns, `addressed_path` the authority it goes to; an authority lists those addressed
 * into its subtree. `dedupe_key` makes a repeated observation (a burst seen by several requests
 * at once) one warning.
 */
export class Warnings1765500000000 implements MigrationInterface {
  name = 'Warnings1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE warnings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        kind varchar(64) NOT NULL,
        subject_path varchar(80) NOT NULL,
        addressed_path varchar(80) NOT NULL,
        subject_type varchar(40) NOT NULL,
        subject_id varchar(80) NOT NULL,
        evidence jsonb NOT NULL DEFAULT '{}',
        dedupe_key varchar(200) UNIQUE,
        raised_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES accounts(id),
        note text
      )`);
    await q.query(`CREATE INDEX warnings_addressed ON warnings (addressed_path text_pattern_ops, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE warnings`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-only copies of records that left an organisation (第十五条: 转出学校须对电子学籍档案备份保留;
 * 第十二条: a merged or closed school's archive moves): the record as its holder saw it (the ID
 * number masked, as every view shows it) and its placements, taken in the moving transaction and
 * kept by the organisation it left. The database refuses to change or remove a copy.
 *
 * `organisations.closed_on`: the day a school was merged into another or closed (第十二条); a
 * closed school receives no records.
 */
export class RecordCopies1765790000001 implements MigrationInterface {
  name = 'RecordCopies1765790000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE record_copies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        student_id uuid NOT NULL REFERENCES students(id),
        held_by uuid NOT NULL REFERENCES organisations(id),
        scope_path varchar(80) NOT NULL,
        reason varchar(16) NOT NULL CHECK (reason IN ('transfer', 'merger', 'closure', 'progression')),
        request_id uuid REFERENCES requests(id),
        moved_to_code varchar(10) NOT NULL,
        record jsonb NOT NULL,
        placements jsonb NOT NULL,
        copied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX record_copies_scope ON record_copies (scope_path text_pattern_ops, copied_at DESC)`);
    await q.query(`CREATE INDEX record_copies_student ON record_copies (student_id)`);
    await q.query(`
      CREATE FUNCTION record_copies_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'record_copies are read-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER record_copies_no_change BEFORE UPDATE OR DELETE ON record_copies
      FOR EACH ROW EXECUTE FUNCTION record_copies_read_only()`);
    await q.query(`ALTER TABLE organisations ADD COLUMN closed_on date`);
    // Certificates follow their holder's record when it moves (CertificateCustodyService).
    await q.query(`CREATE INDEX IF NOT EXISTS certificates_student ON certificates (student_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS certificates_student`);
    await q.query(`ALTER TABLE organisations DROP COLUMN closed_on`);
    await q.query(`DROP TABLE record_copies`);
    await q.query(`DROP FUNCTION record_copies_read_only`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

const STUDENT_STATUSES_BEFORE = `'enrolled','graduation_proposed','graduated','suspended','withdrawn','deceased','merged'`;
const PERIOD_STATUSES_BEFORE = `'enrolled','graduated','suspended','withdrawn','deceased','merged'`;

/**
 * Record statuses gain 出国(境)学习 `abroad` (第二十条: the record is kept, the period marked) and
 * 缓学 `deferred` (第十一条: registration held for at most a school year). The yearly promotion
 * (第七条) keeps one row per school and school year, so running it twice promotes nobody twice.
 * A request's materials (scanned forms) live with the request engine, in the store, sealed under
 * the master key (AES-256-GCM, as ID numbers are): a scanned death certificate or passport is as
 * personal as the number on it.
 */
export class MoreChangeKinds1765830000000 implements MigrationInterface {
  name = 'MoreChangeKinds1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE students DROP CONSTRAINT IF EXISTS students_status_check`);
    await q.query(`ALTER TABLE students ADD CONSTRAINT students_status_check CHECK (status IN (${STUDENT_STATUSES_BEFORE},'abroad','deferred'))`);
    await q.query(`ALTER TABLE student_status_periods DROP CONSTRAINT IF EXISTS student_status_periods_status_check`);
    await q.query(`ALTER TABLE student_status_periods ADD CONSTRAINT student_status_periods_status_check CHECK (status IN (${PERIOD_STATUSES_BEFORE},'abroad','deferred'))`);
    await q.query(`
      CREATE TABLE promotion_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES organisations(id),
        scope_path varchar(80) NOT NULL,
        school_year smallint NOT NULL,
        promoted integer NOT NULL CHECK (promoted >= 0),
        first_student_id uuid,
        last_student_id uuid,
        run_by uuid NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, school_year)
      )`);
    await q.query(`
      CREATE TABLE request_materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES requests(id),
        file_name varchar(200) NOT NULL,
        media_type varchar(40) NOT NULL CHECK (media_type IN ('application/pdf','image/jpeg','image/png')),
        size integer NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL,
        content_sealed bytea NOT NULL,
        added_by uuid NOT NULL REFERENCES accounts(id),
        added_path varchar(80) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX request_materials_request ON request_materials (request_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_materials`);
    await q.query(`DROP TABLE promotion_batches`);
    await q.query(`UPDATE students SET status = 'enrolled' WHERE status IN ('abroad','deferred')`);
    await q.query(`DELETE FROM student_status_periods WHERE status IN ('abroad','deferred')`);
    await q.query(`UPDATE student_status_periods p SET to_date = NULL WHERE to_date = (SELECT max(to_date) FROM student_status_periods o WHERE o.student_id = p.student_id)
                     AND NOT EXISTS (SELECT 1 FROM student_status_periods o WHERE o.student_id = p.student_id AND o.to_date IS NULL)`);
    await q.query(`ALTER TABLE student_status_periods DROP CONSTRAINT student_status_periods_status_check`);
    await q.query(`ALTER TABLE student_status_periods ADD CONSTRAINT student_status_periods_status_check CHECK (status IN (${PERIOD_STATUSES_BEFORE}))`);
    await q.query(`ALTER TABLE students DROP CONSTRAINT students_status_check`);
    await q.query(`ALTER TABLE students ADD CONSTRAINT students_status_check CHECK (status IN (${STUDENT_STATUSES_BEFORE}))`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Semester verification (第二十五条) and drop-out control (第十七条):
 * - roster_confirmations: a school's confirmed roster for a semester (who was actually present),
 *   kept as the persons' keyed document digests, never the numbers;
 * - record_problems: what a run found — 空挂学籍 (a record with nobody present), 人籍分离 (a person
 *   present at one school whose record is at another), 无籍 (a person present with no record) and
 *   likely duplicates (same name, birth date and gender under different documents) — a queue an
 *   authority resolves (merge, confirm distinct, or resolved with a note), audited;
 * - distinct_persons: pairs an authority confirmed to be two people, never reported again;
 * - dropout_cases / dropout_follow_ups: the ledger of compulsory-education students who may have
 *   dropped out, flagged by a run or by an authority, each follow-up with its outcome;
 * - students.merged_into and the `merged` record state: a duplicate merged into the record kept.
 */
export class SemesterVerification1765790000002 implements MigrationInterface {
  name = 'SemesterVerification1765790000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roster_confirmations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES organisations(id),
        scope_path varchar(80) NOT NULL,
        semester varchar(12) NOT NULL,
        confirmed_by uuid NOT NULL REFERENCES accounts(id),
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        persons integer NOT NULL,
        person_digests char(64)[] NOT NULL,
        summary jsonb NOT NULL,
        UNIQUE (school_id, semester)
      )`);
    await q.query(`
      CREATE TABLE record_problems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('phantom', 'mismatch', 'unregistered', 'duplicate')),
        semester varchar(12) NOT NULL,
        confirmation_id uuid REFERENCES roster_confirmations(id),
        scope_path varchar(80) NOT NULL,
        other_scope_path varchar(80),
        student_id uuid REFERENCES students(id),
        other_student_id uuid REFERENCES students(id),
        id_digest char(64),
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolution varchar(10) CHECK (resolution IN ('merged', 'distinct', 'resolved')),
        note text,
        resolved_by uuid REFERENCES accounts(id),
        resolved_at timestamptz,
        found_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX record_problems_once ON record_problems
        (kind, semester, scope_path, COALESCE(student_id::text, ''), COALESCE(other_student_id::text, ''), COALESCE(id_digest, ''))`);
    await q.query(`CREATE INDEX record_problems_scope ON record_problems (scope_path text_pattern_ops, status, seq DESC)`);
    await q.query(`CREATE INDEX record_problems_other_scope ON record_problems (other_scope_path text_pattern_ops, status, seq DESC)`);
    await q.query(`
      CREATE TABLE distinct_persons (
        student_a uuid NOT NULL REFERENCES students(id),
        student_b uuid NOT NULL REFERENCES students(id),
        confirmed_by uuid NOT NULL REFERENCES accounts(id),
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (student_a, student_b),
        CHECK (student_a < student_b)
      )`);
    await q.query(`CREATE INDEX students_person_facts ON students (name, birth_date, gender)`);
    await q.query(`
      CREATE TABLE dropout_cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial UNIQUE,
        student_id uuid NOT NULL REFERENCES students(id),
        scope_path varchar(80) NOT NULL,
        source varchar(12) NOT NULL CHECK (source IN ('verification', 'authority')),
        problem_id uuid REFERENCES record_problems(id),
        reason text NOT NULL,
        flagged_by uuid NOT NULL REFERENCES accounts(id),
        flagged_on date NOT NULL,
        follow_up_due date NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        outcome varchar(16) CHECK (outcome IN ('returned', 'transferred', 'exempted', 'other')),
        closed_on date
      )`);
    await q.query(`CREATE UNIQUE INDEX dropout_cases_one_open ON dropout_cases (student_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX dropout_cases_scope ON dropout_cases (scope_path text_pattern_ops, status, seq DESC)`);
    await q.query(`
      CREATE TABLE dropout_follow_ups (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES dropout_cases(id),
        on_date date NOT NULL,
        action varchar(16) NOT NULL CHECK (action IN ('home_visit', 'phone_call', 'school_meeting', 'referral', 'other')),
        note text NOT NULL,
        outcome varchar(16) CHECK (outcome IN ('returned', 'transferred', 'exempted', 'other')),
        recorded_by uuid NOT NULL REFERENCES accounts(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dropout_follow_ups_case ON dropout_follow_ups (case_id, id)`);
    await q.query(`ALTER TABLE students ADD COLUMN merged_into uuid REFERENCES students(id)`);
    await q.query(`ALTER TABLE students DROP CONSTRAINT students_status_check`);
    await q.query(
      `ALTER TABLE students ADD CONSTRAINT students_status_check
         CHECK (status IN ('enrolled','graduation_proposed','graduated','suspended','withdrawn','deceased','merged'))`,
    );
    await q.query(`ALTER TABLE student_status_periods DROP CONSTRAINT student_status_periods_status_check`);
    await q.query(
      `ALTER TABLE student_status_periods ADD CONSTRAINT student_status_periods_status_check
         CHECK (status IN ('enrolled','graduated','suspended','withdrawn','deceased','merged'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE students DROP COLUMN merged_into`);
    for (const table of ['dropout_follow_ups', 'dropout_cases', 'distinct_persons', 'record_problems', 'roster_confirmations']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP INDEX students_person_facts`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Student imports (issue 8): the uploaded file kept in the store with its SHA-256, the job's
 * state and progress, and the report of bad rows (row, column, code, reason — no personal
 * data). One live import per file and school: re-sending the same file finds the earlier one,
 * unless that one was rejected (the file is then checked anew: the register may have changed).
 */
export class StudentImports1765850000000 implements MigrationInterface {
  name = 'StudentImports1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE student_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES organisations(id),
        scope_path varchar(200) NOT NULL,
        file_sha256 char(64) NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        media_type varchar(80) NOT NULL
          CHECK (media_type IN ('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
        content bytea NOT NULL,
        state varchar(12) NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'validating', 'importing', 'imported', 'rejected')),
        rows_total integer CHECK (rows_total >= 0),
        rows_validated integer NOT NULL DEFAULT 0 CHECK (rows_validated >= 0),
        rows_imported integer NOT NULL DEFAULT 0 CHECK (rows_imported >= 0),
        rows_failed integer NOT NULL DEFAULT 0 CHECK (rows_failed >= 0),
        errors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(errors) = 'array'),
        first_student_id uuid REFERENCES students(id),
        last_student_id uuid REFERENCES students(id),
        requested_by uuid NOT NULL REFERENCES accounts(id),
        -- The organisation the requester acted for (the school, or the authority above it): the job acts as it.
        requester_organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX student_imports_live_file ON student_imports (school_id, file_sha256) WHERE state <> 'rejected'`);
    await q.query(`CREATE INDEX student_imports_scope ON student_imports (scope_path text_pattern_ops, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE student_imports`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request engine's store (src/workflow): requests of any kind, each a chain of steps with a
 * deciding organisation and a working-day deadline. `visible_paths`: the organisations whose
 * subtrees see the request (a transfer: both schools), nobody else. One open request of a kind
 * per subject.
 */
export class Requests1765500000003 implements MigrationInterface {
  name = 'Requests1765500000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        kind varchar(40) NOT NULL,
        subject_type varchar(40) NOT NULL,
        subject_id varchar(80) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'refused', 'withdrawn')),
        submitted_by uuid NOT NULL REFERENCES accounts(id),
        submitted_path varchar(80) NOT NULL,
        visible_paths text[] NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX requests_one_open ON requests (kind, subject_type, subject_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX requests_subject ON requests (subject_type, subject_id)`);
    await q.query(`
      CREATE TABLE request_steps (
        request_id uuid NOT NULL REFERENCES requests(id),
        index smallint NOT NULL,
        name varchar(60) NOT NULL,
        actor_path varchar(80) NOT NULL,
        working_days smallint NOT NULL CHECK (working_days > 0),
        status varchar(16) NOT NULL CHECK (status IN ('waiting', 'pending', 'approved', 'refused')),
        started_on date,
        due_date date,
        escalated_at timestamptz,
        decided_by uuid REFERENCES accounts(id),
        decided_at timestamptz,
        reason text,
        PRIMARY KEY (request_id, index)
      )`);
    await q.query(`CREATE INDEX request_steps_pending ON request_steps (actor_path text_pattern_ops, due_date) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_steps`);
    await q.query(`DROP TABLE requests`);
  }
}

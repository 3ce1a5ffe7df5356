import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID4VP presentation requests made by relying systems within an approval (第二十四条): the
 * signed request object a wallet fetches once, its single-use nonce, how it was answered, and the
 * result — only the disclosed claims and the pairwise subject — until it is collected or expires.
 */
export class PresentationRequests1765600000004 implements MigrationInterface {
  name = 'PresentationRequests1765600000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sharing_presentation_requests (
        id uuid PRIMARY KEY,
        relying_system_id uuid NOT NULL REFERENCES relying_systems(id),
        approval_id uuid NOT NULL REFERENCES sharing_approvals(id),
        claims text[] NOT NULL,
        nonce varchar(64) NOT NULL UNIQUE,
        authorization_request jsonb NOT NULL,
        request_object text NOT NULL,
        state varchar(16) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'answering', 'answered', 'refused')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        refusal_code varchar(60),
        format varchar(16),
        result jsonb,
        subject varchar(100),
        result_expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX sharing_presentation_requests_system ON sharing_presentation_requests (relying_system_id, created_at)`);
    await q.query(`CREATE INDEX sharing_access_log_system ON sharing_access_log (relying_system_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sharing_access_log_system`);
    await q.query(`DROP TABLE sharing_presentation_requests`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sharing under approval (第二十四条): relying systems with their public keys (they authenticate
 * with signed client assertions, never a shared secret), approvals that name who granted them,
 * the assertion ids already used (replay), and an append-only access log of every use and refusal.
 */
export class Sharing1765500000004 implements MigrationInterface {
  name = 'Sharing1765500000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE relying_systems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        operator varchar(200) NOT NULL,
        contact varchar(200) NOT NULL,
        purpose text NOT NULL,
        redirect_uris text[] NOT NULL DEFAULT '{}',
        response_uris text[] NOT NULL DEFAULT '{}',
        jwks jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        registered_by uuid NOT NULL REFERENCES accounts(id),
        scope_path varchar(80) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sharing_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        relying_system_id uuid NOT NULL REFERENCES relying_systems(id),
        claims text[] NOT NULL,
        purpose text NOT NULL,
        legal_basis text NOT NULL,
        region_path varchar(80) NOT NULL,
        valid_until date NOT NULL,
        volume_limit integer NOT NULL CHECK (volume_limit > 0),
        used integer NOT NULL DEFAULT 0,
        status varchar(16) NOT NULL CHECK (status IN ('requested', 'active', 'suspended', 'revoked', 'refused')),
        request_id uuid REFERENCES requests(id),
        requested_by uuid NOT NULL REFERENCES accounts(id),
        requested_path varchar(80) NOT NULL,
        approved_by uuid REFERENCES accounts(id),
        approver_path varchar(80),
        approved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (used <= volume_limit)
      )`);
    await q.query(`CREATE INDEX sharing_approvals_system ON sharing_approvals (relying_system_id, seq)`);
    await q.query(`
      CREATE TABLE client_assertions (
        client_id varchar(64) NOT NULL,
        jti varchar(200) NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (client_id, jti)
      )`);
    await q.query(`
      CREATE TABLE sharing_access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        relying_system_id uuid REFERENCES relying_systems(id),
        approval_id uuid REFERENCES sharing_approvals(id),
        event varchar(40) NOT NULL,
        outcome varchar(16) NOT NULL CHECK (outcome IN ('allowed', 'refused')),
        code varchar(60),
        claims text[] NOT NULL DEFAULT '{}',
        subject varchar(100)
      )`);
    await q.query(`CREATE INDEX sharing_access_log_approval ON sharing_access_log (approval_id, id)`);
    await q.query(`
      CREATE FUNCTION sharing_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'sharing_access_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER sharing_access_log_no_change BEFORE UPDATE OR DELETE ON sharing_access_log
      FOR EACH ROW EXECUTE FUNCTION sharing_access_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sharing_access_log`);
    await q.query(`DROP FUNCTION sharing_access_log_append_only()`);
    await q.query(`DROP TABLE client_assertions`);
    await q.query(`DROP TABLE sharing_approvals`);
    await q.query(`DROP TABLE relying_systems`);
  }
}

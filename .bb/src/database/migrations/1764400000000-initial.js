/**
 * The foundation: the organisation tree, accounts, the hash-chained audit trail, students,
 * issuer keys and certificates. Written by hand; the same SQL runs on PGlite and the server.
 */
export class Initial1764400000000 {
    constructor() {
        this.name = 'Initial1764400000000';
    }
    async up(q) {
        await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(10) NOT NULL UNIQUE,
        level varchar(16) NOT NULL CHECK (level IN ('national','province','city','county','school')),
        name varchar(200) NOT NULL,
        parent_id uuid REFERENCES organisations(id),
        path varchar(80) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'national') = (parent_id IS NULL))
      )`);
        await q.query(`CREATE INDEX organisations_path_prefix ON organisations (path text_pattern_ops)`);
        await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        password_hash varchar(255) NOT NULL,
        role varchar(32) NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active','locked','sealed')),
        failed_logins integer NOT NULL DEFAULT 0,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
        await q.query(`
      CREATE TABLE audit_entries (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_account_id uuid,
        actor_organisation_id uuid,
        scope_path varchar(80) NOT NULL,
        action varchar(64) NOT NULL,
        record_type varchar(32) NOT NULL,
        record_id varchar(64) NOT NULL,
        correlation_id varchar(64),
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
        await q.query(`CREATE INDEX audit_entries_record ON audit_entries (record_type, record_id)`);
        // One row holding the chain's head: appenders lock it, so entries are chained in commit order.
        await q.query(`
      CREATE TABLE audit_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash char(64) NOT NULL
      )`);
        await q.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))`);
        // Append-only: the database itself refuses to change or remove an entry.
        await q.query(`
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only';
      END $$`);
        await q.query(`
      CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`);
        await q.query(`CREATE SEQUENCE student_number_seq START 1 NO CYCLE`);
        await q.query(`
      CREATE TABLE students (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        student_number varchar(20) NOT NULL UNIQUE,
        school_id uuid NOT NULL REFERENCES organisations(id),
        scope_path varchar(80) NOT NULL,
        id_document_type varchar(32) NOT NULL,
        id_number_digest char(64) NOT NULL UNIQUE,
        id_number_sealed bytea NOT NULL,
        name varchar(100) NOT NULL,
        gender varchar(8) NOT NULL CHECK (gender IN ('male','female')),
        birth_date date NOT NULL,
        enrolment_date date NOT NULL,
        education_stage varchar(16) NOT NULL CHECK (education_stage IN ('primary','junior','senior')),
        grade smallint NOT NULL,
        status varchar(24) NOT NULL CHECK (status IN ('enrolled','graduation_proposed','graduated')),
        graduation_date date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
        await q.query(`CREATE INDEX students_school ON students (school_id)`);
        // Every scoped table carries its organisation path: subtree reads are index range scans.
        await q.query(`CREATE INDEX students_scope ON students (scope_path text_pattern_ops, student_number)`);
        await q.query(`
      CREATE TABLE issuer_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        algorithm varchar(16) NOT NULL CHECK (algorithm IN ('Ed25519','P-256')),
        fragment varchar(64) NOT NULL,
        public_key_multibase varchar(128) NOT NULL,
        secret_sealed bytea NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active','retired','revoked')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, fragment)
      )`);
        await q.query(`CREATE UNIQUE INDEX issuer_keys_one_active ON issuer_keys (organisation_id, algorithm) WHERE status = 'active'`);
        await q.query(`CREATE SEQUENCE certificate_number_seq START 1 NO CYCLE`);
        await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY,
        certificate_number varchar(32) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('graduation','completion','incompletion')),
        student_id uuid NOT NULL REFERENCES students(id),
        scope_path varchar(80) NOT NULL,
        issuer_organisation_id uuid NOT NULL REFERENCES organisations(id),
        issuer_did varchar(255) NOT NULL,
        credential jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','revoked','suspended')),
        issued_by uuid NOT NULL REFERENCES accounts(id),
        issued_at timestamptz NOT NULL
      )`);
        await q.query(`CREATE INDEX certificates_scope ON certificates (scope_path text_pattern_ops)`);
        await q.query(`CREATE UNIQUE INDEX certificates_one_valid_per_kind ON certificates (student_id, kind) WHERE status = 'valid'`);
    }
    async down(q) {
        for (const t of ['certificates', 'issuer_keys', 'students', 'audit_head', 'audit_entries', 'accounts', 'organisations']) {
            await q.query(`DROP TABLE IF EXISTS ${t}`);
        }
        await q.query(`DROP FUNCTION IF EXISTS audit_entries_append_only`);
        await q.query(`DROP SEQUENCE IF EXISTS certificate_number_seq`);
        await q.query(`DROP SEQUENCE IF EXISTS student_number_seq`);
    }
}
//# sourceMappingURL=1764400000000-initial.js.map
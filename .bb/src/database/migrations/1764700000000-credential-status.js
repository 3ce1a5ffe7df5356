/**
 * Bitstring Status Lists for every credential the service signs, certificate numbers per
 * issuing authority and year, and what a certificate's lifecycle needs (reason, replacement).
 */
export class CredentialStatus1764700000000 {
    constructor() {
        this.name = 'CredentialStatus1764700000000';
    }
    async up(q) {
        // One list pair (revocation + suspension) per row; `seq` is the public number in its URL.
        await q.query(`
      CREATE TABLE status_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        issuer_did varchar(255) NOT NULL,
        size integer NOT NULL CHECK (size >= 131072 AND size % 8 = 0),
        capacity integer NOT NULL,
        allocated integer NOT NULL DEFAULT 0 CHECK (allocated <= capacity),
        revocation_credential jsonb,
        suspension_credential jsonb,
        revocation_version integer NOT NULL DEFAULT 0,
        suspension_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
        await q.query(`CREATE INDEX status_lists_issuer_open ON status_lists (issuer_did, seq) WHERE allocated < capacity`);
        // An index, once handed out, belongs to one credential for ever (the primary key).
        await q.query(`
      CREATE TABLE status_entries (
        list_id uuid NOT NULL REFERENCES status_lists(id),
        idx integer NOT NULL CHECK (idx >= 0),
        issuer_did varchar(255) NOT NULL,
        credential_id varchar(255) NOT NULL,
        revoked boolean NOT NULL DEFAULT false,
        suspended boolean NOT NULL DEFAULT false,
        allocated_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (list_id, idx),
        UNIQUE (issuer_did, credential_id)
      )`);
        await q.query(`CREATE INDEX status_entries_flagged ON status_entries (list_id) WHERE revoked OR suspended`);
        await q.query(`
      CREATE TABLE certificate_number_counters (
        issuer_organisation_id uuid NOT NULL REFERENCES organisations(id),
        year smallint NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (issuer_organisation_id, year)
      )`);
        await q.query(`ALTER TABLE certificates ADD COLUMN status_reason varchar(500)`);
        await q.query(`ALTER TABLE certificates ADD COLUMN status_changed_at timestamptz`);
        await q.query(`ALTER TABLE certificates ADD COLUMN replaces_id uuid REFERENCES certificates(id)`);
        await q.query(`CREATE UNIQUE INDEX certificates_replaced_once ON certificates (replaces_id) WHERE replaces_id IS NOT NULL`);
        // A suspended certificate is still the student's one certificate of that kind.
        await q.query(`DROP INDEX certificates_one_valid_per_kind`);
        await q.query(`CREATE UNIQUE INDEX certificates_one_valid_per_kind ON certificates (student_id, kind) WHERE status <> 'revoked'`);
    }
    async down(q) {
        await q.query(`DROP INDEX certificates_one_valid_per_kind`);
        await q.query(`CREATE UNIQUE INDEX certificates_one_valid_per_kind ON certificates (student_id, kind) WHERE status = 'valid'`);
        await q.query(`DROP INDEX certificates_replaced_once`);
        for (const c of ['replaces_id', 'status_changed_at', 'status_reason'])
            await q.query(`ALTER TABLE certificates DROP COLUMN ${c}`);
        for (const t of ['certificate_number_counters', 'status_entries', 'status_lists'])
            await q.query(`DROP TABLE ${t}`);
    }
}
//# sourceMappingURL=1764700000000-credential-status.js.map
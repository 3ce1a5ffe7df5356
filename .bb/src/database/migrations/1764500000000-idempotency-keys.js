/** Responses of writes retried under an Idempotency-Key header, kept per account. */
export class IdempotencyKeys1764500000000 {
    constructor() {
        this.name = 'IdempotencyKeys1764500000000';
    }
    async up(q) {
        await q.query(`
      CREATE TABLE idempotency_keys (
        account_id uuid NOT NULL REFERENCES accounts(id),
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('pending','done')),
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, key)
      )`);
        await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
    }
    async down(q) {
        await q.query(`DROP TABLE idempotency_keys`);
    }
}
//# sourceMappingURL=1764500000000-idempotency-keys.js.map
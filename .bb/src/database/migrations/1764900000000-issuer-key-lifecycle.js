/**
 * Issuer-key lifecycle: rotation (a key is retired, a new one signs) and revocation after a
 * compromise (with the time from which its signatures no longer count). The database keeps the
 * invariants the DID documents rest on: a key is never deleted (what it signed must keep
 * resolving, also for an organisation merged or renamed later), its public half and owner never
 * change, and a key never goes back (revoked is final, retired never signs again). Only the
 * sealed private half may be rewritten: that is how the master key is replaced (npm run reseal).
 */
export class IssuerKeyLifecycle1764900000000 {
    constructor() {
        this.name = 'IssuerKeyLifecycle1764900000000';
    }
    async up(q) {
        await q.query(`ALTER TABLE issuer_keys ADD COLUMN retired_at timestamptz`);
        await q.query(`ALTER TABLE issuer_keys ADD COLUMN compromised_at timestamptz`);
        await q.query(`ALTER TABLE issuer_keys ADD COLUMN revoked_at timestamptz`);
        await q.query(`ALTER TABLE issuer_keys ADD COLUMN status_reason varchar(500)`);
        // Rows from before this migration carry no times; nothing revoked keys before it, but were
        // one there, counting none of its signatures is the only safe reading.
        await q.query(`UPDATE issuer_keys SET retired_at = created_at WHERE status = 'retired'`);
        await q.query(`UPDATE issuer_keys SET retired_at = created_at, compromised_at = created_at, revoked_at = created_at WHERE status = 'revoked'`);
        await q.query(`
      ALTER TABLE issuer_keys ADD CONSTRAINT issuer_keys_lifecycle_times CHECK (
        (status = 'active' AND retired_at IS NULL AND compromised_at IS NULL AND revoked_at IS NULL)
        OR (status = 'retired' AND retired_at IS NOT NULL AND compromised_at IS NULL AND revoked_at IS NULL)
        OR (status = 'revoked' AND retired_at IS NOT NULL AND compromised_at IS NOT NULL AND revoked_at IS NOT NULL)
      )`);
        await q.query(`
      CREATE FUNCTION issuer_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'issuer_keys rows are never deleted: their DID documents must keep resolving';
        END IF;
        IF NEW.organisation_id <> OLD.organisation_id OR NEW.algorithm <> OLD.algorithm
           OR NEW.fragment <> OLD.fragment OR NEW.public_key_multibase <> OLD.public_key_multibase THEN
          RAISE EXCEPTION 'an issuer key keeps its owner, algorithm and public key';
        END IF;
        IF (OLD.status = 'revoked' AND (NEW.status <> 'revoked' OR NEW.compromised_at <> OLD.compromised_at))
           OR (OLD.status = 'retired' AND NEW.status = 'active') THEN
          RAISE EXCEPTION 'issuer key % cannot go from % to %', OLD.id, OLD.status, NEW.status;
        END IF;
        RETURN NEW;
      END $$`);
        await q.query(`
      CREATE TRIGGER issuer_keys_lifecycle BEFORE UPDATE OR DELETE ON issuer_keys
      FOR EACH ROW EXECUTE FUNCTION issuer_keys_guard()`);
    }
    async down(q) {
        await q.query(`DROP TRIGGER issuer_keys_lifecycle ON issuer_keys`);
        await q.query(`DROP FUNCTION issuer_keys_guard`);
        await q.query(`ALTER TABLE issuer_keys DROP CONSTRAINT issuer_keys_lifecycle_times`);
        for (const c of ['status_reason', 'revoked_at', 'compromised_at', 'retired_at'])
            await q.query(`ALTER TABLE issuer_keys DROP COLUMN ${c}`);
    }
}
//# sourceMappingURL=1764900000000-issuer-key-lifecycle.js.map
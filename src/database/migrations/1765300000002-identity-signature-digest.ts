import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the register keeps of each identity credential's issuer signature: its SHA-256 (the
 * ecdsa-sd-2023 base signature, which every derived disclosure carries; the SD-JWT's issuer JWT
 * signature). After a key's compromise, our verifier accepts a credential signed by that key only
 * if the register holds its signature from before the compromise, as for certificates.
 */
export class IdentitySignatureDigest1765300000002 implements MigrationInterface {
  name = 'IdentitySignatureDigest1765300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity_credentials ADD COLUMN signature_digest char(64)`);
    await q.query(`CREATE INDEX identity_credentials_signature ON identity_credentials (signature_digest)`);
    // The nonce endpoint purges expired nonces on each call: by index, not by scanning.
    await q.query(`CREATE INDEX oid4vci_nonces_expiry ON oid4vci_nonces (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX oid4vci_nonces_expiry`);
    await q.query(`ALTER TABLE identity_credentials DROP COLUMN signature_digest`);
  }
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { KeyAlgorithm } from './domain/key-algorithms.js';

export type { KeyAlgorithm };
export type IssuerKeyStatus = 'active' | 'retired' | 'revoked';

/** An organisation's signing key. Never deleted; see the lifecycle migration for what may change. */
@Entity('issuer_keys')
export class IssuerKeyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'varchar' }) algorithm!: KeyAlgorithm;
  /** The verification method's fragment within the organisation's DID document. */
  @Column({ type: 'varchar' }) fragment!: string;
  @Column({ name: 'public_key_multibase', type: 'varchar' }) publicKeyMultibase!: string;
  /** Private key sealed under the master key (which one: in the sealed value), bound to this row's fragment and organisation. */
  @Column({ name: 'secret_sealed', type: 'bytea' }) secretSealed!: Buffer;
  @Column({ type: 'varchar' }) status!: IssuerKeyStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** When it stopped signing (rotation, or revocation of the active key). */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt!: Date | null;
  /** From this time on its signatures do not count (the DID document's `revoked`). */
  @Column({ name: 'compromised_at', type: 'timestamptz', nullable: true }) compromisedAt!: Date | null;
  /** When the revocation was recorded. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'status_reason', type: 'varchar', nullable: true }) statusReason!: string | null;
}

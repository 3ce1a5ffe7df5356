import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type KeyAlgorithm = 'Ed25519' | 'P-256';

@Entity('issuer_keys')
export class IssuerKeyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'varchar' }) algorithm!: KeyAlgorithm;
  /** The verification method's fragment within the organisation's DID document. */
  @Column({ type: 'varchar' }) fragment!: string;
  @Column({ name: 'public_key_multibase', type: 'varchar' }) publicKeyMultibase!: string;
  /** Private key sealed under the master key, bound to this row's fragment and organisation. */
  @Column({ name: 'secret_sealed', type: 'bytea' }) secretSealed!: Buffer;
  @Column({ type: 'varchar' }) status!: 'active' | 'retired' | 'revoked';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

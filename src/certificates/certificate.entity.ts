import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CertificateKind = 'graduation' | 'completion' | 'incompletion';
export type CertificateStatus = 'valid' | 'revoked' | 'suspended';

@Entity('certificates')
export class CertificateEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'certificate_number', type: 'varchar' }) certificateNumber!: string;
  @Column({ type: 'varchar' }) kind!: CertificateKind;
  @Column({ name: 'student_id', type: 'uuid' }) studentId!: string;
  /** The student's school path at issuance, for subtree scoping. */
  @Column({ name: 'scope_path', type: 'varchar' }) scopePath!: string;
  @Column({ name: 'issuer_organisation_id', type: 'uuid' }) issuerOrganisationId!: string;
  @Column({ name: 'issuer_did', type: 'varchar' }) issuerDid!: string;
  @Column({ type: 'jsonb' }) credential!: Record<string, unknown>;
  @Column({ type: 'varchar' }) status!: CertificateStatus;
  @Column({ name: 'issued_by', type: 'uuid' }) issuedBy!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
}

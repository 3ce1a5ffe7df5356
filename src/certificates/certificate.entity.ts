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
  @Column({ type: 'json' }) credential!: Record<string, unknown>;
  @Column({ type: 'varchar' }) status!: CertificateStatus;
  @Column({ name: 'issued_by', type: 'uuid' }) issuedBy!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  /** Why the status last changed (revoked, suspended, reinstated, superseded). */
  @Column({ name: 'status_reason', type: 'varchar', nullable: true }) statusReason!: string | null;
  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true }) statusChangedAt!: Date | null;
  /** The certificate this one corrects; that one is revoked as superseded. */
  @Column({ name: 'replaces_id', type: 'uuid', nullable: true }) replacesId!: string | null;
}

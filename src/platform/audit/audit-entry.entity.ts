import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_entries')
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint' }) seq!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true }) actorAccountId!: string | null;
  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true }) actorOrganisationId!: string | null;
  /** Organisation path of the record, so that each authority reads only its own subtree's trail. */
  @Column({ name: 'scope_path', type: 'varchar' }) scopePath!: string;
  @Column({ type: 'varchar' }) action!: string;
  @Column({ name: 'record_type', type: 'varchar' }) recordType!: string;
  @Column({ name: 'record_id', type: 'varchar' }) recordId!: string;
  @Column({ name: 'correlation_id', type: 'varchar', nullable: true }) correlationId!: string | null;
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
  @Column({ name: 'prev_hash', type: 'char' }) prevHash!: string;
  @Column({ type: 'char' }) hash!: string;
  /** HMAC under the master key's audit subkey; null on entries written before MACs existed. */
  @Column({ type: 'char', nullable: true }) mac!: string | null;
}

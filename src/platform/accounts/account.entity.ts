import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../organisations/domain/org-level.js';

export type AccountStatus = 'pending_activation' | 'active' | 'sealed';

@Entity('accounts')
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) username!: string;
  /** Null until the holder activates the account (and again after unsealing). */
  @Column({ name: 'password_hash', type: 'varchar', nullable: true }) passwordHash!: string | null;
  @Column({ type: 'varchar' }) role!: Role;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'varchar' }) status!: AccountStatus;
  @Column({ name: 'failed_logins', type: 'integer' }) failedLogins!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt!: Date | null;
  /** Raised to revoke every live access token of the account (logout, lock-out, password change, sealing …). */
  @Column({ name: 'token_version', type: 'integer' }) tokenVersion!: number;
  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true }) passwordChangedAt!: Date | null;
  /** scrypt hashes of earlier passwords, newest first. */
  @Column({ name: 'password_history', type: 'jsonb' }) passwordHistory!: string[];
  @Column({ name: 'activation_digest', type: 'char', length: 64, nullable: true }) activationDigest!: string | null;
  @Column({ name: 'activation_expires_at', type: 'timestamptz', nullable: true }) activationExpiresAt!: Date | null;
  @Column({ name: 'activation_attempts', type: 'integer' }) activationAttempts!: number;
  @Column({ name: 'sealed_at', type: 'timestamptz', nullable: true }) sealedAt!: Date | null;
  @Column({ name: 'totp_secret_sealed', type: 'bytea', nullable: true }) totpSecretSealed!: Buffer | null;
  @Column({ name: 'totp_confirmed_at', type: 'timestamptz', nullable: true }) totpConfirmedAt!: Date | null;
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true }) totpLastStep!: string | null;
  @Column({ name: 'filed_on', type: 'date', nullable: true }) filedOn!: string | null;
  @Column({ name: 'filing_reference', type: 'varchar', nullable: true }) filingReference!: string | null;
  @Column({ name: 'trained_on', type: 'date', nullable: true }) trainedOn!: string | null;
  @Column({ name: 'training_course', type: 'varchar', nullable: true }) trainingCourse!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

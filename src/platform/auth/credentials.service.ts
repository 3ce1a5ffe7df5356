import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, ForbiddenError, ValidationError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { rowsOf } from '../../database/rows.js';
import { AccountEntity } from '../accounts/account.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { ActivationFailedError } from './auth.errors.js';
import { historyAfterChange } from './domain/account-standing.js';
import { ACTIVATION, activationDigest, activationUnusable } from './domain/activation-code.js';
import { hashPassword, passwordProblem, verifyPassword } from './domain/password.js';
import { acceptedStep, base32, otpauthUri, TOTP } from './domain/totp.js';
import type { Principal } from './principal.js';
import { TotpSecrets } from './totp-secrets.js';

/**
 * What only the holder of an account does: set the first password with an activation code,
 * change the password, enrol a second factor. Each change is audited in its transaction, and
 * every password change (activation included) ends all sessions of the account.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly totpSecrets: TotpSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Activates an account with the code its authority handed over; one answer for an unknown
   * username, a wrong, used-up or expired code. Wrong codes count; the fifth ends the code.
   */
  async activate(input: { username: string; activationCode: string; newPassword: string }, now = new Date()): Promise<void> {
    const problem = passwordProblem(input.newPassword);
    if (problem) throw ValidationError.field('newPassword', `password ${problem}`);
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ username: input.username });
    if (!account || account.status !== 'pending_activation') throw new ActivationFailedError();
    const pending = { digest: account.activationDigest, expiresAt: account.activationExpiresAt, attempts: account.activationAttempts };
    if (activationUnusable(pending, now)) throw new ActivationFailedError();
    const given = activationDigest(account.id, input.activationCode);
    if (!timingSafeEqual(Buffer.from(given), Buffer.from(pending.digest!))) {
      await this.dataSource.query(`UPDATE accounts SET activation_attempts = activation_attempts + 1 WHERE id = $1 AND activation_attempts < $2`, [account.id, ACTIVATION.maxAttempts]);
      throw new ActivationFailedError();
    }
    await this.refuseReuse(input.newPassword, account.passwordHistory);
    const passwordHash = await hashPassword(input.newPassword);
    const org = await this.organisations.byId(account.organisationId);
    await this.dataSource.transaction(async (em) => {
      // The digest in the condition makes the code single-use even when two activations race.
      const done = rowsOf(
        await em.query(
          `UPDATE accounts SET status = 'active', password_hash = $3, password_changed_at = $4, activation_digest = NULL, activation_expires_at = NULL,
                  activation_attempts = 0, sealed_at = NULL, token_version = token_version + 1
            WHERE id = $1 AND status = 'pending_activation' AND activation_digest = $2 RETURNING id`,
          [account.id, given, passwordHash, now],
        ),
      );
      if (done.length === 0) throw new ActivationFailedError();
      await this.audit.append(em, null, { action: 'account.activated', recordType: 'account', recordId: account.id, scopePath: org.path, details: {} });
    });
  }

  /**
   * Changes the caller's password (also with a password-change token after expiry). A wrong
   * current password ends the session that sent it, so a stolen token cannot be used to guess.
   */
  async changePassword(principal: Principal, input: { currentPassword: string; newPassword: string }, now = new Date()): Promise<void> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: principal.accountId });
    if (!account.passwordHash || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
      await this.dataSource.transaction(async (em) => {
        await em.query(`UPDATE accounts SET token_version = token_version + 1 WHERE id = $1`, [account.id]);
        await this.audit.append(em, principal, { action: 'account.session_ended', recordType: 'account', recordId: account.id, scopePath: principal.organisationPath, details: { reason: 'wrong current password' } });
      });
      throw new ForbiddenError('The current password is wrong; this session has ended, log in again', 'CURRENT_PASSWORD_WRONG');
    }
    const problem = passwordProblem(input.newPassword);
    if (problem) throw ValidationError.field('newPassword', `password ${problem}`);
    await this.refuseReuse(input.newPassword, [account.passwordHash, ...account.passwordHistory]);
    const passwordHash = await hashPassword(input.newPassword);
    const history = historyAfterChange(account.passwordHistory, account.passwordHash, this.config.accountPolicy);
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `UPDATE accounts SET password_hash = $2, password_changed_at = $3, password_history = $4::jsonb, token_version = token_version + 1 WHERE id = $1`,
        [account.id, passwordHash, now, JSON.stringify(history)],
      );
      await this.audit.append(em, principal, {
        action: 'account.password_changed',
        recordType: 'account',
        recordId: account.id,
        scopePath: principal.organisationPath,
        details: {},
      });
    });
  }

  /** Starts (or restarts, until confirmed) TOTP enrolment: a fresh secret, shown once. */
  async enrolTotp(principal: Principal): Promise<{ secret: string; otpauthUri: string }> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: principal.accountId });
    if (account.totpConfirmedAt) throw new ConflictError('TOTP_ALREADY_ENABLED', 'this account already has a confirmed authenticator');
    const secret = randomBytes(TOTP.secretBytes);
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE accounts SET totp_secret_sealed = $2, totp_confirmed_at = NULL, totp_last_step = NULL WHERE id = $1`, [
        account.id,
        this.totpSecrets.seal(account.id, secret),
      ]);
      await this.audit.append(em, principal, { action: 'account.totp_enrolment_started', recordType: 'account', recordId: account.id, scopePath: principal.organisationPath, details: {} });
    });
    return { secret: base32(secret), otpauthUri: otpauthUri(secret, account.username) };
  }

  /** The first code from the authenticator confirms it; from then on logins need a code. */
  async confirmTotp(principal: Principal, code: string, now = new Date()): Promise<void> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: principal.accountId });
    if (account.totpConfirmedAt) throw new ConflictError('TOTP_ALREADY_ENABLED', 'this account already has a confirmed authenticator');
    if (!account.totpSecretSealed) throw new ConflictError('TOTP_NOT_ENROLLING', 'start with POST /auth/totp');
    const step = acceptedStep(this.totpSecrets.open(account.id, account.totpSecretSealed), code, now, null);
    if (step === null) throw ValidationError.field('code', 'is wrong or expired', 'TOTP_INVALID');
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE accounts SET totp_confirmed_at = $2, totp_last_step = $3 WHERE id = $1`, [account.id, now, step]);
      await this.audit.append(em, principal, { action: 'account.totp_enabled', recordType: 'account', recordId: account.id, scopePath: principal.organisationPath, details: {} });
    });
  }

  /** The current and the last N passwords may not be chosen again (compared hash by hash). */
  private async refuseReuse(password: string, hashes: readonly string[]): Promise<void> {
    for (const hash of hashes) {
      if (await verifyPassword(password, hash)) {
        throw ValidationError.field('newPassword', `must differ from the current and the last ${this.config.accountPolicy.passwordHistory} passwords`, 'PASSWORD_REUSED');
      }
    }
  }
}

import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthenticationError, ConflictError, ValidationError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { rowsOf } from '../../database/rows.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { deriveSubkey, openSecret, sealedMasterKeyId, sealingKey, sealSecret, type SealingKey } from '../../identity/domain/secret-box.js';
import { AuditService } from '../audit/audit.service.js';
import { isLockedOut, LOCKOUT } from '../auth/domain/lockout.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/domain/password.js';
import { TokenService } from '../auth/token.service.js';
import { ROOT_PATH } from '../organisations/domain/org-level.js';
import { parseMobile } from './domain/phone.js';
import type { GuardianPrincipal } from './guardian-principal.js';

// Compared against when the phone number is unknown, so that a miss costs as much as a hit.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('dummy-password-for-timing'));

interface GuardianRow {
  id: string;
  password_hash: string;
  status: string;
  token_version: number;
  locked_until: Date | null;
}

/**
 * Guardian accounts: people who follow their children, signed in by mobile number and password
 * (the accounts' password rules and hashing). The number is personal data: a keyed digest finds
 * the account, a sealed copy keeps it; it appears in no log, URL or error. Their tokens are for
 * the guardian audience only (TokenService.issueGuardian), so no organisation route accepts them.
 */
@Injectable()
export class GuardianAccountsService {
  private readonly digestKey: KeyObject;
  private readonly sealKey: SealingKey;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.digestKey = createSecretKey(deriveSubkey(config.masterKey, 'xueji/guardian-phone-digest/v1'));
    this.sealKey = sealingKey(config.masterKey, 'xueji/guardian-phone-seal/v1');
  }

  /** The guardian of a verified guardian token, if the account is active and the token not revoked. */
  async principalFor(subject: { guardianId: string; tokenVersion: number }): Promise<GuardianPrincipal> {
    const [row] = rowsOf<GuardianRow>(await this.dataSource.query(`SELECT id, status, token_version FROM guardian_accounts WHERE id = $1`, [subject.guardianId]));
    if (!row || row.status !== 'active') throw new AuthenticationError('The account is not active');
    if (row.token_version !== subject.tokenVersion) throw new AuthenticationError('The access token was revoked; sign in again');
    return { guardianId: row.id };
  }

  /** Ends every session of the guardian: all their tokens stop working at once (audited at the root: a guardian has no subtree). */
  async logout(guardian: GuardianPrincipal): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE guardian_accounts SET token_version = token_version + 1 WHERE id = $1`, [guardian.guardianId]);
      await this.audit.append(em, { accountId: guardian.guardianId, organisationId: null }, { action: 'guardian.logged_out', recordType: 'guardian', recordId: guardian.guardianId, scopePath: ROOT_PATH });
    });
  }

  /** Checks phone and password (400 naming the field) before any code is looked at. */
  async prepare(input: { phone: string; password: string }): Promise<{ digest: string; sealed: Buffer; passwordHash: string }> {
    const phone = parseMobile(input.phone);
    if (!phone.ok) throw ValidationError.field('phone', phone.message, 'INVALID_PHONE');
    const problem = passwordProblem(input.password);
    if (problem) throw ValidationError.field('password', `password ${problem}`);
    const digest = this.digestOf(phone.normalised);
    return { digest, sealed: sealSecret(this.sealKey, phone.normalised, `guardian-phone:${digest}`), passwordHash: await hashPassword(input.password) };
  }

  /** Inserts the account in the caller's transaction (the binding code was claimed in it). */
  async createIn(em: EntityManager, prepared: { digest: string; sealed: Buffer; passwordHash: string }): Promise<string> {
    const [row] = rowsOf<{ id: string }>(
      await em
        .query(`INSERT INTO guardian_accounts (phone_digest, phone_sealed, password_hash) VALUES ($1, $2, $3) RETURNING id`, [prepared.digest, prepared.sealed, prepared.passwordHash])
        .catch(
          onUniqueViolation(
            'guardian_accounts_phone_digest_key',
            () => new ConflictError('GUARDIAN_EXISTS', 'an account with this mobile number exists: sign in and bind the child with the code'),
          ),
        ),
    );
    return row.id;
  }

  /**
   * Sign-in: one 401 for an unknown number or a wrong password; after LOCKOUT.perAddress failures
   * in a row the account is locked for LOCKOUT.lockMinutes (the route is rate-limited like login).
   */
  async signIn(input: { phone: string; password: string }, now = new Date()): Promise<{ accessToken: string; expiresIn: number; tokenType: 'Bearer' }> {
    const refused = new AuthenticationError('Unknown mobile number or wrong password');
    const phone = parseMobile(input.phone);
    const [row] = phone.ok
      ? rowsOf<GuardianRow>(await this.dataSource.query(`SELECT id, password_hash, status, token_version, locked_until FROM guardian_accounts WHERE phone_digest = $1`, [this.digestOf(phone.normalised)]))
      : [];
    const ok = await verifyPassword(input.password, row?.password_hash ?? (await dummy()));
    if (!row || row.status !== 'active' || isLockedOut(row.locked_until ? new Date(row.locked_until) : null, now)) throw refused;
    if (!ok) {
      await this.dataSource.query(
        `UPDATE guardian_accounts SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz + make_interval(mins => $4) ELSE locked_until END
          WHERE id = $1`,
        [row.id, LOCKOUT.perAddress, now, LOCKOUT.lockMinutes],
      );
      throw refused;
    }
    await this.dataSource.query(`UPDATE guardian_accounts SET failed_logins = 0, last_login_at = $2 WHERE id = $1`, [row.id, now]);
    return { ...(await this.tokens.issueGuardian({ guardianId: row.id, tokenVersion: row.token_version })), tokenType: 'Bearer' };
  }

  /**
   * Master-key replacement (npm run reseal), in the caller's transaction: each phone number sealed
   * under another master key is opened, sealed again and its digest recomputed under the current one.
   */
  async resealIn(em: EntityManager, previousMasterKey: Buffer | null): Promise<{ total: number; resealed: number }> {
    const openKeys = previousMasterKey ? [this.sealKey, sealingKey(previousMasterKey, 'xueji/guardian-phone-seal/v1')] : [this.sealKey];
    const rows = rowsOf<{ id: string; phone_digest: string; phone_sealed: Buffer }>(await em.query(`SELECT id, phone_digest, phone_sealed FROM guardian_accounts ORDER BY id FOR UPDATE`));
    let resealed = 0;
    for (const row of rows) {
      if (sealedMasterKeyId(row.phone_sealed) === this.sealKey.masterKeyId) continue;
      const phone = openSecret(openKeys, row.phone_sealed, `guardian-phone:${row.phone_digest.trim()}`).toString('utf8');
      const digest = this.digestOf(phone);
      await em.query(`UPDATE guardian_accounts SET phone_digest = $2, phone_sealed = $3 WHERE id = $1`, [row.id, digest, sealSecret(this.sealKey, phone, `guardian-phone:${digest}`)]);
      resealed++;
    }
    return { total: rows.length, resealed };
  }

  private digestOf(normalised: string): string {
    return createHmac('sha256', this.digestKey).update(`mobile:${normalised}`).digest('hex');
  }
}

import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthenticationError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { rowsOf } from '../../database/rows.js';
import { AccountEntity } from '../accounts/account.entity.js';
import { AccountSealingService } from '../accounts/account-sealing.service.js';
import { AuditService } from '../audit/audit.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { WarningsService } from '../warnings/warnings.service.js';
import { AccountLockedError, AccountSealedError, PasswordExpiredError, TotpInvalidError, TotpRequiredError } from './auth.errors.js';
import { afterSecondFactor, lastUsed, loginStanding } from './domain/account-standing.js';
import { addressLockMinutes, BURST, burstsSeen, burstWindowStart, LOCKOUT, lockRefusal } from './domain/lockout.js';
import { hashPassword, verifyPassword } from './domain/password.js';
import { acceptedStep } from './domain/totp.js';
import { TokenService, type TokenSubject } from './token.service.js';
import { TotpSecrets } from './totp-secrets.js';

// Compared against when the username is unknown (or has no password yet), so that a miss costs
// as much as a hit. Made on first use: a scrypt hash at import time would slow every start-up.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('dummy-password-for-timing'));

const addressKeyOf = (address: string) => createHash('sha256').update(`xueji-login\n${address}`).digest('hex');

/**
 * Logging in (第二十二、二十四条). An unknown username, a wrong password and an account without a
 * password yet share one answer, so nobody learns which usernames exist. Only once the password
 * was right does the answer say more: sealed, second factor needed or wrong, password expired
 * (domain/account-standing.ts). Locks are per account and client address, with an account-wide
 * lock that spares the addresses the owner logged in from (domain/lockout.ts).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
    private readonly tokens: TokenService,
    private readonly sealing: AccountSealingService,
    private readonly totpSecrets: TotpSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `address`: the client address as the HTTP layer sees it; `now`: the clock (tests pass their own). */
  async authenticate(username: string, password: string, address = 'unknown', now = new Date(), totpCode?: string): Promise<TokenSubject> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ username });
    const ok = await verifyPassword(password, account?.passwordHash ?? (await dummy()));
    const refused = new AuthenticationError('Unknown username or wrong password');
    if (!account || !account.passwordHash) throw refused;
    const addressKey = addressKeyOf(address);
    const [seen] = rowsOf<{ locked_until: Date | null; last_success_at: Date | null }>(
      await this.dataSource.query(`SELECT locked_until, last_success_at FROM login_addresses WHERE account_id = $1 AND address_key = $2`, [account.id, addressKey]),
    );
    const knownAddress = Boolean(seen?.last_success_at);
    // A locked address (or, account-wide, an unknown one) is refused whatever the password, and
    // its failures are not counted: nobody can extend a lock, or keep the owner out for good.
    const lock = lockRefusal({ addressLockedUntil: seen?.locked_until ? new Date(seen.locked_until) : null, accountLockedUntil: account.lockedUntil, knownAddress }, now);
    if (lock) throw lock.kind === 'locked' ? new AccountLockedError(lock.until) : refused;
    if (!ok) {
      await this.recordFailure(account, addressKey, knownAddress, now);
      throw refused;
    }
    const policy = this.config.accountPolicy;
    const standing = loginStanding(
      { status: account.status, lastUsedAt: lastUsed(account), passwordChangedAt: account.passwordChangedAt, totpEnabled: Boolean(account.totpConfirmedAt), totpCodeGiven: Boolean(totpCode) },
      now,
      policy,
    );
    if (standing === 'NOT_ACTIVE') throw refused;
    if (standing === 'ACCOUNT_SEALED') throw new AccountSealedError();
    if (standing === 'SEAL_NOW') {
      const org = await this.organisations.byId(account.organisationId);
      await this.dataSource.transaction((em) => this.sealing.sealIn(em, { id: account.id, role: account.role, organisationPath: org.path, lastUsedAt: lastUsed(account) }, now, 'login'));
      throw new AccountSealedError();
    }
    if (standing === 'TOTP_REQUIRED') throw new TotpRequiredError();
    if (standing === 'TOTP_CHECK' && !(await this.acceptTotp(account, totpCode!, now))) {
      await this.recordFailure(account, addressKey, knownAddress, now);
      throw new TotpInvalidError();
    }
    const subject = { accountId: account.id, tokenVersion: account.tokenVersion };
    if (afterSecondFactor(account.passwordChangedAt, now, policy) === 'PASSWORD_EXPIRED') {
      await this.recordSuccess(account.id, addressKey, now, false);
      throw new PasswordExpiredError(await this.tokens.issue({ ...subject, scope: 'password_change' }));
    }
    await this.recordSuccess(account.id, addressKey, now, true);
    return subject;
  }

  /** A valid code for a step after the last one used; claiming the step is atomic, so a replay in parallel fails too. */
  private async acceptTotp(account: AccountEntity, code: string, now: Date): Promise<boolean> {
    const secret = this.totpSecrets.open(account.id, account.totpSecretSealed!);
    const step = acceptedStep(secret, code, now, account.totpLastStep === null ? null : Number(account.totpLastStep));
    if (step === null) return false;
    const claimed = rowsOf(
      await this.dataSource.query(`UPDATE accounts SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`, [account.id, step]),
    );
    return claimed.length === 1;
  }

  /** The password was right: counters start afresh and the address becomes one the owner uses. */
  private async recordSuccess(accountId: string, addressKey: string, now: Date, loggedIn: boolean) {
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE accounts SET failed_logins = 0, last_login_at = CASE WHEN $3 THEN $2::timestamptz ELSE last_login_at END WHERE id = $1`, [accountId, now, loggedIn]);
      await em.query(
        `INSERT INTO login_addresses (account_id, address_key, failures, last_success_at) VALUES ($1, $2, 0, $3)
         ON CONFLICT (account_id, address_key) DO UPDATE SET failures = 0, locked_until = NULL, locks = 0, last_success_at = $3`,
        [accountId, addressKey, now],
      );
    });
  }

  /**
   * Counts the failure atomically (guesses arrive in parallel), for the address and the account:
   * the address's `perAddress`th failure locks that address (longer each time, see lockout.ts);
   * the account's `accountWide`th locks the account for unknown addresses and ends its sessions.
   */
  private async recordFailure(account: AccountEntity, addressKey: string, knownAddress: boolean, now: Date) {
    await this.dataSource.transaction(async (em) => {
      const [address] = rowsOf<{ locked_now: boolean; locks: number }>(
        await em.query(
          `INSERT INTO login_addresses (account_id, address_key, failures) VALUES ($1, $2, 1)
           ON CONFLICT (account_id, address_key) DO UPDATE SET
             failures = CASE WHEN login_addresses.failures + 1 >= $3 THEN 0 ELSE login_addresses.failures + 1 END,
             locks = CASE WHEN login_addresses.failures + 1 >= $3 THEN login_addresses.locks + 1 ELSE login_addresses.locks END
           RETURNING failures = 0 AS locked_now, locks`,
          [account.id, addressKey, LOCKOUT.perAddress],
        ),
      );
      const addressMinutes = addressLockMinutes(address?.locks ?? 1, knownAddress);
      if (address?.locked_now) {
        await em.query(`UPDATE login_addresses SET locked_until = $3::timestamptz + make_interval(mins => $4) WHERE account_id = $1 AND address_key = $2`, [
          account.id,
          addressKey,
          now,
          addressMinutes,
        ]);
      }
      const [wide] = rowsOf<{ locked_now: boolean }>(
        await em.query(
          `UPDATE accounts
              SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                  locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $4::timestamptz + make_interval(mins => $3) ELSE locked_until END,
                  -- an account-wide lock also ends every session the account has open
                  token_version = CASE WHEN failed_logins + 1 >= $2 THEN token_version + 1 ELSE token_version END
            WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $4)
        RETURNING failed_logins = 0 AS locked_now`,
          [account.id, LOCKOUT.accountWide, LOCKOUT.lockMinutes, now],
        ),
      );
      const org = await this.organisations.byId(account.organisationId, em);
      await this.watchForBurst(em, account, org, addressKey, now);
      if (!address?.locked_now && !wide?.locked_now) return;
      const details = wide?.locked_now
        ? { failedLogins: LOCKOUT.accountWide, lockMinutes: LOCKOUT.lockMinutes, scope: 'account, except addresses it logged in from' }
        : { failedLogins: LOCKOUT.perAddress, lockMinutes: addressMinutes, lockNumber: address!.locks, scope: 'one client address' };
      await this.audit.append(em, null, {
        action: wide?.locked_now ? 'account.locked' : 'account.locked_for_address',
        recordType: 'account',
        recordId: account.id,
        scopePath: org.path,
        details,
      });
      // Every lock is reported to the authority above the account's organisation (第二十二条).
      await this.warnings.raise(em, { kind: 'account.locked', subjectPath: org.path, subjectType: 'account', subjectId: account.id, evidence: { ...details, role: account.role } });
    });
  }

  /**
   * Keeps the failure for a day and reports a burst (many failures in one organisation, or from
   * one address against several accounts, within the window) once per window to the authority above.
   */
  private async watchForBurst(em: EntityManager, account: AccountEntity, org: { id: string; path: string }, addressKey: string, now: Date) {
    await em.query(`INSERT INTO login_failures (failed_at, account_id, organisation_path, address_key) VALUES ($1, $2, $3, $4)`, [now, account.id, org.path, addressKey]);
    const since = new Date(now.getTime() - BURST.windowMinutes * 60_000);
    const [counts] = rowsOf<{ organisation_failures: string; address_accounts: string }>(
      await em.query(
        `SELECT (SELECT count(*) FROM login_failures WHERE organisation_path = $1 AND failed_at > $3) AS organisation_failures,
                (SELECT count(DISTINCT account_id) FROM login_failures WHERE address_key = $2 AND failed_at > $3) AS address_accounts`,
        [org.path, addressKey, since],
      ),
    );
    const window = burstWindowStart(now).toISOString();
    const evidence = { organisationFailures: Number(counts.organisation_failures), addressAccounts: Number(counts.address_accounts), windowMinutes: BURST.windowMinutes };
    for (const seen of burstsSeen(evidence)) {
      // An address is named by a prefix of its digest only: enough to match reports, not the address itself.
      const [subjectType, subjectId] = seen === 'organisation' ? ['organisation', org.id] : ['login_address', addressKey.slice(0, 16)];
      await this.warnings.raise(em, {
        kind: 'login.failure_burst',
        subjectPath: org.path,
        subjectType,
        subjectId,
        evidence: { ...evidence, burst: seen, windowStart: window },
        dedupeKey: `login.failure_burst:${seen}:${subjectId}:${window}`,
      });
    }
  }
}

import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticationError, ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { AuditService } from '../audit/audit.service.js';
import { LOCKOUT, loginRefused } from '../auth/domain/lockout.js';
import type { TokenSubject } from '../auth/token.service.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/domain/password.js';
import type { Principal } from '../auth/principal.js';
import { roleForLevel } from '../organisations/domain/org-level.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { WarningsService } from '../warnings/warnings.service.js';
import { AccountEntity } from './account.entity.js';

export interface AccountView {
  id: string;
  username: string;
  role: string;
  organisationCode: string;
  status: string;
}

// Compared against when the username is unknown, so that a miss costs as much as a hit.
// Made on first use: a scrypt hash at import time would slow every start-up.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('dummy-password-for-timing'));

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
  ) {}

  /**
   * Checks a username and password; one answer for every kind of failure, so that nobody
   * learns which usernames exist or which accounts are locked. Locks are per account and client
   * address, with an account-wide lock that spares the addresses the owner logged in from
   * (domain/lockout.ts). `address`: the client address as the HTTP layer sees it.
   */
  async authenticate(username: string, password: string, address = 'unknown', now = new Date()): Promise<TokenSubject> {
    const repo = this.dataSource.getRepository(AccountEntity);
    const account = await repo.findOneBy({ username });
    const ok = await verifyPassword(password, account?.passwordHash ?? (await dummy()));
    const refused = new AuthenticationError('Unknown username or wrong password');
    if (!account) throw refused;
    const addressKey = createHash('sha256').update(`xueji-login\n${address}`).digest('hex');
    const [seen] = await this.dataSource.query(`SELECT locked_until, last_success_at FROM login_addresses WHERE account_id = $1 AND address_key = $2`, [
      account.id,
      addressKey,
    ]);
    const state = {
      addressLockedUntil: seen?.locked_until ? new Date(seen.locked_until) : null,
      accountLockedUntil: account.lockedUntil,
      knownAddress: Boolean(seen?.last_success_at),
    };
    // A locked address (or, account-wide, an unknown one) is refused whatever the password, and
    // its failures are not counted: nobody can extend a lock, or keep the owner out for good.
    if (loginRefused(state, now)) throw refused;
    if (!ok) {
      await this.recordFailure(account, addressKey);
      throw refused;
    }
    if (account.status !== 'active') throw refused;
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE accounts SET failed_logins = 0, last_login_at = $2 WHERE id = $1`, [account.id, now]);
      await em.query(
        `INSERT INTO login_addresses (account_id, address_key, failures, last_success_at) VALUES ($1, $2, 0, $3)
         ON CONFLICT (account_id, address_key) DO UPDATE SET failures = 0, locked_until = NULL, last_success_at = $3`,
        [account.id, addressKey, now],
      );
    });
    return { accountId: account.id, tokenVersion: account.tokenVersion };
  }

  /**
   * Counts the failure atomically (guesses arrive in parallel), for the address and the account:
   * the address's `perAddress`th failure locks that address; the account's `accountWide`th locks
   * the account for unknown addresses and ends its open sessions.
   */
  private async recordFailure(account: AccountEntity, addressKey: string) {
    await this.dataSource.transaction(async (em) => {
      const [address] = rowsOf<{ locked_now: boolean }>(
        await em.query(
          `INSERT INTO login_addresses (account_id, address_key, failures) VALUES ($1, $2, 1)
           ON CONFLICT (account_id, address_key) DO UPDATE SET
             failures = CASE WHEN login_addresses.failures + 1 >= $3 THEN 0 ELSE login_addresses.failures + 1 END,
             locked_until = CASE WHEN login_addresses.failures + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE login_addresses.locked_until END
           RETURNING failures = 0 AS locked_now`,
          [account.id, addressKey, LOCKOUT.perAddress, LOCKOUT.lockMinutes],
        ),
      );
      const [wide] = rowsOf<{ locked_now: boolean }>(
        await em.query(
          `UPDATE accounts
              SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                  locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
                  -- an account-wide lock also ends every session the account has open
                  token_version = CASE WHEN failed_logins + 1 >= $2 THEN token_version + 1 ELSE token_version END
            WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING failed_logins = 0 AS locked_now`,
          [account.id, LOCKOUT.accountWide, LOCKOUT.lockMinutes],
        ),
      );
      if (!address?.locked_now && !wide?.locked_now) return;
      const org = await this.organisations.byId(account.organisationId, em);
      const details = wide?.locked_now
        ? { failedLogins: LOCKOUT.accountWide, lockMinutes: LOCKOUT.lockMinutes, scope: 'account, except addresses it logged in from' }
        : { failedLogins: LOCKOUT.perAddress, lockMinutes: LOCKOUT.lockMinutes, scope: 'one client address' };
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

  /** The acting identity for a verified token's account, if the token was not revoked since. */
  async principalFor({ accountId, tokenVersion }: TokenSubject): Promise<Principal> {
    // Every authenticated request passes here: one query for the account and its organisation.
    const [row] = await this.dataSource.query(
      `SELECT a.role, a.status, a.token_version, o.id AS org_id, o.code, o.level, o.path
         FROM accounts a JOIN organisations o ON o.id = a.organisation_id
        WHERE a.id = $1`,
      [accountId],
    );
    if (!row || row.status !== 'active') throw new AuthenticationError('The account is not active');
    if (row.token_version !== tokenVersion) throw new AuthenticationError('The access token was revoked (logout or lock-out); log in again');
    return {
      accountId,
      role: row.role,
      organisationId: row.org_id,
      organisationCode: row.code,
      organisationLevel: row.level,
      organisationPath: row.path,
    };
  }

  /** Ends every session of the caller's account: all its access tokens stop working at once. */
  async logout(principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE accounts SET token_version = token_version + 1 WHERE id = $1`, [principal.accountId]);
      await this.audit.append(em, principal, {
        action: 'account.logged_out',
        recordType: 'account',
        recordId: principal.accountId,
        scopePath: principal.organisationPath,
        details: {},
      });
    });
  }

  /** Creates an account for an organisation in the caller's subtree; its role follows the level. */
  async create(principal: Principal | null, input: { username: string; password: string; organisationCode: string }) {
    const problem = passwordProblem(input.password);
    if (problem) throw ValidationError.field('password', `password ${problem}`);
    const org = await this.organisations.findVisible(principal, input.organisationCode);
    if (!org) throw new NotFoundError('Organisation');
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (em) => {
      const account = await em.getRepository(AccountEntity).save({
        username: input.username,
        passwordHash,
        role: roleForLevel(org.level),
        organisationId: org.id,
        status: 'active',
        failedLogins: 0,
      });
      await this.audit.append(em, principal, {
        action: 'account.created',
        recordType: 'account',
        recordId: account.id,
        scopePath: org.path,
        details: { role: account.role, organisationCode: org.code },
      });
      // Reported above whoever created it: an administrator creating accounts is overseen.
      await this.warnings.raise(em, {
        kind: 'account.created',
        subjectPath: principal?.organisationPath ?? org.path,
        subjectType: 'account',
        subjectId: account.id,
        evidence: { role: account.role, organisationCode: org.code, createdBy: principal?.accountId ?? 'setup' },
      });
      return this.view(account, org.code);
    }).catch(onUniqueViolation('accounts_username_key', () => new ConflictError('USERNAME_TAKEN', 'username is already taken')));
  }

  exists(username: string): Promise<boolean> {
    return this.dataSource.getRepository(AccountEntity).existsBy({ username });
  }

  async me(principal: Principal): Promise<AccountView> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: principal.accountId });
    return this.view(account, principal.organisationCode);
  }

  private view(account: AccountEntity, organisationCode: string): AccountView {
    return { id: account.id, username: account.username, role: account.role, organisationCode, status: account.status };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthenticationError, ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { AuditService } from '../audit/audit.service.js';
import { activationDigest, activationExpiry, newActivationCode } from '../auth/domain/activation-code.js';
import { hashPassword, passwordProblem } from '../auth/domain/password.js';
import { subtreeFilter, type Principal } from '../auth/principal.js';
import type { TokenSubject } from '../auth/token.service.js';
import { roleForLevel } from '../organisations/domain/org-level.js';
import type { OrganisationEntity } from '../organisations/organisation.entity.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { WarningsService } from '../warnings/warnings.service.js';
import { AccountEntity } from './account.entity.js';
import { accountView, accountViewOfRow, type AccountView, type ActivationIssued } from './account-view.js';

export type { AccountView } from './account-view.js';

/** The columns of a list row; dates as text, so that no driver moves them across midnight. */
const LIST_COLUMNS = `a.id, a.username, a.role, a.status, a.password_changed_at, a.last_login_at, a.totp_confirmed_at,
  a.filed_on::text AS filed_on, a.filing_reference, a.trained_on::text AS trained_on, a.training_course, o.code AS organisation_code`;

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
  ) {}

  /** The acting identity for a verified token's account, if the token was not revoked since. */
  async principalFor({ accountId, tokenVersion, scope }: TokenSubject): Promise<Principal> {
    // Every authenticated request passes here: one query for the account and its organisation.
    const [row] = await this.dataSource.query(
      `SELECT a.role, a.status, a.token_version, a.filed_on IS NOT NULL AND a.trained_on IS NOT NULL AS filed,
              o.id AS org_id, o.code, o.level, o.path
         FROM accounts a JOIN organisations o ON o.id = a.organisation_id
        WHERE a.id = $1`,
      [accountId],
    );
    if (!row || row.status !== 'active') throw new AuthenticationError('The account is not active');
    if (row.token_version !== tokenVersion) throw new AuthenticationError('The access token was revoked (logout, lock-out, password change or sealing); log in again');
    return {
      accountId,
      role: row.role,
      organisationId: row.org_id,
      organisationCode: row.code,
      organisationLevel: row.level,
      organisationPath: row.path,
      registrarFiled: row.role !== 'school_registrar' || row.filed === true,
      passwordChangeOnly: scope === 'password_change',
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

  /**
   * An authority creates an account for an organisation in its subtree; its role follows the
   * level. It has no password: the answer carries a one-time activation code, shown this once,
   * with which the holder sets their own (POST /auth/activation).
   */
  async create(principal: Principal, input: { username: string; organisationCode: string }, now = new Date()): Promise<ActivationIssued> {
    const org = await this.organisations.findVisible(principal, input.organisationCode);
    if (!org) throw new NotFoundError('Organisation');
    const code = newActivationCode();
    const expiresAt = activationExpiry(now);
    const account = await this.insert(
      principal,
      org,
      { username: input.username, passwordHash: null, status: 'pending_activation' },
      (em, saved) => em.query(`UPDATE accounts SET activation_digest = $2, activation_expires_at = $3 WHERE id = $1`, [saved.id, activationDigest(saved.id, code), expiresAt]),
      // No new account at a school merged or closed (第十二条): its own were sealed with it.
      (em) => this.organisations.assertOpenIn(em, org.id),
    );
    return { account, activationCode: code, activationExpiresAt: expiresAt.toISOString() };
  }

  /**
   * System only (the install command and test support; no route calls it): an active account
   * with a password, for those with nobody above them to hand over a code — the first national
   * administrator, the demo tree.
   */
  async createBySystem(input: { username: string; password: string; organisationCode: string }, now = new Date()): Promise<AccountView> {
    const problem = passwordProblem(input.password);
    if (problem) throw ValidationError.field('password', `password ${problem}`);
    const org = await this.organisations.findVisible(null, input.organisationCode);
    if (!org) throw new NotFoundError('Organisation');
    const passwordHash = await hashPassword(input.password);
    return this.insert(null, org, { username: input.username, passwordHash, status: 'active', passwordChangedAt: now });
  }

  private insert(
    principal: Principal | null,
    org: OrganisationEntity,
    fields: Pick<AccountEntity, 'username' | 'passwordHash' | 'status'> & { passwordChangedAt?: Date },
    more?: (em: EntityManager, account: AccountEntity) => Promise<unknown>,
    before?: (em: EntityManager) => Promise<unknown>,
  ): Promise<AccountView> {
    return this.dataSource
      .transaction(async (em) => {
        await before?.(em);
        const account = await em.getRepository(AccountEntity).save({ ...fields, role: roleForLevel(org.level), organisationId: org.id, failedLogins: 0, passwordHistory: [], activationAttempts: 0 });
        await more?.(em, account);
        await this.audit.append(em, principal, {
          action: 'account.created',
          recordType: 'account',
          recordId: account.id,
          scopePath: org.path,
          details: { role: account.role, organisationCode: org.code, status: account.status },
        });
        // Reported above whoever created it: an administrator creating accounts is overseen.
        await this.warnings.raise(em, {
          kind: 'account.created',
          subjectPath: principal?.organisationPath ?? org.path,
          subjectType: 'account',
          subjectId: account.id,
          evidence: { role: account.role, organisationCode: org.code, createdBy: principal?.accountId ?? 'setup' },
        });
        return accountView(account, org.code);
      })
      .catch(onUniqueViolation('accounts_username_key', () => new ConflictError('USERNAME_TAKEN', 'username is already taken')));
  }

  /** Accounts in the caller's subtree with their standing, by username; keyset pages (`after`: the last id seen). */
  async list(principal: Principal, query: { limit: number; after?: string }): Promise<{ items: AccountView[]; next: string | null }> {
    const scope = subtreeFilter(principal, 'o.path');
    const qb = this.dataSource
      .createQueryBuilder()
      .select(LIST_COLUMNS)
      .from('accounts', 'a')
      .innerJoin('organisations', 'o', 'o.id = a.organisation_id')
      .where(scope.where, scope.params)
      .orderBy('a.username', 'ASC')
      .limit(query.limit + 1);
    if (query.after) qb.andWhere('a.username > (SELECT username FROM accounts WHERE id = :after)', { after: query.after });
    const rows = await qb.getRawMany<Record<string, unknown>>();
    const page = rows.slice(0, query.limit).map(accountViewOfRow);
    return { items: page, next: rows.length > query.limit ? page[page.length - 1].id : null };
  }

  exists(username: string): Promise<boolean> {
    return this.dataSource.getRepository(AccountEntity).existsBy({ username });
  }

  async me(principal: Principal): Promise<AccountView> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: principal.accountId });
    return accountView(account, principal.organisationCode);
  }
}

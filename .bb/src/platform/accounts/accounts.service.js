var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticationError, ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { AuditService } from '../audit/audit.service.js';
import { isLockedOut, LOCKOUT } from '../auth/domain/lockout.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/domain/password.js';
import { roleForLevel } from '../organisations/domain/org-level.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { AccountEntity } from './account.entity.js';
// Compared against when the username is unknown, so that a miss costs as much as a hit.
// Made on first use: a scrypt hash at import time would slow every start-up.
let dummyHash;
const dummy = () => (dummyHash ??= hashPassword('dummy-password-for-timing'));
let AccountsService = class AccountsService {
    constructor(dataSource, organisations, audit) {
        this.dataSource = dataSource;
        this.organisations = organisations;
        this.audit = audit;
    }
    /**
     * Checks a username and password; one answer for every kind of failure, so that nobody
     * learns which usernames exist or which accounts are locked.
     */
    async authenticate(username, password, now = new Date()) {
        const repo = this.dataSource.getRepository(AccountEntity);
        const account = await repo.findOneBy({ username });
        const ok = await verifyPassword(password, account?.passwordHash ?? (await dummy()));
        const refused = new AuthenticationError('Unknown username or wrong password');
        if (!account)
            throw refused;
        if (!ok) {
            await this.recordFailure(account);
            throw refused;
        }
        if (account.status !== 'active' || isLockedOut(account.lockedUntil, now))
            throw refused;
        await repo.update({ id: account.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
        return account.id;
    }
    /** Counts the failure atomically (guesses arrive in parallel); the THRESHOLDth one locks. */
    async recordFailure(account) {
        await this.dataSource.transaction(async (em) => {
            const [row] = rowsOf(await em.query(`UPDATE accounts
              SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                  locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
            WHERE id = $1
        RETURNING failed_logins = 0 AS locked_now`, [account.id, LOCKOUT.threshold, LOCKOUT.lockMinutes]));
            if (!row?.locked_now)
                return;
            const org = await this.organisations.byId(account.organisationId, em);
            await this.audit.append(em, null, {
                action: 'account.locked',
                recordType: 'account',
                recordId: account.id,
                scopePath: org.path,
                details: { failedLogins: LOCKOUT.threshold, lockMinutes: LOCKOUT.lockMinutes },
            });
        });
    }
    /** The acting identity for an account id taken from a verified token. */
    async principalFor(accountId) {
        // Every authenticated request passes here: one query for the account and its organisation.
        const [row] = await this.dataSource.query(`SELECT a.role, a.status, o.id AS org_id, o.code, o.level, o.path
         FROM accounts a JOIN organisations o ON o.id = a.organisation_id
        WHERE a.id = $1`, [accountId]);
        if (!row || row.status !== 'active')
            throw new AuthenticationError('The account is not active');
        return {
            accountId,
            role: row.role,
            organisationId: row.org_id,
            organisationCode: row.code,
            organisationLevel: row.level,
            organisationPath: row.path,
        };
    }
    /** Creates an account for an organisation in the caller's subtree; its role follows the level. */
    async create(principal, input) {
        const problem = passwordProblem(input.password);
        if (problem)
            throw ValidationError.field('password', `password ${problem}`);
        const org = await this.organisations.findVisible(principal, input.organisationCode);
        if (!org)
            throw new NotFoundError('Organisation');
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
            return this.view(account, org.code);
        }).catch(onUniqueViolation('accounts_username_key', () => new ConflictError('USERNAME_TAKEN', 'username is already taken')));
    }
    exists(username) {
        return this.dataSource.getRepository(AccountEntity).existsBy({ username });
    }
    async me(principal) {
        const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: principal.accountId });
        return this.view(account, principal.organisationCode);
    }
    view(account, organisationCode) {
        return { id: account.id, username: account.username, role: account.role, organisationCode, status: account.status };
    }
};
AccountsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        OrganisationsService,
        AuditService])
], AccountsService);
export { AccountsService };
//# sourceMappingURL=accounts.service.js.map
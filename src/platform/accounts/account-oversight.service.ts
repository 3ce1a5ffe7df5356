import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, UnprocessableError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../audit/audit.service.js';
import { activationDigest, activationExpiry, newActivationCode } from '../auth/domain/activation-code.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { historyAfterChange } from '../auth/domain/account-standing.js';
import type { Principal } from '../auth/principal.js';
import { isWithinSubtree } from '../organisations/domain/org-level.js';
import { AccountEntity } from './account.entity.js';
import { accountView, type AccountView, type ActivationIssued } from './account-view.js';

interface Overseen {
  account: AccountEntity;
  org: { code: string; path: string };
}

/**
 * What the authority above an account's organisation does to it (第二十二、二十四条): record a
 * registrar's filing (备案) and training, unseal a sealed account, issue a new activation code.
 * "Above" is strict: nobody oversees an account of their own organisation. Each change is audited
 * in its transaction; unsealing and a new code end every session of the account.
 */
@Injectable()
export class AccountOversightService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  recordFiling(principal: Principal, id: string, input: { filedOn: string; reference: string }): Promise<AccountView> {
    return this.registrarRecord(principal, id, 'account.filed', `filed_on = $2, filing_reference = $3`, [input.filedOn, input.reference], { filedOn: input.filedOn, reference: input.reference });
  }

  recordTraining(principal: Principal, id: string, input: { trainedOn: string; course: string }): Promise<AccountView> {
    return this.registrarRecord(principal, id, 'account.trained', `trained_on = $2, training_course = $3`, [input.trainedOn, input.course], { trainedOn: input.trainedOn, course: input.course });
  }

  /** A sealed account becomes pending again: its password is retired and the holder sets a new one with the code. */
  unseal(principal: Principal, id: string, now = new Date()): Promise<ActivationIssued> {
    return this.dataSource.transaction(async (em) => {
      const { account, org } = await this.overseen(em, principal, id);
      if (account.status !== 'sealed') throw new ConflictError('ACCOUNT_NOT_SEALED', 'only a sealed account can be unsealed');
      const history = historyAfterChange(account.passwordHistory, account.passwordHash, this.config.accountPolicy);
      await em.query(`UPDATE accounts SET status = 'pending_activation', password_hash = NULL, password_history = $2::jsonb, sealed_at = NULL WHERE id = $1`, [account.id, JSON.stringify(history)]);
      return this.issueCode(em, principal, account, org, now, 'account.unsealed');
    });
  }

  /** A new activation code for an account still waiting for its holder (the old one expired or was lost). */
  reissueActivation(principal: Principal, id: string, now = new Date()): Promise<ActivationIssued> {
    return this.dataSource.transaction(async (em) => {
      const { account, org } = await this.overseen(em, principal, id);
      if (account.status !== 'pending_activation') throw new ConflictError('ACCOUNT_NOT_PENDING', 'the account was already activated');
      return this.issueCode(em, principal, account, org, now, 'account.activation_reissued');
    });
  }

  private async issueCode(em: EntityManager, principal: Principal, account: AccountEntity, org: Overseen['org'], now: Date, action: string): Promise<ActivationIssued> {
    const code = newActivationCode();
    const expiresAt = activationExpiry(now);
    await em.query(
      `UPDATE accounts SET activation_digest = $2, activation_expires_at = $3, activation_attempts = 0, token_version = token_version + 1 WHERE id = $1`,
      [account.id, activationDigest(account.id, code), expiresAt],
    );
    await this.audit.append(em, principal, { action, recordType: 'account', recordId: account.id, scopePath: org.path, details: { activationExpiresAt: expiresAt.toISOString() } });
    const updated = await em.getRepository(AccountEntity).findOneByOrFail({ id: account.id });
    return { account: accountView(updated, org.code), activationCode: code, activationExpiresAt: expiresAt.toISOString() };
  }

  private registrarRecord(principal: Principal, id: string, action: string, set: string, values: string[], details: Record<string, string>): Promise<AccountView> {
    return this.dataSource.transaction(async (em) => {
      const { account, org } = await this.overseen(em, principal, id);
      if (account.role !== 'school_registrar') throw new UnprocessableError('NOT_A_REGISTRAR', 'filing and training are recorded for school registrar accounts');
      await em.query(`UPDATE accounts SET ${set} WHERE id = $1`, [account.id, ...values]);
      await this.audit.append(em, principal, { action, recordType: 'account', recordId: account.id, scopePath: org.path, details });
      return accountView(await em.getRepository(AccountEntity).findOneByOrFail({ id: account.id }), org.code);
    });
  }

  /** The account, locked for the change, if its organisation is strictly below the caller's; otherwise not found. */
  private async overseen(em: EntityManager, principal: Principal, id: string): Promise<Overseen> {
    const [row] = rowsOf<{ code: string; path: string; closed_on: string | null }>(
      await em.query(`SELECT o.code, o.path, o.closed_on::text AS closed_on FROM accounts a JOIN organisations o ON o.id = a.organisation_id WHERE a.id = $1 FOR UPDATE OF a`, [id]),
    );
    if (!row || row.path === principal.organisationPath || !isWithinSubtree(principal.organisationPath, row.path)) throw new NotFoundError('Account');
    // A merged or closed school's accounts were sealed with it and stay so (第十二条).
    if (row.closed_on) throw new ConflictError('SCHOOL_CLOSED', `the school was merged or closed on ${row.closed_on}: its accounts stay sealed`);
    return { account: await em.getRepository(AccountEntity).findOneByOrFail({ id }), org: row };
  }
}

import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { rowsOf } from '../../database/rows.js';
import { PeriodicTask } from '../../common/runtime/periodic-task.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { dormancyCutoff } from '../auth/domain/account-standing.js';
import { WarningsService } from '../warnings/warnings.service.js';

export interface SealableAccount {
  id: string;
  role: string;
  organisationPath: string;
  lastUsedAt: Date;
}

/**
 * Sealing for disuse (第二十四条: accounts unused for a long time are sealed). It happens when an
 * unused account tries to log in, and in a sweep every `ACCOUNT_SWEEP_MINUTES` (any instance may
 * run it: sealing a sealed account changes nothing). Each seal ends the account's sessions, is
 * audited and reported to the authority above, in one transaction.
 */
@Injectable()
export class AccountSealingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private sweep?: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep = new PeriodicTask('dormancy sweep', this.config.accountSweepMinutes * 60_000, () => this.sealDormant());
    this.sweep.start();
  }

  beforeApplicationShutdown(): void {
    this.sweep?.stop();
  }

  /** Seals one account in the caller's transaction; false when it was not active any more. */
  async sealIn(em: EntityManager, account: SealableAccount, now: Date, trigger: 'login' | 'sweep'): Promise<boolean> {
    const sealed = rowsOf(
      await em.query(
        `UPDATE accounts SET status = 'sealed', sealed_at = $2, token_version = token_version + 1 WHERE id = $1 AND status = 'active' RETURNING id`,
        [account.id, now],
      ),
    );
    if (sealed.length === 0) return false;
    const details = { trigger, lastUsedOn: account.lastUsedAt.toISOString().slice(0, 10), sealAfterDays: this.config.accountPolicy.sealAfterDays };
    await this.audit.append(em, null, { action: 'account.sealed', recordType: 'account', recordId: account.id, scopePath: account.organisationPath, details });
    await this.warnings.raise(em, {
      kind: 'account.sealed',
      subjectPath: account.organisationPath,
      subjectType: 'account',
      subjectId: account.id,
      evidence: { ...details, role: account.role },
    });
    return true;
  }

  /**
   * A school merged or closed (第十二条) keeps no working accounts: every account of it, active or
   * waiting for activation, is sealed in the closing transaction (its sessions end), audited as
   * the closing authority's act; none can be unsealed or added there afterwards.
   */
  async sealOrganisationIn(em: EntityManager, principal: Principal, organisation: { id: string; path: string }, now: Date, change: 'school.merged' | 'school.closed'): Promise<number> {
    const sealed = rowsOf<{ id: string; role: string }>(
      await em.query(
        `UPDATE accounts SET status = 'sealed', sealed_at = $2, token_version = token_version + 1, activation_digest = NULL
          WHERE organisation_id = $1 AND status IN ('active', 'pending_activation') RETURNING id, role`,
        [organisation.id, now],
      ),
    );
    for (const account of sealed) {
      await this.audit.append(em, principal, { action: 'account.sealed', recordType: 'account', recordId: account.id, scopePath: organisation.path, details: { trigger: change, role: account.role } });
    }
    return sealed.length;
  }

  /** Seals every active account unused since the cut-off; answers how many. Also forgets login failures older than a day. */
  async sealDormant(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = rowsOf<{ id: string; role: string; path: string; last_used_at: Date | string }>(
        await em.query(
          `SELECT a.id, a.role, o.path, GREATEST(a.last_login_at, a.password_changed_at, a.created_at) AS last_used_at
             FROM accounts a JOIN organisations o ON o.id = a.organisation_id
            WHERE a.status = 'active' AND GREATEST(a.last_login_at, a.password_changed_at, a.created_at) < $1
            ORDER BY a.id FOR UPDATE OF a`,
          [dormancyCutoff(now, this.config.accountPolicy)],
        ),
      );
      let count = 0;
      for (const row of rows) {
        const account = { id: row.id, role: row.role, organisationPath: row.path, lastUsedAt: new Date(row.last_used_at) };
        if (await this.sealIn(em, account, now, 'sweep')) count++;
      }
      await em.query(`DELETE FROM login_failures WHERE failed_at < $1`, [new Date(now.getTime() - 86_400_000)]);
      return count;
    });
  }
}

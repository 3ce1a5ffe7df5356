import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { WarningsService } from '../warnings/warnings.service.js';
import { EARLY_WARNING_THRESHOLDS, hourBucket, isLookupBurst, readBurstThreshold, unusualHourNight, chinaHour } from './domain/early-warnings.js';

/**
 * Early warnings (第二十三条 预警) to the authority above the account's organisation, one per
 * account per window (dedupe keys), with counts and ids as evidence. Cheap on the paths that
 * call it: the day's read count arrives with the read's own insert, the history is read at most
 * once per account per day, and nothing is asked of the database below the thresholds.
 */
@Injectable()
export class EarlyWarningsService {
  /** Per account: today's burst threshold, and whether today's warning was raised already. */
  private readonly today = new Map<string, { day: string; threshold: number; raised: boolean }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly warnings: WarningsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** After a record read: `readsToday` is the account's count for the China day `day`, this read included. */
  async afterRead(principal: Principal, day: string, readsToday: number): Promise<void> {
    const t = EARLY_WARNING_THRESHOLDS.readBurst;
    if (readsToday <= t.floor) return;
    const known = await this.todayOf(principal.accountId, day);
    if (known.raised || readsToday <= known.threshold) return;
    known.raised = true;
    await this.warnings.raiseNow({
      kind: 'records.read_burst',
      subjectPath: principal.organisationPath,
      subjectType: 'account',
      subjectId: principal.accountId,
      evidence: { accountId: principal.accountId, organisationCode: principal.organisationCode, day, readsToday, threshold: known.threshold, windowDays: t.windowDays },
      dedupeKey: `read-burst:${principal.accountId}:${day}`,
    });
  }

  /** After a DUPLICATE_PERSON answer: `lookupsLastHour` counts this account's, this one included. */
  async afterLookup(principal: Principal, lookupsLastHour: number, now: Date): Promise<void> {
    if (!isLookupBurst(lookupsLastHour)) return;
    const hour = hourBucket(now);
    await this.warnings.raiseNow({
      kind: 'duplicate_person.lookup_burst',
      subjectPath: principal.organisationPath,
      subjectType: 'account',
      subjectId: principal.accountId,
      evidence: {
        accountId: principal.accountId,
        organisationCode: principal.organisationCode,
        lookupsLastHour,
        limit: EARLY_WARNING_THRESHOLDS.duplicateLookupsPerHour,
        hour,
      },
      dedupeKey: `lookup-burst:${principal.accountId}:${hour}`,
    });
  }

  /**
   * Inside the changing transaction: a change to records between 22:00 and 06:00 China time is
   * reported once per account per night (rolled back with the change if it does not commit).
   */
  async changedIn(em: EntityManager, principal: Principal, change: string, now: Date): Promise<void> {
    const night = this.config.nightChangeWarnings ? unusualHourNight(now) : null;
    if (!night) return;
    await this.warnings.raise(em, {
      kind: 'change.unusual_hour',
      subjectPath: principal.organisationPath,
      subjectType: 'account',
      subjectId: principal.accountId,
      evidence: { accountId: principal.accountId, organisationCode: principal.organisationCode, night, change, at: now.toISOString(), chinaHour: chinaHour(now) },
      dedupeKey: `unusual-hour:${principal.accountId}:${night}`,
    });
  }

  private async todayOf(accountId: string, day: string) {
    const known = this.today.get(accountId);
    if (known?.day === day) return known;
    const { windowDays } = EARLY_WARNING_THRESHOLDS.readBurst;
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(sum(reads), 0)::int AS total FROM account_read_days WHERE account_id = $1 AND day >= $2::date - $3::int AND day < $2::date`,
      [accountId, day, windowDays],
    );
    const fresh = { day, threshold: readBurstThreshold(Number(row.total)), raised: false };
    this.today.set(accountId, fresh);
    return fresh;
  }
}

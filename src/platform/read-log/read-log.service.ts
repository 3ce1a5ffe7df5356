import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { currentRequestContext } from '../../common/http/request-context.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { subtreeFilter, type Principal } from '../auth/principal.js';
import { pathCodes } from '../organisations/domain/org-level.js';
import type { ListReadsQuery, RecordReadView } from './dto/read-log.dto.js';
import { EarlyWarningsService } from './early-warnings.service.js';

/**
 * A read's statement commits without waiting for its WAL to reach the disk (the transaction's
 * `synchronous_commit`, set in the statement itself, so it costs no round trip): a read answers
 * as fast as before the log existed, and only a crash of the database host itself — not of this
 * service — could lose the last fraction of a second of the log. The main query reads the CTE, so
 * the setting is in force before the statement's implicit commit.
 */
const NO_FLUSH_WAIT = `no_flush_wait AS (SELECT set_config('synchronous_commit', 'off', true))`;

interface ReadRow {
  seq: string;
  read_at: Date | string;
  account_id: string;
  actor_path: string;
  kind: 'record' | 'id_lookup';
  subject: string;
  route: string;
  correlation_id: string | null;
}

/**
 * The read log (第二十三、二十四条): every read of a student record and every answer that tells
 * whether an ID number is registered, with who, what, when and the route. One statement per read
 * (the log row and the account's day count together); append-only in the database.
 */
@Injectable()
export class ReadLogService {
  private readonly logger = new Logger('ReadLog');

  constructor(
    private readonly dataSource: DataSource,
    private readonly early: EarlyWarningsService,
  ) {}

  /** A student record was read; logged before the answer leaves. */
  async recordRead(principal: Principal, recordId: string, route: string, now = new Date()): Promise<void> {
    const day = todayInChina(now);
    const [counted] = rowsOf<{ reads: number }>(
      await this.dataSource.query(
        `WITH ${NO_FLUSH_WAIT}, logged AS (
           INSERT INTO record_reads (read_at, account_id, organisation_id, actor_path, kind, subject, route, correlation_id)
           VALUES ($1, $2, $3, $4, 'record', $5, $6, $7))
         INSERT INTO account_read_days (account_id, day, reads) SELECT $2, $8, 1 FROM no_flush_wait
         ON CONFLICT (account_id, day) DO UPDATE SET reads = account_read_days.reads + 1 RETURNING reads`,
        [now, principal.accountId, principal.organisationId, principal.organisationPath, recordId, route, correlationId(), day],
      ),
    );
    await this.warnSafely(() => this.early.afterRead(principal, day, Number(counted.reads)));
  }

  /** Whether an ID number is registered was answered (DUPLICATE_PERSON): logged by its keyed digest. */
  async recordLookup(principal: Principal, digest: string, route: string, now = new Date()): Promise<void> {
    // The count cannot see the row its own statement inserts: this lookup is the + 1.
    const [counted] = await this.dataSource.query(
      `WITH ${NO_FLUSH_WAIT}, logged AS (
         INSERT INTO record_reads (read_at, account_id, organisation_id, actor_path, kind, subject, route, correlation_id)
         VALUES ($1, $2, $3, $4, 'id_lookup', $5, $6, $7))
       SELECT count(*)::int + 1 AS n FROM record_reads, no_flush_wait
        WHERE account_id = $2 AND kind = 'id_lookup' AND read_at > $1::timestamptz - interval '1 hour'`,
      [now, principal.accountId, principal.organisationId, principal.organisationPath, digest, route, correlationId()],
    );
    await this.warnSafely(() => this.early.afterLookup(principal, Number(counted.n), now));
  }

  /** The reads of accounts in the caller's subtree, newest first. */
  async list(principal: Principal, query: z.output<typeof ListReadsQuery>) {
    const scope = subtreeFilter(principal, 'actor_path');
    const rows: ReadRow[] = await this.dataSource.query(
      `SELECT seq::text AS seq, read_at, account_id, actor_path, kind, subject, route, correlation_id FROM record_reads
        WHERE actor_path LIKE $1 AND ($2::uuid IS NULL OR account_id = $2) AND ($3::varchar IS NULL OR kind = $3)
          AND ($4::bigint IS NULL OR seq < $4) ORDER BY seq DESC LIMIT $5`,
      [scope.params.scopePrefix, query.accountId ?? null, query.kind ?? null, query.after ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit).map(readView);
    return { items: page, next: rows.length > query.limit ? page.at(-1)!.id : null };
  }

  /** A warning that cannot be raised must not turn a logged read into an error; it is logged instead. */
  private async warnSafely(raise: () => Promise<void>): Promise<void> {
    await raise().catch((error: Error) => this.logger.error({ msg: 'early warning could not be raised', error: error.name }));
  }
}

function correlationId(): string | null {
  return currentRequestContext()?.correlationId ?? null;
}

function readView(r: ReadRow): RecordReadView {
  return {
    id: r.seq,
    readAt: new Date(r.read_at).toISOString(),
    accountId: r.account_id,
    organisationCode: pathCodes(r.actor_path).at(-1)!,
    kind: r.kind,
    recordId: r.kind === 'record' ? r.subject : null,
    lookupDigest: r.kind === 'id_lookup' ? r.subject : null,
    route: r.route,
    correlationId: r.correlation_id,
  };
}

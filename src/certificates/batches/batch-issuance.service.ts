import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobQueueService } from '../../jobs/job-queue.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { rowsOf } from '../../database/rows.js';
import { GraduatesService, type GraduateRecord } from '../../registry/graduates.service.js';
import { CertificatesService } from '../certificates.service.js';
import { BatchContexts, type BatchContext } from './batch-context.js';
import { CHUNK_SIZE, PIPELINES, chunkAuditDetails, rowStillMatches } from './domain/leaver-list.js';
import { numberLeaverListRows, numberingYear } from '../certificate-numbers.js';

export const BATCH_QUEUE = 'certificate-batches';
export interface BatchJob {
  listId: string;
}

/**
 * A job drains a list; a killed instance's job comes back after its heartbeats stop (the queue's
 * supervisor retries it), and a restarted instance resumes its lists at boot without waiting.
 */
const QUEUE_OPTIONS = { heartbeatSeconds: 30, expireInSeconds: 3600, retryLimit: 50, retryDelay: 5 };

interface PendingItem {
  position: number;
  student_id: string;
  leaving_kind: string;
  leaving_date: string;
  certificate_number: string;
}

interface Failure {
  position: number;
  studentId: string;
  code: string;
  detail: string;
}

/**
 * The signing job of an approved leaver list. Chunk by chunk, each in ONE transaction: lock
 * pending rows (FOR UPDATE SKIP LOCKED, so instances share a list without waiting for each
 * other's rows), read the graduates, issue their certificates through the same path as the
 * single route (numbers, status entries, template signatures, one multi-row insert), mark the
 * rows, and write one audit entry for the chunk. A killed chunk rolls back whole, numbers and
 * status entries included; its rows are pending again and the next run signs them once.
 */
@Injectable()
export class BatchIssuanceService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Batches');
  private readonly chunkSize: number;
  private readonly pipelines: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesService,
    private readonly graduates: GraduatesService,
    private readonly contexts: BatchContexts,
    private readonly audit: AuditService,
    private readonly queue: JobQueueService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.chunkSize = config.databaseUrl ? CHUNK_SIZE.server : CHUNK_SIZE.embedded;
    this.pipelines = config.databaseUrl ? PIPELINES.server : PIPELINES.embedded;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<BatchJob>(BATCH_QUEUE, QUEUE_OPTIONS, (job, signal) => this.drain(job.listId, signal));
    await this.resume();
  }

  /** Lists a stopped instance left issuing get a job again; a job with nothing left to do just ends. */
  async resume(): Promise<number> {
    const lists: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM leaver_lists WHERE state = 'issuing'`);
    if (lists.length > 0) await this.queue.send<BatchJob>(BATCH_QUEUE, lists.map((l) => ({ listId: l.id })));
    return lists.length;
  }

  /**
   * Signs the list's pending rows until none is left, with `pipelines` chunks in flight; on
   * shutdown it stops between chunks.
   */
  async drain(listId: string, signal?: AbortSignal): Promise<void> {
    const context = await this.contexts.of(listId);
    if (!context) return;
    await this.numberRows(context);
    // The next position to look from, shared by the pipelines: each chunk starts after the rows
    // taken last, instead of stepping over every row issued before it (the list has no index of
    // its pending rows, so that marking a row issued stays a heap-only update).
    const cursor = { next: 0 };
    const take = () => this.issueChunk(context, this.chunkSize, cursor).catch((error) => this.isolateFailures(context, error));
    const pipeline = async () => {
      while (!signal?.aborted) {
        let taken = await take();
        // Rows behind the cursor can be pending again (a chunk that rolled back, rows another
        // instance held): one more look from the start before the pipeline ends.
        if (taken === 0 && cursor.next > 0) {
          cursor.next = 0;
          taken = await take();
        }
        if (taken === 0) break;
        // The embedded store answers without I/O, so a drain would never let the event loop read a
        // request: give every waiting request its turn between chunks.
        await nextTurn();
      }
    };
    await Promise.all(Array.from({ length: this.pipelines }, pipeline));
    // Thrown, so the queue hands the job back instead of recording it as done.
    if (signal?.aborted) throw new Error('stopped before the list was finished');
    await this.finishIfDone(context);
  }

  /** Rows approved before rows carried numbers get theirs now, in one take of the counter. */
  async numberRows(context: BatchContext): Promise<void> {
    const { authority } = context.issuing;
    await this.dataSource.transaction((em) => numberLeaverListRows(em, context.listId, authority, numberingYear(context.issuedAt)));
  }

  /**
   * One chunk in one transaction; answers how many rows it took (0: none pending and unlocked at
   * or after `cursor.next`, which it moves past the rows it takes).
   */
  async issueChunk(context: BatchContext, size = this.chunkSize, cursor = { next: 0 }): Promise<number> {
    let taken: number[] = [];
    return this.dataSource.transaction(async (em) => {
      const items: PendingItem[] = await em.query(
        `SELECT position, student_id, leaving_kind, leaving_date::text AS leaving_date, certificate_number FROM leaver_list_items
          WHERE list_id = $1 AND position >= $3 AND state = 'pending' AND certificate_number IS NOT NULL ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [context.listId, size, cursor.next],
      );
      if (items.length === 0) return 0;
      taken = items.map((i) => i.position);
      cursor.next = Math.max(cursor.next, taken.at(-1)! + 1);
      const { ready, failures } = await this.sortOut(em, context, items);
      const issued = ready.length
        ? await this.certificates.issueIn(em, context.issuing, ready.map((r) => r.graduate), context.issuedAt, {
            audit: 'caller',
            holdersExcluded: true,
            numbers: ready.map((r) => r.number),
            sideBySide: true,
          })
        : [];
      await markIssued(em, context.listId, ready.map((r, i) => ({ position: r.position, certificateId: issued[i].id })));
      await markFailed(em, context.listId, failures);
      await this.audit.append(em, context.issuing.principal, {
        action: 'certificate.batch_issued',
        recordType: 'leaver_list',
        recordId: context.listId,
        scopePath: context.school.path,
        details: chunkAuditDetails(issued, failures, context.issuing.issuer.id),
      });
      return items.length;
    }).catch((error) => {
      throw new ChunkFailed(taken, error);
    });
  }

  /** Rows that can be signed, and the others with the reason (the record changed, already issued…). */
  private async sortOut(em: EntityManager, context: BatchContext, items: PendingItem[]) {
    const records = await this.graduates.graduatesIn(em, context.issuing.principal, context.school, items.map((i) => i.student_id));
    const issued = await this.certificates.alreadyIssued(em, [...records.values()].filter(isGraduate));
    const ready: Array<{ position: number; number: string; graduate: GraduateRecord }> = [];
    const failures: Failure[] = [];
    for (const item of items) {
      const record = records.get(item.student_id);
      const fail = (code: string, detail: string) => failures.push({ position: item.position, studentId: item.student_id, code, detail });
      if (!record) fail('NOT_FOUND', 'the student is no longer on the school register');
      else if (!isGraduate(record)) fail(record.code, record.message);
      else if (!rowStillMatches({ leavingKind: item.leaving_kind, leavingDate: item.leaving_date }, record)) {
        fail('RECORD_CHANGED', 'the register no longer says what the approved list said (leaving kind or date)');
      } else if (issued.has(`${record.studentId}/${record.kind}`)) fail('CERTIFICATE_ALREADY_ISSUED', 'a certificate of this kind already exists for this student');
      else ready.push({ position: item.position, number: item.certificate_number, graduate: record });
    }
    return { ready, failures };
  }

  /**
   * A chunk that failed as a whole is retried row by row, so that one row that cannot be signed
   * fails alone and the rest of the class goes on. If single rows fail too, it is the store, not
   * a row: the error goes to the queue, which retries the job.
   */
  private async isolateFailures(context: BatchContext, chunkError: unknown): Promise<number> {
    this.logger.warn({ msg: 'chunk failed; retrying row by row', listId: context.listId, error: causeName(chunkError) });
    const positions = chunkError instanceof ChunkFailed ? chunkError.positions : [];
    const cursor = { next: positions.length > 0 ? Math.min(...positions) : 0 };
    let taken = 0;
    for (let i = 0; i < this.chunkSize; i++) {
      const one = await this.issueChunk(context, 1, cursor).catch(async (error) => this.failRows(context, error));
      if (one === 0) break;
      taken += one;
    }
    return taken;
  }

  /** Marks the rows a failed single-row chunk had taken (by position: another pipeline may hold the next ones). */
  private async failRows(context: BatchContext, error: unknown): Promise<number> {
    this.logger.error({ msg: 'row could not be issued', listId: context.listId, error: causeName(error) });
    const positions = error instanceof ChunkFailed ? error.positions : [];
    if (positions.length === 0) throw error;
    return this.dataSource.transaction(async (em) => {
      const items: PendingItem[] = await em.query(
        `SELECT position, student_id FROM leaver_list_items WHERE list_id = $1 AND state = 'pending' AND position = ANY($2::int[]) FOR UPDATE SKIP LOCKED`,
        [context.listId, positions],
      );
      const detail = 'the certificate could not be built or stored';
      await markFailed(em, context.listId, items.map((item) => ({ position: item.position, studentId: item.student_id, code: 'ISSUE_FAILED', detail })));
      return positions.length;
    });
  }

  /**
   * After its own commit, so that the last chunk to commit sees every other chunk's rows. A row
   * held for the second approval keeps the list open; the decision on it sends a job again.
   */
  private async finishIfDone(context: BatchContext): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const finished = rowsOf(
        await em.query(
          `UPDATE leaver_lists SET state = 'issued', finished_at = now() WHERE id = $1 AND state = 'issuing'
             AND NOT EXISTS (SELECT 1 FROM leaver_list_items WHERE list_id = $1 AND state IN ('pending', 'held')) RETURNING id`,
          [context.listId],
        ),
      );
      if (finished.length === 0) return;
      const [counts] = await em.query(
        `SELECT count(*) FILTER (WHERE state = 'issued') AS issued, count(*) FILTER (WHERE state = 'failed') AS failed FROM leaver_list_items WHERE list_id = $1`,
        [context.listId],
      );
      await this.audit.append(em, context.issuing.principal, {
        action: 'leaver_list.issued',
        recordType: 'leaver_list',
        recordId: context.listId,
        scopePath: context.school.path,
        details: { issued: Number(counts.issued), failed: Number(counts.failed) },
      });
    });
  }
}

/** A chunk's transaction failed; it names the rows it had taken, which are pending again. */
class ChunkFailed extends Error {
  constructor(
    readonly positions: number[],
    readonly cause: unknown,
  ) {
    super('the chunk could not be issued');
    this.name = 'ChunkFailed';
  }
}

function causeName(error: unknown): string | undefined {
  return ((error instanceof ChunkFailed ? error.cause : error) as Error | undefined)?.name;
}

function isGraduate(record: GraduateRecord | { code: string }): record is GraduateRecord {
  return 'studentId' in record;
}

async function markIssued(em: EntityManager, listId: string, rows: Array<{ position: number; certificateId: string }>): Promise<void> {
  if (rows.length === 0) return;
  await em.query(
    `UPDATE leaver_list_items i SET state = 'issued', certificate_id = t.certificate_id
       FROM unnest($2::int[], $3::uuid[]) AS t(position, certificate_id) WHERE i.list_id = $1 AND i.position = t.position`,
    [listId, rows.map((r) => r.position), rows.map((r) => r.certificateId)],
  );
}

async function markFailed(em: EntityManager, listId: string, rows: Failure[]): Promise<void> {
  if (rows.length === 0) return;
  await em.query(
    `UPDATE leaver_list_items i SET state = 'failed', error_code = t.code, error_detail = t.detail
       FROM unnest($2::int[], $3::varchar[], $4::varchar[]) AS t(position, code, detail) WHERE i.list_id = $1 AND i.position = t.position`,
    [listId, rows.map((r) => r.position), rows.map((r) => r.code), rows.map((r) => r.detail)],
  );
}

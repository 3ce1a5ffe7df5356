import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ReadLogService } from '../../platform/read-log/read-log.service.js';
import { WarningsService } from '../../platform/warnings/warnings.service.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import { RequestsService, type RequestView } from '../../workflow/requests.service.js';
import { refuseIf } from '../../common/errors/refusal.js';
import type { EducationStage, StudentStatus } from '../domain/student-lifecycle.js';
import { IdNumberVault } from '../id-number-vault.js';
import { RecordMovesService, type Destination } from '../moves/record-moves.service.js';
import { checkTransfer, isCrossProvince, transferSteps, transferVisibility } from './domain/transfer-rules.js';
import type { StartTransferRequest } from './dto/transfer.dto.js';

export const TRANSFER_KIND = 'student_transfer';

interface TransferDetails extends Record<string, unknown> {
  fromSchoolCode: string;
  toSchoolCode: string;
  stage: EducationStage;
  grade: number;
  crossProvince: boolean;
  applicationSha256: string;
}

interface RecordRow {
  id: string;
  status: StudentStatus;
  education_stage: EducationStage;
  scope_path: string;
  school_code: string;
}

/**
 * 转学 (第十五条) on the request engine: the receiving school starts it, the sending school and
 * both supervising authorities decide within 10 working days each (overdue steps escalate
 * upward); only the two sides see it. The last approval moves the record — its number unchanged
 * (第八条) — with its certificates and its audit trail following it, and leaves the sending
 * school a read-only copy.
 */
@Injectable()
export class TransfersService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsService,
    private readonly moves: RecordMovesService,
    private readonly vault: IdNumberVault,
    private readonly readLog: ReadLogService,
    private readonly warnings: WarningsService,
    private readonly organisations: OrganisationsService,
  ) {}

  onModuleInit(): void {
    this.requests.registerKind({
      name: TRANSFER_KIND,
      onClosed: async (em, request, status, decidedBy) => {
        if (status === 'approved') await this.complete(em, request, decidedBy);
        else await this.reportRefusal(em, request);
      },
    });
  }

  async start(principal: Principal, input: z.output<typeof StartTransferRequest>, today = todayInChina()): Promise<RequestView> {
    const digest = this.vault.digestOfRequested(input, today);
    return this.dataSource.transaction(async (em) => {
      const [record] = rowsOf<RecordRow>(
        await em.query(
          `SELECT s.id, s.status, s.education_stage, s.scope_path, o.code AS school_code
             FROM students s JOIN organisations o ON o.id = s.school_id
            WHERE s.student_number = $1 AND s.id_number_digest = $2 FOR UPDATE OF s`,
          [input.studentNumber, digest],
        ),
      );
      if (!record) throw new NotFoundError('Student');
      await this.organisations.assertOpenIn(em, principal.organisationId);
      refuseIf(checkTransfer({ status: record.status, stage: record.education_stage, schoolPath: record.scope_path }, { receivingSchoolPath: principal.organisationPath, grade: input.grade }));
      const details: TransferDetails = {
        fromSchoolCode: record.school_code,
        toSchoolCode: principal.organisationCode,
        stage: record.education_stage,
        grade: input.grade,
        crossProvince: isCrossProvince(record.scope_path, principal.organisationPath),
        applicationSha256: input.applicationSha256,
      };
      return this.requests.open(
        em,
        principal,
        {
          kind: TRANSFER_KIND,
          subjectType: 'student',
          subjectId: record.id,
          visiblePaths: transferVisibility(record.scope_path, principal.organisationPath),
          steps: transferSteps(record.scope_path, principal.organisationPath),
          details,
        },
        today,
      );
    }).catch(async (error: unknown) => {
      // Whoever asks learns whether this number and document belong together: a lookup, logged
      // (after the transaction: the embedded store runs one session at a time).
      if (error instanceof NotFoundError) await this.readLog.recordLookup(principal, digest, 'POST /transfers');
      throw error;
    });
  }

  /** The last approval: the record is checked again (it may have changed since) and moved. */
  private async complete(em: EntityManager, request: RequestView, decidedBy: Principal): Promise<void> {
    const details = request.details as TransferDetails;
    const [record] = rowsOf<RecordRow>(
      await em.query(
        `SELECT s.id, s.status, s.education_stage, s.scope_path, o.code AS school_code
           FROM students s JOIN organisations o ON o.id = s.school_id WHERE s.id = $1 FOR UPDATE OF s`,
        [request.subjectId],
      ),
    );
    const to = await this.school(em, details.toSchoolCode);
    const refusal =
      record.school_code !== details.fromSchoolCode
        ? { code: 'MOVED' }
        : checkTransfer({ status: record.status, stage: record.education_stage, schoolPath: record.scope_path }, { receivingSchoolPath: to.path, grade: details.grade });
    if (refusal) throw new ConflictError('RECORD_CHANGED', `the record no longer allows this transfer (${refusal.code}): refuse the request instead`);
    await this.organisations.assertOpenIn(em, to.id);
    await this.moves.moveOneIn(em, decidedBy, {
      studentId: record.id,
      to,
      grade: details.grade,
      on: todayInChina(),
      requestId: request.id,
      reason: 'transfer',
      change: 'student.transferred',
    });
  }

  /**
   * A refused transfer is reported to the authority above the organisation that refused it
   * (第二十六条: an authority corrects those below it), which reads the reason on the request.
   * A refusal without a reason cannot happen: the engine refuses it (400).
   */
  private async reportRefusal(em: EntityManager, request: RequestView): Promise<void> {
    const step = request.steps.find((s) => s.status === 'refused');
    if (!step) return;
    const [org] = rowsOf<{ path: string }>(await em.query(`SELECT path FROM organisations WHERE code = $1`, [step.organisationCode]));
    await this.warnings.raise(em, {
      kind: 'transfer.refused',
      subjectPath: org.path,
      subjectType: 'request',
      subjectId: request.id,
      evidence: { step: step.name, refusedBy: step.organisationCode, fromSchoolCode: request.details.fromSchoolCode, toSchoolCode: request.details.toSchoolCode },
      dedupeKey: `transfer.refused:${request.id}`,
    });
  }

  private async school(em: EntityManager, code: string): Promise<Destination> {
    const [row] = rowsOf<Destination>(await em.query(`SELECT id, code, path FROM organisations WHERE code = $1`, [code]));
    return row;
  }
}

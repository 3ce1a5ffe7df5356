import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInChina } from '../../common/time/china-date.js';
import type { Principal } from '../../platform/auth/principal.js';
import { WarningsService } from '../../platform/warnings/warnings.service.js';
import { RecordHistories } from '../../registry/record-histories.js';
import type { GraduateRecord } from '../../registry/graduates.service.js';
import { authorityAbove } from '../../workflow/domain/request-steps.js';
import { RequestsService } from '../../workflow/requests.service.js';
import { secondApprovalNeeded, type HoldDecision } from '../batches/domain/second-approval.js';

export const SECOND_APPROVAL_KIND = 'certificate_second_approval';
/** Working days the authority above has for the second approval. */
const SECOND_APPROVAL_WORKING_DAYS = 10;

export interface HeldCertificate {
  status: 'second_approval_required';
  requestId: string;
  reasons: HoldDecision['reasons'];
  schoolYears: number;
  minimumSchoolYears: number;
}

/**
 * The single-certificate route under the same separation of duties as leaver lists: a record
 * younger than its stage (or one that failed its school's semester verification) is not signed
 * on the issuing authority's word alone. The first attempt opens a request on the engine for the
 * authority above, which is warned; once that authority approved, the issuing authority issues.
 */
@Injectable()
export class CertificateHoldsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly histories: RecordHistories,
    private readonly requests: RequestsService,
    private readonly warnings: WarningsService,
  ) {}

  onModuleInit(): void {
    this.requests.registerKind({ name: SECOND_APPROVAL_KIND });
  }

  /** Null when the certificate may be signed now; otherwise the hold and its request. */
  async holdFor(principal: Principal, graduate: GraduateRecord, today = todayInChina()): Promise<HeldCertificate | null> {
    const history = (await this.histories.of(this.dataSource.manager, [graduate.studentId])).get(graduate.studentId);
    if (!history) return null;
    const decision = secondApprovalNeeded({ ...history, leavingDate: graduate.graduationDate });
    if (!decision.held) return null;
    const latest = await this.requests.latestFor(SECOND_APPROVAL_KIND, 'student', graduate.studentId);
    if (latest?.status === 'approved') return null;
    const held = (requestId: string): HeldCertificate => ({ status: 'second_approval_required', requestId, reasons: decision.reasons, schoolYears: decision.schoolYears, minimumSchoolYears: decision.minimumSchoolYears });
    if (latest?.status === 'open') return held(latest.id);
    const above = authorityAbove(principal.organisationPath);
    const request = await this.dataSource.transaction(async (em) => {
      const opened = await this.requests.open(
        em,
        principal,
        {
          kind: SECOND_APPROVAL_KIND,
          subjectType: 'student',
          subjectId: graduate.studentId,
          visiblePaths: [above, graduate.scopePath],
          steps: [{ name: 'authority_above', actorPath: above, workingDays: SECOND_APPROVAL_WORKING_DAYS }],
          details: { kind: graduate.kind, leavingDate: graduate.graduationDate, stage: history.stage, recordCreatedOn: history.createdOn, ...decision },
        },
        today,
      );
      await this.warnings.raise(em, {
        kind: 'certificate.second_approval_needed',
        subjectPath: principal.organisationPath,
        subjectType: 'request',
        subjectId: opened.id,
        evidence: { studentId: graduate.studentId, recordCreatedOn: history.createdOn, leavingDate: graduate.graduationDate, stage: history.stage, ...decision },
      });
      return opened;
    });
    return held(request.id);
  }
}

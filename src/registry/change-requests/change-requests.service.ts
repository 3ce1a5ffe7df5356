import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { WarningsService } from '../../platform/warnings/warnings.service.js';
import { authorityAbove } from '../../workflow/domain/request-steps.js';
import { RequestsService, type RequestView } from '../../workflow/requests.service.js';
import type { ChangeKindRules, RecordFacts } from '../domain/change-kinds/change-kind.js';
import { death } from '../domain/change-kinds/death.js';
import { resumption } from '../domain/change-kinds/resumption.js';
import { specialEducationGrade } from '../domain/change-kinds/special-education-grade.js';
import { suspension } from '../domain/change-kinds/suspension.js';
import { withdrawal } from '../domain/change-kinds/withdrawal.js';
import { returnFromAbroad, studyAbroad } from '../domain/change-kinds/abroad.js';
import { deferral, entryAfterDeferral } from '../domain/change-kinds/deferral.js';
import { progression, type ProgressionInput } from '../domain/change-kinds/progression.js';
import type { ProgressionRequestInput } from '../dto/change-request.dto.js';
import { IdNumberVault } from '../id-number-vault.js';
import { ReadLogService } from '../../platform/read-log/read-log.service.js';
import { RecordMovesService } from '../moves/record-moves.service.js';
import { updateRecordInPlace } from './record-updates.js';
import { isLateChange } from '../domain/entry-rules.js';
import type { EducationStage, StudentStatus } from '../domain/student-lifecycle.js';
import type { ChangeRequestInput, StatusChangeKey } from '../dto/change-request.dto.js';
import { askedSteps } from '../domain/change-kinds/asked-steps.js';
import { askerKind, lookupPath, submitterFor, type Asker } from './askers.js';
import { RecordCorrectionsService } from './record-corrections.service.js';
import { StatusHistoryService } from '../status-history.service.js';
import { StudentEvents } from '../student-events.js';
import { refuseIf } from '../../common/errors/refusal.js';

/**
 * The register's change kinds by the `kind` of the request body; adding one is a rules file and a
 * line here. `any`: each body was parsed by its own member of the DTO's discriminated union.
 */
const KINDS: Record<StatusChangeKey, ChangeKindRules<any>> = {
  suspension,
  resumption,
  death,
  withdrawal,
  special_education_grade: specialEducationGrade,
  abroad: studyAbroad,
  return: returnFromAbroad,
  deferral,
  entry: entryAfterDeferral,
};

/** Kinds the receiving school starts for a record it does not see yet (POST /students/progressions). */
const RECEIVING_KINDS: Record<'progression', ChangeKindRules<any>> = { progression };

interface StudentRow {
  id: string;
  status: StudentStatus;
  education_stage: EducationStage;
  scope_path: string;
  grade: number;
  enrolment_date: string;
  special_education_category: string | null;
}

/** Facts the request keeps besides the kind's own fields; none names the person. */
interface ChangeDetails extends Record<string, unknown> {
  stage: EducationStage;
  effectiveOn: string;
  lateChange: boolean;
}

/**
 * Register changes as kinds of the request engine: the school asks (its rules checked here, in
 * the opening transaction, with a 第七条 lateness flag and warning), the school's supervising
 * authority decides through the engine's routes, and the approving transaction moves the record
 * to its new status with a history period, an audit entry and the StudentEvents announcement.
 */
@Injectable()
export class ChangeRequestsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsService,
    private readonly history: StatusHistoryService,
    private readonly events: StudentEvents,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
    private readonly vault: IdNumberVault,
    private readonly readLog: ReadLogService,
    private readonly moves: RecordMovesService,
    private readonly corrections: RecordCorrectionsService,
  ) {}

  onModuleInit(): void {
    for (const rules of [...Object.values(KINDS), ...Object.values(RECEIVING_KINDS)]) {
      this.requests.registerKind({
        name: rules.name,
        onClosed: async (em, request, status, decidedBy) => {
          if (status === 'approved') await this.apply(em, rules, request, decidedBy);
        },
      });
    }
  }

  /**
   * The school's registrar asks for a change of a record of its school, or a guardian for their
   * child (a suspension or a correction; the school confirms it first). Corrections and
   * identity-document changes change fields, not the status: RecordCorrectionsService.
   */
  async ask(asker: Asker, studentId: string, body: ChangeRequestInput, today = todayInChina()): Promise<RequestView> {
    if (body.kind === 'correction' || body.kind === 'identity_document') return this.corrections.ask(asker, studentId, body, today);
    const { kind, ...input } = body;
    const rules = KINDS[kind];
    return this.dataSource.transaction(async (em) => {
      const student = await this.lockStudent(em, studentId, lookupPath(asker));
      return this.openIn(em, asker, rules, student, input, student.scope_path, today);
    });
  }

  /**
   * 升学 (第十四条): the receiving school's registrar finds the record by its student number and
   * ID number — both must match, else 404 as for no record (a lookup, logged) — and asks; its
   * own supervising authority decides. The request is seen by both schools' subtrees.
   */
  async askProgression(principal: Principal, body: ProgressionRequestInput, today = todayInChina()): Promise<RequestView> {
    const digest = this.vault.digestOfRequested(body, today);
    const [found] = rowsOf<{ id: string }>(
      await this.dataSource.query(`SELECT id FROM students WHERE student_number = $1 AND id_number_digest = $2`, [body.studentNumber, digest]),
    );
    if (!found) {
      // Whoever asks learns whether this number and document belong together: a lookup, logged
      // (outside any transaction: the read log writes on its own connection).
      await this.readLog.recordLookup(principal, digest, 'POST /students/progressions');
      throw new NotFoundError('Student');
    }
    return this.dataSource.transaction(async (em) => {
      const student = await this.lockStudent(em, found.id, '/');
      const input: ProgressionInput = {
        enrolmentDate: body.enrolmentDate,
        admissionSha256: body.admissionSha256,
        receivingSchool: { id: principal.organisationId, code: principal.organisationCode, path: principal.organisationPath },
        fromStage: student.education_stage,
        fromGrade: student.grade,
      };
      return this.openIn(em, principal, RECEIVING_KINDS.progression, student, input, principal.organisationPath, today);
    });
  }

  /**
   * Opens the kind's request for the record, decided by `deciderBelow`'s supervising authority
   * (after the school's confirmation when a guardian asks).
   */
  private async openIn(
    em: EntityManager,
    asker: Asker,
    rules: ChangeKindRules<any>,
    student: StudentRow,
    input: object,
    deciderBelow: string,
    today: string,
  ): Promise<RequestView> {
    refuseIf(rules.check(await this.factsIn(em, student), input, today));
    const effectiveOn = rules.effectiveDate(input);
    const details: ChangeDetails = { ...input, stage: student.education_stage, effectiveOn, lateChange: isLateChange(effectiveOn, today) };
    const authority = authorityAbove(deciderBelow);
    const request = await this.requests.open(
      em,
      submitterFor(asker, student.scope_path),
      {
        kind: rules.name,
        subjectType: 'student',
        subjectId: student.id,
        visiblePaths: [...new Set([authority, deciderBelow, student.scope_path])],
        steps: askedSteps(askerKind(asker), student.scope_path, authority, rules.workingDays),
        details,
      },
      today,
    );
    if (details.lateChange) {
      await this.warnings.raise(em, {
        kind: 'change.late_recorded',
        subjectPath: deciderBelow,
        subjectType: 'request',
        subjectId: request.id,
        evidence: { kind: rules.name, studentId: student.id, effectiveOn, recordedOn: today },
        dedupeKey: `change.late_recorded:${request.id}`,
      });
    }
    return request;
  }

  /** The approving transaction's effect: the kind's rules again (the record may have changed since), then the move. */
  private async apply(em: EntityManager, rules: ChangeKindRules<unknown>, request: RequestView, decidedBy: Principal): Promise<void> {
    const student = await this.lockStudent(em, request.subjectId, '/');
    const refusal = rules.check(await this.factsIn(em, student), request.details, todayInChina());
    if (refusal) throw new ConflictError('RECORD_CHANGED', `the record no longer allows this change (${refusal.code}): refuse the request instead`);
    const { placement: moved, grade, ...next } = rules.becomes(request.details);
    // A kind names a new grade at the school directly (special education) or as part of a placement.
    const placement = grade !== undefined ? { ...moved, grade } : moved;
    if (placement?.school) {
      // Another school (升学): the one home for moves keeps the copy, moves certificates, audits and announces.
      const { school, stage, grade, enrolmentDate } = placement;
      await this.moves.moveOneIn(em, decidedBy, {
        studentId: student.id,
        to: school,
        grade: grade!,
        on: next.from,
        requestId: request.id,
        reason: 'progression',
        change: rules.change,
        nextStage: { stage: stage!, enrolmentDate: enrolmentDate! },
      });
      return;
    }
    await updateRecordInPlace(em, student.id, next.status, placement);
    await this.history.moveIn(em, student.id, { ...next, requestId: request.id });
    const placed = placement ? { stage: placement.stage, enrolmentDate: placement.enrolmentDate } : {};
    await this.audit.append(em, decidedBy, {
      action: rules.change,
      recordType: 'student',
      recordId: student.id,
      scopePath: student.scope_path,
      details: {
        requestId: request.id,
        from: student.status,
        to: next.status,
        effectiveOn: next.from,
        plannedUntil: next.plannedUntil,
        ...(placement?.grade !== undefined ? { fromGrade: student.grade, toGrade: placement.grade } : {}),
        ...placed,
      },
    });
    await this.events.changed(em, { studentIds: [student.id], change: rules.change, principal: decidedBy, now: new Date() });
  }

  private async lockStudent(em: EntityManager, id: string, withinPath: string): Promise<StudentRow> {
    const [row] = rowsOf<StudentRow>(
      await em.query(`SELECT id, status, education_stage, scope_path, grade, enrolment_date::text AS enrolment_date, special_education_category FROM students WHERE id = $1 AND scope_path LIKE $2 FOR UPDATE`, [id, `${withinPath}%`]),
    );
    if (!row) throw new NotFoundError('Student');
    return row;
  }

  private async factsIn(em: EntityManager, student: StudentRow): Promise<RecordFacts> {
    return {
      status: student.status,
      stage: student.education_stage,
      current: await this.history.currentIn(em, student.id),
      grade: Number(student.grade),
      enrolmentDate: student.enrolment_date.slice(0, 10),
      specialEducationCategory: student.special_education_category,
    };
  }
}

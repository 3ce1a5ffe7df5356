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
import { isLateChange } from '../domain/entry-rules.js';
import type { EducationStage, StudentStatus } from '../domain/student-lifecycle.js';
import type { ChangeRequestInput, StatusChangeKey } from '../dto/change-request.dto.js';
import { askedSteps } from '../domain/change-kinds/asked-steps.js';
import { askerKind, lookupPath, submitterFor, type Asker } from './askers.js';
import { RecordCorrectionsService } from './record-corrections.service.js';
import { StatusHistoryService } from '../status-history.service.js';
import { StudentEvents } from '../student-events.js';
import { refuseIf } from './refuse-if.js';

/**
 * The register's change kinds by the `kind` of the request body; adding one is a rules file and a
 * line here. `any`: each body was parsed by its own member of the DTO's discriminated union.
 */
const KINDS: Record<StatusChangeKey, ChangeKindRules<any>> = { suspension, resumption, death, withdrawal, special_education_grade: specialEducationGrade };

interface StudentRow {
  id: string;
  status: StudentStatus;
  education_stage: EducationStage;
  scope_path: string;
  grade: number;
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
    private readonly corrections: RecordCorrectionsService,
  ) {}

  onModuleInit(): void {
    for (const rules of Object.values(KINDS)) {
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
      refuseIf(rules.check(await this.factsIn(em, student), input, today));
      const effectiveOn = rules.effectiveDate(input);
      const details: ChangeDetails = { ...input, stage: student.education_stage, effectiveOn, lateChange: isLateChange(effectiveOn, today) };
      const authority = authorityAbove(student.scope_path);
      const request = await this.requests.open(
        em,
        submitterFor(asker, student.scope_path),
        {
          kind: rules.name,
          subjectType: 'student',
          subjectId: student.id,
          visiblePaths: [authority, student.scope_path],
          steps: askedSteps(askerKind(asker), student.scope_path, authority, rules.workingDays),
          details,
        },
        today,
      );
      if (details.lateChange) {
        await this.warnings.raise(em, {
          kind: 'change.late_recorded',
          subjectPath: student.scope_path,
          subjectType: 'request',
          subjectId: request.id,
          evidence: { kind: rules.name, studentId: student.id, effectiveOn, recordedOn: today },
          dedupeKey: `change.late_recorded:${request.id}`,
        });
      }
      return request;
    });
  }

  /** The approving transaction's effect: the kind's rules again (the record may have changed since), then the move. */
  private async apply(em: EntityManager, rules: ChangeKindRules<unknown>, request: RequestView, decidedBy: Principal): Promise<void> {
    const student = await this.lockStudent(em, request.subjectId, '/');
    const refusal = rules.check(await this.factsIn(em, student), request.details, todayInChina());
    if (refusal) throw new ConflictError('RECORD_CHANGED', `the record no longer allows this change (${refusal.code}): refuse the request instead`);
    const next = rules.becomes(request.details);
    await em.query(`UPDATE students SET status = $2, grade = COALESCE($3, grade), version = version + 1, updated_at = now() WHERE id = $1`, [
      student.id,
      next.status,
      next.grade ?? null,
    ]);
    await this.history.moveIn(em, student.id, { ...next, requestId: request.id });
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
        ...(next.grade !== undefined ? { fromGrade: student.grade, toGrade: next.grade } : {}),
      },
    });
    await this.events.changed(em, { studentIds: [student.id], change: rules.change, principal: decidedBy, now: new Date() });
  }

  private async lockStudent(em: EntityManager, id: string, withinPath: string): Promise<StudentRow> {
    const [row] = rowsOf<StudentRow>(
      await em.query(`SELECT id, status, education_stage, scope_path, grade, special_education_category FROM students WHERE id = $1 AND scope_path LIKE $2 FOR UPDATE`, [id, `${withinPath}%`]),
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
      specialEducationCategory: student.special_education_category,
    };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { StatusHistoryService } from '../status-history.service.js';
import { StudentEvents } from '../student-events.js';
import { StudentsService } from '../students.service.js';
import type { EducationStage } from '../domain/student-lifecycle.js';

/** Where records go: a school (or, for a closed school's archive, its authority). */
export interface Destination {
  id: string;
  code: string;
  path: string;
}

export interface MoveOne {
  studentId: string;
  to: Destination;
  /** The grade at the new school (a transfer may place the student in another grade of the stage). */
  grade: number;
  on: string;
  requestId: string;
  reason: 'transfer' | 'progression';
  change: string;
  /** 升学 (第十四条): the record enters the next stage — its stage and entry date change, it is enrolled again. */
  nextStage?: { stage: EducationStage; enrolmentDate: string };
}

/**
 * Moving records between organisations, one home for every kind that does it (转学 第十五条,
 * 升学 第十四条, 合并/撤销 第十二条): the record's school and subtree change, its placements gain a
 * period at the new place, the organisation it leaves keeps a read-only copy where the
 * regulation asks for one, and other modules hear of the move (`movedTo`) so that what they hold
 * about the student (certificates) follows the record: 籍随人走. Runs in the caller's transaction.
 */
@Injectable()
export class RecordMovesService {
  constructor(
    private readonly students: StudentsService,
    private readonly history: StatusHistoryService,
    private readonly events: StudentEvents,
    private readonly audit: AuditService,
  ) {}

  /** One record to another school; the school it leaves keeps a read-only copy. */
  async moveOneIn(em: EntityManager, principal: Principal, move: MoveOne): Promise<void> {
    const [from] = await em.query(`SELECT school_id, scope_path FROM students WHERE id = $1`, [move.studentId]);
    await em.query(
      `INSERT INTO record_copies (student_id, held_by, scope_path, reason, request_id, moved_to_code, record, placements)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        move.studentId,
        from.school_id,
        from.scope_path,
        move.reason,
        move.requestId,
        move.to.code,
        JSON.stringify(await this.students.snapshotIn(em, move.studentId)),
        JSON.stringify(await this.history.periods(move.studentId, em)),
      ],
    );
    await em.query(`UPDATE students SET school_id = $2, scope_path = $3, grade = $4, version = version + 1, updated_at = now() WHERE id = $1`, [
      move.studentId,
      move.to.id,
      move.to.path,
      move.grade,
    ]);
    if (move.nextStage) {
      // The graduation facts of the stage left stay in its history period, its copy and its certificates.
      await em.query(
        `UPDATE students SET education_stage = $2, enrolment_date = $3, status = 'enrolled', graduation_date = NULL, leaving_kind = NULL WHERE id = $1`,
        [move.studentId, move.nextStage.stage, move.nextStage.enrolmentDate],
      );
    }
    await this.history.moveIn(em, move.studentId, { status: 'enrolled', from: move.on, plannedUntil: null, requestId: move.requestId });
    await this.audit.append(em, principal, {
      action: move.change,
      recordType: 'student',
      recordId: move.studentId,
      scopePath: move.to.path,
      details: { requestId: move.requestId, fromPath: from.scope_path, toSchoolCode: move.to.code, grade: move.grade, on: move.on },
    });
    await this.events.changed(em, { studentIds: [move.studentId], change: move.change, principal, now: new Date(), movedTo: move.to.path });
  }

  /**
   * Every record of a school to its successor (第十二条), each keeping its status, with one audit
   * entry for the batch; answers how many moved. The school's own audit trail stays where it is.
   */
  async moveSchoolIn(em: EntityManager, principal: Principal, school: Destination, to: Destination, on: string, change: string): Promise<number> {
    const moved = rowsOf<{ id: string }>(
      await em.query(`UPDATE students SET school_id = $2, scope_path = $3, version = version + 1, updated_at = now() WHERE school_id = $1 RETURNING id`, [
        school.id,
        to.id,
        to.path,
      ]),
    );
    const ids = moved.map((r) => r.id).sort();
    await this.history.moveManyIn(em, ids, { status: null, from: on, plannedUntil: null, requestId: null });
    await this.audit.append(em, principal, {
      action: change,
      recordType: 'organisation',
      recordId: school.id,
      scopePath: school.path,
      details: { schoolCode: school.code, toCode: to.code, on, count: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
    });
    await this.events.changed(em, { studentIds: ids, change, principal, now: new Date(), movedTo: to.path });
    return ids.length;
  }
}

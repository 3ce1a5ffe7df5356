import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { StatusHistoryService } from '../status-history.service.js';
import { GuardianBindingsService } from '../guardians/guardian-bindings.service.js';
import { StudentEvents } from '../student-events.js';
import { checkResolution, type ProblemKind } from './domain/problem-resolution.js';
import type { ListProblemsQuery, ResolveProblemRequest } from './dto/verification.dto.js';

interface ProblemRow {
  id: string;
  kind: ProblemKind;
  semester: string;
  scope_path: string;
  other_scope_path: string | null;
  student_id: string | null;
  other_student_id: string | null;
  status: 'open' | 'resolved';
  resolution: 'merged' | 'distinct' | 'resolved' | null;
  note: string | null;
  found_at: Date;
  resolved_at: Date | null;
}

const VISIBLE = `(p.scope_path LIKE $1 OR p.other_scope_path LIKE $1)`;

/**
 * The problem-record queue of semester verification (第二十五条): seen from either side's subtree,
 * resolved by an authority over either side — a duplicate merged into the record kept (the other
 * becomes `merged`, never deleted) or confirmed distinct (never reported again), any other
 * problem resolved with what was done. Audited in the resolving transaction.
 */
@Injectable()
export class RecordProblemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: StatusHistoryService,
    private readonly events: StudentEvents,
    private readonly audit: AuditService,
    private readonly guardians: GuardianBindingsService,
  ) {}

  async list(principal: Principal, query: z.output<typeof ListProblemsQuery>) {
    const params: unknown[] = [`${principal.organisationPath}%`, query.limit + 1];
    const where = [VISIBLE];
    if (query.kind) where.push(`p.kind = $${params.push(query.kind)}`);
    if (query.status) where.push(`p.status = $${params.push(query.status)}`);
    if (query.after) where.push(`p.seq < (SELECT seq FROM record_problems WHERE id = $${params.push(query.after)})`);
    const rows = rowsOf<ProblemRow>(await this.dataSource.query(`SELECT p.* FROM record_problems p WHERE ${where.join(' AND ')} ORDER BY p.seq DESC LIMIT $2`, params));
    const page = rows.slice(0, query.limit);
    return { items: page.map(view), next: rows.length > query.limit ? page[page.length - 1].id : null };
  }

  async resolve(principal: Principal, id: string, input: z.output<typeof ResolveProblemRequest>, today = todayInChina()) {
    return this.dataSource.transaction(async (em) => {
      const [p] = rowsOf<ProblemRow>(await em.query(`SELECT p.* FROM record_problems p WHERE p.id = $2 AND ${VISIBLE} FOR UPDATE`, [`${principal.organisationPath}%`, id]));
      if (!p) throw new NotFoundError('Problem');
      const check = checkResolution(
        { kind: p.kind, status: p.status, scopePath: p.scope_path, otherScopePath: p.other_scope_path, studentId: p.student_id, otherStudentId: p.other_student_id },
        principal.organisationPath,
        input.resolution,
        input.keepStudentId,
      );
      if (!check.ok) {
        if (check.field) throw ValidationError.field(check.field, check.message, check.code);
        if (check.code === 'ALREADY_RESOLVED') throw new ConflictError(check.code, check.message);
        throw new UnprocessableError(check.code, check.message);
      }
      if (input.resolution === 'merged') await this.merge(em, principal, check.keep!, check.remove!, p.id, today);
      if (input.resolution === 'distinct') {
        await em.query(`INSERT INTO distinct_persons (student_a, student_b, confirmed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
          p.student_id,
          p.other_student_id,
          principal.accountId,
        ]);
      }
      const [row] = rowsOf<ProblemRow>(
        await em.query(`UPDATE record_problems SET status = 'resolved', resolution = $2, note = $3, resolved_by = $4, resolved_at = now() WHERE id = $1 RETURNING *`, [
          p.id,
          input.resolution,
          input.note,
          principal.accountId,
        ]),
      );
      await this.audit.append(em, principal, {
        action: 'record_problem.resolved',
        recordType: 'record_problem',
        recordId: p.id,
        scopePath: p.scope_path,
        details: { kind: p.kind, semester: p.semester, resolution: input.resolution, studentId: p.student_id, otherStudentId: p.other_student_id, kept: check.keep ?? null },
      });
      return view(row);
    });
  }

  /** The duplicate becomes `merged` into the record kept, from today, with its history, its guardians following; nothing is deleted. */
  private async merge(em: EntityManager, principal: Principal, keep: string, remove: string, problemId: string, today: string): Promise<void> {
    const [removed] = rowsOf<{ status: string; scope_path: string }>(await em.query(`SELECT status, scope_path FROM students WHERE id = $1 FOR UPDATE`, [remove]));
    if (removed.status === 'merged') throw new ConflictError('RECORD_CHANGED', 'the record was merged already');
    await em.query(`UPDATE students SET status = 'merged', merged_into = $2, version = version + 1, updated_at = now() WHERE id = $1`, [remove, keep]);
    await this.history.moveIn(em, remove, { status: 'merged', from: today, plannedUntil: null, requestId: null });
    await this.guardians.moveBindingsIn(em, remove, keep);
    await this.audit.append(em, principal, {
      action: 'student.merged',
      recordType: 'student',
      recordId: remove,
      scopePath: removed.scope_path,
      details: { into: keep, problemId, from: removed.status },
    });
    await this.events.changed(em, { studentIds: [remove], change: 'student.merged', principal, now: new Date() });
  }
}

function view(p: ProblemRow) {
  return {
    id: p.id,
    kind: p.kind,
    semester: p.semester,
    schoolCode: pathCodes(p.scope_path).at(-1)!,
    otherSchoolCode: p.other_scope_path ? pathCodes(p.other_scope_path).at(-1)! : null,
    studentId: p.student_id,
    otherStudentId: p.other_student_id,
    status: p.status,
    resolution: p.resolution,
    note: p.note,
    foundAt: new Date(p.found_at).toISOString(),
    resolvedAt: p.resolved_at ? new Date(p.resolved_at).toISOString() : null,
  };
}

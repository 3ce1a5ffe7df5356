import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { z } from 'zod';
import { ValidationError } from '../common/errors/domain-error.js';
import { todayInChina } from '../common/time/china-date.js';
import type { Principal } from '../platform/auth/principal.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { ReadLogService } from '../platform/read-log/read-log.service.js';
import { decodeCursor, encodeCursor, prefixPattern } from './domain/student-search.js';
import type { ListStudentsQuery, SearchStudentsRequest } from './dto/student.dto.js';
import { IdNumberVault } from './id-number-vault.js';
import { StudentEntity } from './student.entity.js';
import { StudentsService } from './students.service.js';

type Filters = z.output<typeof ListStudentsQuery> & { namePrefix?: string; idNumberDigest?: string };

/**
 * Listing and search of the caller's subtree (issue 8), in keyset pages ordered by
 * (scope_path, student_number) compared byte-wise — the order of the `students_keyset` index
 * (migration 1765860000000), so a page is one index range read from the cursor on, in any
 * subtree of a table of millions; a school is the subtree of its path. Every comparison that should use
 * those indexes says COLLATE "C" as they do. See docs/scaling.md for the plans and timings.
 */
@Injectable()
export class StudentSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly students: StudentsService,
    private readonly vault: IdNumberVault,
    private readonly readLog: ReadLogService,
  ) {}

  /** GET /students: the filters that name no person. */
  list(principal: Principal, query: z.output<typeof ListStudentsQuery>) {
    return this.page(principal, query);
  }

  /** POST /students/search: the same filters, and a name prefix or an ID number (by its keyed digest). */
  async search(principal: Principal, body: z.output<typeof SearchStudentsRequest>, today = todayInChina()) {
    const { name, idDocumentType, idNumber, nationality, ...filters } = body;
    let idNumberDigest: string | undefined;
    if (idNumber !== undefined) {
      idNumberDigest = this.vault.digestOfRequested({ idDocumentType, idNumber, nationality }, today);
      // Whether a number is registered is itself an answer: logged as the enrolment's duplicate check is.
      await this.readLog.recordLookup(principal, idNumberDigest, 'POST /students/search');
    }
    return this.page(principal, { ...filters, namePrefix: name, idNumberDigest });
  }

  private async page(principal: Principal, f: Filters) {
    const after = f.after === undefined ? null : decodeCursor(f.after);
    if (f.after !== undefined && !after) throw ValidationError.field('after', 'is not a cursor this service handed out (use the `next` of the previous page)', 'INVALID_CURSOR');
    const qb = this.dataSource
      .getRepository(StudentEntity)
      .createQueryBuilder('s')
      // A school's subtree is its own path: said as an equality, the class index serves its rosters.
      .where(principal.organisationLevel === 'school' ? `s.scope_path COLLATE "C" = :scope` : `s.scope_path COLLATE "C" LIKE :scope`, {
        scope: principal.organisationLevel === 'school' ? principal.organisationPath : prefixPattern(principal.organisationPath),
      })
      .orderBy(`s.scope_path COLLATE "C"`, 'ASC')
      .addOrderBy(`s.student_number COLLATE "C"`, 'ASC')
      .limit(f.limit + 1);
    if (after) {
      qb.andWhere(`(s.scope_path COLLATE "C", s.student_number COLLATE "C") > (:afterPath, :afterNumber)`, {
        afterPath: after.scopePath,
        afterNumber: after.studentNumber,
      });
    }
    if (f.schoolCode) {
      const school = await this.organisations.findVisible(principal, f.schoolCode);
      if (!school) return { items: [], next: null };
      // A school's records are exactly those at its path (school_id and scope_path move together).
      qb.andWhere(`s.scope_path COLLATE "C" = :schoolPath`, { schoolPath: school.path });
    }
    filterBy(qb, f);

    const rows = await qb.getMany();
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      items: page.map((s) => this.students.listView(principal, s)),
      next: rows.length > f.limit && last ? encodeCursor({ scopePath: last.scopePath, studentNumber: last.studentNumber }) : null,
    };
  }
}

/** The filters that need no lookup: equalities on the row, and prefixes as byte-wise LIKE ranges. */
function filterBy(qb: SelectQueryBuilder<StudentEntity>, f: Filters): void {
  if (f.status) qb.andWhere('s.status = :status', { status: f.status });
  if (f.lateRegistration !== undefined) qb.andWhere('s.late_registration = :late', { late: f.lateRegistration });
  if (f.stage) qb.andWhere('s.education_stage = :stage', { stage: f.stage });
  if (f.grade !== undefined) qb.andWhere('s.grade = :grade', { grade: f.grade });
  if (f.className) qb.andWhere('s.class_name = :className', { className: f.className });
  if (f.studentNumber) qb.andWhere(`s.student_number COLLATE "C" LIKE :numberPrefix`, { numberPrefix: prefixPattern(f.studentNumber) });
  if (f.namePrefix) qb.andWhere(`s.name COLLATE "C" LIKE :namePrefix`, { namePrefix: prefixPattern(f.namePrefix) });
  if (f.idNumberDigest) qb.andWhere('s.id_number_digest = :digest', { digest: f.idNumberDigest });
}

import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { parseIdDocument } from '../domain/identity-documents.js';
import { IdNumberVault } from '../id-number-vault.js';
import { DropoutsService } from '../dropouts/dropouts.service.js';
import { checkSemester, rosterProblems, type RecordElsewhere, type SchoolRecord } from './domain/roster-run.js';
import type { ConfirmRosterRequest } from './dto/verification.dto.js';

type ConfirmInput = z.output<typeof ConfirmRosterRequest>;

/**
 * 学籍核准 (第二十五条): a school confirms who was actually present this semester; in the same
 * transaction the run compares that roster with the register and queues each exception for the
 * authority above (record_problems), enters compulsory-education records with nobody present in
 * the drop-out ledger (第十七条), and audits the run as one entry.
 */
@Injectable()
export class SemesterVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdNumberVault,
    private readonly audit: AuditService,
    private readonly dropouts: DropoutsService,
  ) {}

  async confirm(principal: Principal, schoolCode: string, input: ConfirmInput, today = todayInChina()) {
    if (schoolCode !== principal.organisationCode) throw new NotFoundError('School');
    const semesterProblem = checkSemester(input.semester, today);
    if (semesterProblem) throw ValidationError.field('semester', `semester ${semesterProblem}`);
    const digests = this.digestsOf(input.persons, today);
    return this.dataSource.transaction(async (em) => {
      const [confirmation] = rowsOf<{ id: string }>(
        await em
          .query(
            `INSERT INTO roster_confirmations (school_id, scope_path, semester, confirmed_by, persons, summary)
             VALUES ($1, $2, $3, $4, $5, '{}') RETURNING id`,
            [principal.organisationId, principal.organisationPath, input.semester, principal.accountId, digests.length],
          )
          .catch(onUniqueViolation('roster_confirmations_school_id_semester_key', () => new ConflictError('ALREADY_CONFIRMED', `the roster for ${input.semester} is already confirmed`))),
      );
      await em.query(`INSERT INTO roster_persons (digest, confirmation_id) SELECT unnest($1::char(64)[]), $2`, [digests, confirmation.id]);
      const here = rowsOf<SchoolRecord>(
        await em.query(`SELECT id, id_number_digest AS digest, status, education_stage AS stage FROM students WHERE school_id = $1`, [principal.organisationId]),
      );
      const elsewhere = rowsOf<RecordElsewhere>(
        // One probe of the digest index per person (as `= ANY(…)` the planner read the whole register).
        await em.query(
          `SELECT s.id, s.digest, s.status, s."scopePath" FROM unnest($1::char(64)[]) AS w(d)
             CROSS JOIN LATERAL (SELECT id, id_number_digest AS digest, status, scope_path AS "scopePath", school_id
                                   FROM students WHERE id_number_digest = w.d LIMIT 1) AS s
            WHERE s.school_id <> $2`,
          [digests, principal.organisationId],
        ),
      );
      const found = rosterProblems(digests, here, elsewhere);
      const ctx = { em, confirmationId: confirmation.id, semester: input.semester, scopePath: principal.organisationPath };
      let possibleDropouts = 0;
      for (const p of found) {
        const problemId = await this.queue(ctx, p.kind, {
          studentId: p.kind === 'unregistered' ? null : p.studentId,
          otherScopePath: p.kind === 'mismatch' ? p.otherScopePath : null,
          digest: p.kind === 'phantom' ? null : p.digest,
        });
        if (p.kind === 'phantom' && p.possibleDropout && problemId) {
          if (await this.dropouts.flagIn(em, principal, { studentId: p.studentId, scopePath: principal.organisationPath, source: 'verification', problemId, reason: `学期核准未到校 (${input.semester})` }, today)) possibleDropouts++;
        }
      }
      const duplicates = await this.queueDuplicates(ctx, principal.organisationId);
      const problems = { phantom: 0, mismatch: 0, unregistered: 0, duplicate: duplicates };
      for (const p of found) problems[p.kind]++;
      const summary = { problems, possibleDropouts };
      await em.query(`UPDATE roster_confirmations SET summary = $2 WHERE id = $1`, [confirmation.id, JSON.stringify(summary)]);
      await this.audit.append(em, principal, {
        action: 'roster.confirmed',
        recordType: 'organisation',
        recordId: principal.organisationId,
        scopePath: principal.organisationPath,
        details: { confirmationId: confirmation.id, semester: input.semester, persons: digests.length, ...summary },
      });
      return { id: confirmation.id, schoolCode, semester: input.semester, persons: digests.length, ...summary };
    });
  }

  /** Each person's keyed digest; every bad row is named (persons.<i>.idNumber), none is stored. */
  private digestsOf(persons: ConfirmInput['persons'], today: string): string[] {
    const errors: Array<{ field: string; message: string }> = [];
    const digests = new Set<string>();
    persons.forEach((p, i) => {
      const document = parseIdDocument(p.idDocumentType, p.idNumber, today, p.nationality);
      if (!document.ok) errors.push({ field: `persons.${i}.idNumber`, message: document.message });
      else digests.add(this.vault.digest(p.idDocumentType, document.value.normalised));
    });
    if (errors.length > 0) throw new ValidationError(errors.slice(0, 100));
    return [...digests];
  }

  private async queue(
    ctx: { em: EntityManager; confirmationId: string; semester: string; scopePath: string },
    kind: string,
    p: { studentId: string | null; otherScopePath: string | null; digest: string | null; otherStudentId?: string },
  ): Promise<string | null> {
    const [row] = rowsOf<{ id: string }>(
      await ctx.em.query(
        `INSERT INTO record_problems (kind, semester, confirmation_id, scope_path, other_scope_path, student_id, other_student_id, id_digest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
        [kind, ctx.semester, ctx.confirmationId, ctx.scopePath, p.otherScopePath, p.studentId, p.otherStudentId ?? null, p.digest],
      ),
    );
    return row?.id ?? null;
  }

  /** Likely duplicates of this school's records anywhere: same name, birth date and gender, another document. */
  private async queueDuplicates(ctx: { em: EntityManager; confirmationId: string; semester: string; scopePath: string }, schoolId: string): Promise<number> {
    const pairs = rowsOf<{ a: string; b: string; other_path: string }>(
      await ctx.em.query(
        `SELECT DISTINCT LEAST(a.id, b.id) AS a, GREATEST(a.id, b.id) AS b, b.scope_path AS other_path
           FROM students a JOIN students b
             ON b.name = a.name AND b.birth_date = a.birth_date AND b.gender = a.gender AND b.id_number_digest <> a.id_number_digest
          WHERE a.school_id = $1 AND a.status <> 'merged' AND b.status <> 'merged'
            AND NOT EXISTS (SELECT 1 FROM distinct_persons d WHERE d.student_a = LEAST(a.id, b.id) AND d.student_b = GREATEST(a.id, b.id))
            AND NOT EXISTS (SELECT 1 FROM record_problems p WHERE p.kind = 'duplicate' AND p.status = 'open'
                              AND p.student_id = LEAST(a.id, b.id) AND p.other_student_id = GREATEST(a.id, b.id))`,
        [schoolId],
      ),
    );
    let queued = 0;
    for (const pair of pairs) {
      if (await this.queue(ctx, 'duplicate', { studentId: pair.a, otherStudentId: pair.b, otherScopePath: pair.other_path, digest: null })) queued++;
    }
    return queued;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { BINDING_MESSAGES, bindingDigest, bindingExpiry, bindingRefusal, newBindingCode, type GuardianRelation } from '../../platform/guardians/domain/binding-code.js';
import { GuardianAccountsService } from '../../platform/guardians/guardian-accounts.service.js';
import type { GuardianPrincipal } from '../../platform/guardians/guardian-principal.js';
import { GuardianChildrenService, type GuardianChildView } from './guardian-children.service.js';

interface CodeRow {
  id: string;
  student_id: string;
  relation: GuardianRelation;
  expires_at: Date;
  used_at: Date | null;
  scope_path: string;
}

/** A guardian as the audit trail's actor: their own id, no organisation. */
const actor = (guardianId: string) => ({ accountId: guardianId, organisationId: null });

/**
 * Binding guardians to students: the school's registrar issues a one-time code for one of its
 * students (shown once, kept as a digest, 14 days, single use); a guardian creates an account
 * with it, or binds a further child once signed in. Each step is audited in its transaction,
 * in the student's school's scope, without the code or the phone number.
 */
@Injectable()
export class GuardianBindingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly accounts: GuardianAccountsService,
    private readonly children: GuardianChildrenService,
  ) {}

  async issue(principal: Principal, studentId: string, relation: GuardianRelation, now = new Date()) {
    const code = newBindingCode();
    const expiresAt = bindingExpiry(now);
    await this.dataSource.transaction(async (em) => {
      const student = await this.visibleStudent(em, principal, studentId);
      if (student.status === 'deceased' || student.status === 'merged') throw new ConflictError('INVALID_STATE', 'the record is cancelled or merged into another: no guardian is bound to it');
      const [row] = rowsOf<{ id: string }>(
        await em.query(`INSERT INTO guardian_binding_codes (student_id, relation, code_digest, expires_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
          student.id,
          relation,
          bindingDigest(code),
          expiresAt,
          principal.accountId,
        ]),
      );
      await this.audit.append(em, principal, {
        action: 'guardian.binding_code_issued',
        recordType: 'student',
        recordId: student.id,
        scopePath: student.scope_path,
        details: { codeId: row.id, relation, expiresAt: expiresAt.toISOString() },
      });
    });
    return { code, relation, expiresAt: expiresAt.toISOString() };
  }

  /** The guardians bound to a record the caller sees: relation and since when, never a phone number. */
  async guardiansOf(principal: Principal, studentId: string) {
    await this.visibleStudent(this.dataSource.manager, principal, studentId);
    const rows = rowsOf<{ guardian_id: string; relation: GuardianRelation; bound_at: Date }>(
      await this.dataSource.query(`SELECT guardian_id, relation, bound_at FROM guardian_bindings WHERE student_id = $1 ORDER BY bound_at, guardian_id`, [studentId]),
    );
    return { items: rows.map((r) => ({ guardianId: r.guardian_id, relation: r.relation, boundAt: new Date(r.bound_at).toISOString() })) };
  }

  /** The school ends a binding (a code misused, a guardian no longer responsible); audited. */
  async unbind(principal: Principal, studentId: string, guardianId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const student = await this.visibleStudent(em, principal, studentId);
      const removed = rowsOf(await em.query(`DELETE FROM guardian_bindings WHERE student_id = $1 AND guardian_id = $2 RETURNING relation`, [studentId, guardianId]));
      if (removed.length === 0) throw new NotFoundError('Guardian binding');
      await this.audit.append(em, principal, { action: 'guardian.unbound', recordType: 'student', recordId: studentId, scopePath: student.scope_path, details: { guardianId } });
    });
  }

  /**
   * A duplicate record merged into the one kept (第二十五条): its guardians follow, in the merging
   * transaction, so that a guardian keeps seeing the child; a guardian bound to both keeps one binding.
   */
  async moveBindingsIn(em: EntityManager, fromStudentId: string, toStudentId: string): Promise<void> {
    await em.query(
      `INSERT INTO guardian_bindings (guardian_id, student_id, relation, code_id, bound_at)
       SELECT guardian_id, $2, relation, code_id, bound_at FROM guardian_bindings WHERE student_id = $1 ON CONFLICT DO NOTHING`,
      [fromStudentId, toStudentId],
    );
    await em.query(`DELETE FROM guardian_bindings WHERE student_id = $1`, [fromStudentId]);
  }

  private async visibleStudent(em: EntityManager, principal: Principal, studentId: string): Promise<{ id: string; scope_path: string; status: string }> {
    const [student] = rowsOf<{ id: string; scope_path: string; status: string }>(
      await em.query(`SELECT id, scope_path, status FROM students WHERE id = $1 AND scope_path LIKE $2`, [studentId, `${principal.organisationPath}%`]),
    );
    if (!student) throw new NotFoundError('Student');
    return student;
  }

  /** Unauthenticated (rate-limited like login): phone and password checked first, then the code claimed. */
  async createAccount(input: { code: string; phone: string; password: string }, now = new Date()): Promise<{ id: string; children: GuardianChildView[] }> {
    const prepared = await this.accounts.prepare(input);
    const guardianId = await this.dataSource.transaction(async (em) => {
      const code = await this.claim(em, input.code, now);
      const id = await this.accounts.createIn(em, prepared);
      await this.audit.append(em, actor(id), { action: 'guardian.account_created', recordType: 'guardian', recordId: id, scopePath: code.scope_path, details: { codeId: code.id } });
      await this.bindIn(em, id, code, now);
      return id;
    });
    return { id: guardianId, children: await this.children.list({ guardianId }) };
  }

  /** A signed-in guardian binds a further child with another code. */
  async bind(guardian: GuardianPrincipal, codeText: string, now = new Date()): Promise<GuardianChildView> {
    const studentId = await this.dataSource.transaction(async (em) => {
      const code = await this.claim(em, codeText, now);
      await this.bindIn(em, guardian.guardianId, code, now);
      return code.student_id;
    });
    return (await this.children.list(guardian)).find((c) => c.id === studentId)!;
  }

  /** The code's row, locked and marked used by nobody yet; 400 naming `code` when it cannot bind. */
  private async claim(em: EntityManager, codeText: string, now: Date): Promise<CodeRow> {
    const [row] = rowsOf<CodeRow>(
      await em.query(
        `SELECT c.id, c.student_id, c.relation, c.expires_at, c.used_at, s.scope_path
           FROM guardian_binding_codes c JOIN students s ON s.id = c.student_id
          WHERE c.code_digest = $1 FOR UPDATE OF c`,
        [bindingDigest(codeText)],
      ),
    );
    const refusal = bindingRefusal(row ? { expiresAt: new Date(row.expires_at), usedAt: row.used_at } : null, now);
    if (refusal) throw ValidationError.field('code', BINDING_MESSAGES[refusal], refusal);
    return row!;
  }

  private async bindIn(em: EntityManager, guardianId: string, code: CodeRow, now: Date): Promise<void> {
    const bound = rowsOf(
      await em.query(
        `INSERT INTO guardian_bindings (guardian_id, student_id, relation, code_id, bound_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (guardian_id, student_id) DO NOTHING RETURNING student_id`,
        [guardianId, code.student_id, code.relation, code.id, now],
      ),
    );
    if (bound.length === 0) throw new ConflictError('ALREADY_BOUND', 'this child is bound to your account already');
    await em.query(`UPDATE guardian_binding_codes SET used_at = $2, used_by = $3 WHERE id = $1`, [code.id, now, guardianId]);
    await this.audit.append(em, actor(guardianId), {
      action: 'guardian.bound',
      recordType: 'student',
      recordId: code.student_id,
      scopePath: code.scope_path,
      details: { guardianId, codeId: code.id, relation: code.relation },
    });
  }
}

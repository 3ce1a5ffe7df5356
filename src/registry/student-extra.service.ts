import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { EarlyWarningsService } from '../platform/read-log/early-warnings.service.js';
import { mergeExtra } from './domain/record-schema.js';
import type { StudentRecordView, UpdateExtraRequest } from './dto/student.dto.js';
import { ProvinceRecordRulesService } from './record-schemas/province-record-rules.service.js';
import { StudentEntity } from './student.entity.js';
import { StudentsService } from './students.service.js';

/**
 * The province's non-basic fields of a record (第三条), kept up to date by the student's own
 * school: set or removed (null) a few at a time, the whole checked against the province's
 * current schema, audited with the field names only.
 */
@Injectable()
export class StudentExtraService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly recordRules: ProvinceRecordRulesService,
    private readonly audit: AuditService,
    private readonly early: EarlyWarningsService,
  ) {}

  async update(principal: Principal, id: string, input: z.output<typeof UpdateExtraRequest>): Promise<StudentRecordView> {
    const updated = await this.dataSource.transaction(async (em) => {
      // The school's own records only: above it, a record's non-basic fields are read, not written.
      const student = await em
        .getRepository(StudentEntity)
        .createQueryBuilder('s')
        .where('s.id = :id AND s.scope_path = :path', { id, path: principal.organisationPath })
        .setLock('pessimistic_write')
        .getOne();
      if (!student) throw new NotFoundError('Student');
      if (input.expectedVersion !== undefined && input.expectedVersion !== student.version) {
        throw new ConflictError('STALE_VERSION', 'the record changed since you read it; read it again and retry');
      }
      const extra = mergeExtra(student.extra, input.extra);
      this.recordRules.checkExtra(await this.recordRules.forSchoolIn(em, student.scopePath), extra);
      await em.query(`UPDATE students SET extra = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, JSON.stringify(extra)]);
      await this.early.changedIn(em, principal, 'student.extra_updated', new Date());
      await this.audit.append(em, principal, {
        action: 'student.extra_updated',
        recordType: 'student',
        recordId: id,
        scopePath: student.scopePath,
        details: { fields: Object.keys(input.extra), fromVersion: student.version },
      });
      return em.getRepository(StudentEntity).findOneByOrFail({ id });
    });
    return this.students.recordView(principal, updated);
  }
}

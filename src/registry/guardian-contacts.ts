import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { maskName } from '../common/privacy/mask.js';
import { rowsOf } from '../database/rows.js';
import { maskPhone } from './domain/basic-info.js';
import type { GuardianRelation } from './domain/codes/record-codes.js';

export interface GuardianContact {
  relation: GuardianRelation;
  name: string;
  phone: string;
}

/**
 * A record's guardian contacts (第三条 basic information: relation, name, phone), in their own
 * table, in the order given. Personal data: never logged, never in audit details; shown in clear
 * to the student's own school (which calls them) and masked to the authorities above it.
 */
@Injectable()
export class GuardianContacts {
  async replaceIn(em: EntityManager, studentId: string, contacts: readonly GuardianContact[]): Promise<void> {
    await em.query(`DELETE FROM student_guardian_contacts WHERE student_id = $1`, [studentId]);
    if (contacts.length === 0) return;
    await em.query(
      `INSERT INTO student_guardian_contacts (student_id, position, relation, name, phone, province_code)
       SELECT s.id, c.position, c.relation, c.name, c.phone, s.province_code
         FROM unnest($2::smallint[], $3::varchar[], $4::varchar[], $5::varchar[]) AS c(position, relation, name, phone)
         JOIN students s ON s.id = $1`,
      [studentId, contacts.map((_c, i) => i), contacts.map((c) => c.relation), contacts.map((c) => c.name), contacts.map((c) => c.phone)],
    );
  }

  /** The contacts, masked unless `inClear` (the caller is the student's own school). */
  async listIn(em: EntityManager, studentId: string, inClear: boolean): Promise<GuardianContact[]> {
    const rows = rowsOf<GuardianContact>(
      await em.query(`SELECT relation, name, phone FROM student_guardian_contacts WHERE student_id = $1 ORDER BY position`, [studentId]),
    );
    return rows.map((c) => (inClear ? { relation: c.relation, name: c.name, phone: c.phone } : { relation: c.relation, name: maskName(c.name), phone: maskPhone(c.phone) }));
  }
}

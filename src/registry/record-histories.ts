import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { todayInChina } from '../common/time/china-date.js';
import type { EducationStage } from './domain/student-lifecycle.js';

/** What the register can say about how long a record has existed and been checked. */
export interface RecordHistoryFacts {
  studentId: string;
  stage: EducationStage;
  createdAt: Date;
  /** The creation day in China (YYYY-MM-DD). */
  createdOn: string;
  lastVerifiedOn: string | null;
  schoolVerifiedSinceCreation: boolean;
}

/**
 * Record histories for the separation-of-duties rule, for many students in one query. The
 * creation time is the register's own (`created_at`), which no caller sets — unlike the
 * enrolment date, which whoever enrols claims.
 */
@Injectable()
export class RecordHistories {
  async of(em: EntityManager, studentIds: string[]): Promise<Map<string, RecordHistoryFacts>> {
    if (studentIds.length === 0) return new Map();
    // Semester verification (学籍核准, 第二十五条): the last roster of the record's school that
    // confirmed the person present, and whether that school confirmed any roster since the record
    // was created (a record it never confirmed although it ran one is held for second approval).
    const rows: Array<{ id: string; stage: EducationStage; created_at: Date | string; last_verified_on: string | null; school_verified: boolean }> =
      await em.query(
        `SELECT s.id, s.education_stage AS stage, s.created_at,
                (SELECT (max(rc.confirmed_at) AT TIME ZONE 'Asia/Shanghai')::date::text FROM roster_persons rp JOIN roster_confirmations rc ON rc.id = rp.confirmation_id
                  WHERE rp.digest = s.id_number_digest AND rc.school_id = s.school_id) AS last_verified_on,
                EXISTS (SELECT 1 FROM roster_confirmations rc WHERE rc.school_id = s.school_id AND rc.confirmed_at > s.created_at) AS school_verified
           FROM students s WHERE s.id = ANY($1::uuid[])`,
        [studentIds],
      );
    return new Map(
      rows.map((r) => {
        const createdAt = new Date(r.created_at);
        return [
          r.id,
          {
            studentId: r.id,
            stage: r.stage,
            createdAt,
            createdOn: todayInChina(createdAt),
            lastVerifiedOn: r.last_verified_on,
            schoolVerifiedSinceCreation: r.school_verified === true,
          },
        ];
      }),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../database/rows.js';
import type { Principal } from '../../platform/auth/principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { maskName } from '../../common/privacy/mask.js';
import { ageReachedAt } from '../../identity/student-credential/domain/identity-claims.js';
import { SMALL_CELL_THRESHOLD, suppressSmallCells } from '../domain/small-cells.js';

/** A student as an export may show them (第二十四条: only desensitised). */
export interface DesensitisedStudent {
  name: string;
  gender: string;
  birthYear: string;
  ageOver: Record<number, boolean>;
  educationStage: string;
  grade: number;
  enrolmentStatus: string;
  school: string;
  region: string;
}

export const STATISTIC_DIMENSIONS = ['region', 'stage', 'grade', 'status'] as const;
export type StatisticDimension = (typeof STATISTIC_DIMENSIONS)[number];

const COLUMN: Record<Exclude<StatisticDimension, 'region'>, string> = {
  stage: 's.education_stage',
  grade: 's.grade',
  status: 's.status',
};

/**
 * Counts of students in the caller's subtree by region (the organisations directly below the
 * caller), stage, grade and status, desensitised: small cells are suppressed (small-cells.ts).
 * One GROUP BY over the subtree's index; no row leaves the database.
 */
@Injectable()
export class StudentStatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  async counts(principal: Principal, by: readonly StatisticDimension[]) {
    const depth = pathCodes(principal.organisationPath).length;
    // split_part counts the empty string before the first slash: the child's code is at depth + 2;
    // a school has no child, so its own code stands for the region.
    const regionIndex = principal.organisationLevel === 'school' ? depth + 1 : depth + 2;
    const select = by.map((d) => (d === 'region' ? `split_part(s.scope_path, '/', ${regionIndex}) AS region` : `${COLUMN[d]} AS ${d}`));
    const rows = rowsOf<Record<string, string | number>>(
      await this.dataSource.query(
        `SELECT ${select.join(', ')}, count(*)::int AS n FROM students s WHERE s.scope_path LIKE $1 GROUP BY ${by.map((_, i) => i + 1).join(', ')} ORDER BY ${by.map((_, i) => i + 1).join(', ')}`,
        [`${principal.organisationPath}%`],
      ),
    );
    const names = by.includes('region') ? await this.regionNames(rows.map((r) => String(r.region))) : new Map<string, string>();
    const published = suppressSmallCells(
      rows.map((r) => ({
        key: Object.fromEntries(
          by.flatMap((d): Array<[string, unknown]> => (d === 'region' ? [['region', String(r.region)], ['regionName', names.get(String(r.region)) ?? null]] : [[d, r[d]]])),
        ),
        count: Number(r.n),
      })),
    );
    return { by, threshold: SMALL_CELL_THRESHOLD, total: published.total, cells: published.cells };
  }

  /**
   * Rows of the students of a region, desensitised for an export under an approval: the name
   * masked (张*明), the birth date reduced to its year, ages as yes/no today, no student or ID
   * number at all. `limit` + 1 rows are read so that the caller can refuse an over-large export.
   */
  async desensitisedRows(regionPath: string, limit: number, now = new Date()): Promise<DesensitisedStudent[]> {
    const rows = rowsOf<{ name: string; gender: string; birth_date: string; education_stage: string; grade: number; status: string; school: string; county: string | null }>(
      await this.dataSource.query(
        `SELECT s.name, s.gender, s.birth_date::text AS birth_date, s.education_stage, s.grade, s.status, o.name AS school,
                (SELECT c.name FROM organisations c WHERE c.id = o.parent_id) AS county
           FROM students s JOIN organisations o ON o.id = s.school_id
          WHERE s.scope_path LIKE $1 ORDER BY s.student_number LIMIT $2`,
        [`${regionPath}%`, limit + 1],
      ),
    );
    return rows.map((r) => ({
      name: maskName(r.name),
      gender: r.gender,
      birthYear: r.birth_date.slice(0, 4),
      ageOver: Object.fromEntries([12, 14, 16, 18].map((years) => [years, ageReachedAt(r.birth_date, years).getTime() <= now.getTime()])),
      educationStage: r.education_stage,
      grade: r.grade,
      enrolmentStatus: r.status,
      school: r.school,
      region: r.county ?? '',
    }));
  }

  private async regionNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = rowsOf<{ code: string; name: string }>(await this.dataSource.query(`SELECT code, name FROM organisations WHERE code = ANY($1)`, [[...new Set(codes)]]));
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}

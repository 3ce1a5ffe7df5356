import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { UnprocessableError, NotFoundError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { StudentStatisticsService } from '../../registry/statistics/student-statistics.service.js';
import { useRefusal, type ApprovalTerms } from '../domain/approval.js';
import { columnsFor, defused } from '../domain/export-columns.js';
import type { RelyingSystemRow } from '../relying-systems.service.js';
import { AccessLogService } from '../access-log.service.js';

/** The most rows one export may hold; a larger region is exported by its parts. */
export const MAX_EXPORT_ROWS = 100_000;

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/**
 * Row exports for a relying system, only under an active approval (第二十四条): the students of
 * its region, one column per approved claim, desensitised (masked names, birth year only, no
 * student or ID number); every row counts against the approval's volume, taken atomically, and
 * every export — or refusal — is in the access log.
 */
@Injectable()
export class StudentExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: StudentStatisticsService,
    private readonly log: AccessLogService,
  ) {}

  async export(system: RelyingSystemRow, approvalId: string, format: 'csv' | 'xlsx', today = todayInChina()): Promise<ExportFile> {
    const [approval] = rowsOf<ApprovalTerms & { id: string; region_path: string; valid_until: string; volume_limit: number }>(
      await this.dataSource.query(
        `SELECT id, status, claims, region_path, region_path AS "regionPath", valid_until::text AS valid_until, valid_until::text AS "validUntil",
                volume_limit, volume_limit AS "volumeLimit", used
           FROM sharing_approvals WHERE id = $1 AND relying_system_id = $2`,
        [approvalId, system.id],
      ),
    );
    if (!approval) throw new NotFoundError('Approval');
    const columns = columnsFor(approval.claims);
    const refusal = useRefusal(approval, [], today);
    if (refusal) return this.refuse(system, approvalId, refusal.code, refusal.message);
    const rows = await this.statistics.desensitisedRows(approval.region_path, MAX_EXPORT_ROWS);
    if (rows.length > MAX_EXPORT_ROWS) return this.refuse(system, approvalId, 'EXPORT_TOO_LARGE', `an export holds at most ${MAX_EXPORT_ROWS} rows; ask for a smaller region`);

    // The volume is taken in the same statement that checks it: two exports at once cannot both fit.
    const taken = await this.dataSource.transaction(async (em) => {
      const [row] = rowsOf<{ id: string }>(
        await em.query(
          `UPDATE sharing_approvals SET used = used + $2 WHERE id = $1 AND status = 'active' AND valid_until >= $3::date AND used + $2 <= volume_limit RETURNING id`,
          [approvalId, rows.length, today],
        ),
      );
      if (!row) return false;
      await this.log.append({ relyingSystemId: system.id, approvalId, event: 'export', outcome: 'allowed', claims: columns.map((c) => c.claim), subject: `rows:${rows.length}` }, em);
      return true;
    });
    if (!taken) return this.refuse(system, approvalId, 'APPROVAL_VOLUME_EXCEEDED', `the export of ${rows.length} rows does not fit in what is left of the approval's volume`);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('students');
    sheet.addRow(columns.map((c) => c.header));
    for (const row of rows) sheet.addRow(columns.map((c) => defused(c.value(row))));
    const stamp = today.replaceAll('-', '');
    if (format === 'xlsx') {
      return { fileName: `students-${stamp}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: Buffer.from(await workbook.xlsx.writeBuffer()) };
    }
    // UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese headers right.
    const csv = Buffer.from(await workbook.csv.writeBuffer());
    return { fileName: `students-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.concat([Buffer.from('\uFEFF'), csv]) };
  }

  /** Logged, and — over volume, say — reported to the approving authority (access-log.service.ts). */
  private async refuse(system: RelyingSystemRow, approvalId: string, code: string, message: string): Promise<never> {
    await this.log.refused({ relyingSystemId: system.id, approvalId, event: 'export', code });
    throw new UnprocessableError(code, message);
  }
}

import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { JobQueueService } from '../../jobs/job-queue.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import type { RowError } from './domain/import-rows.js';
import { reportWorkbook, type ImportMediaType } from './import-files.js';
import { IMPORT_QUEUE, type ImportJob } from './student-import-job.js';

/** What an import looks like to its caller. */
export interface ImportView {
  id: string;
  schoolCode: string;
  state: 'queued' | 'validating' | 'importing' | 'imported' | 'rejected';
  fileSha256: string;
  mediaType: string;
  rows: { total: number | null; validated: number; imported: number; failed: number };
  errorCount: number;
  firstStudentId: string | null;
  lastStudentId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface ImportRow {
  id: string;
  scope_path: string;
  state: ImportView['state'];
  file_sha256: string;
  media_type: string;
  rows_total: number | null;
  rows_validated: number;
  rows_imported: number;
  rows_failed: number;
  error_count: number;
  first_student_id: string | null;
  last_student_id: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const VIEW_COLUMNS = `id, scope_path, state, file_sha256, media_type, rows_total, rows_validated, rows_imported, rows_failed,
  jsonb_array_length(errors) AS error_count, first_student_id, last_student_id, created_at, finished_at`;

/**
 * Student imports (issue 8): a school's registrar into their own school, or an authority into a
 * school of its subtree, sends a CSV or XLSX file; it is kept with its SHA-256 and a job on the
 * queue checks and imports it (student-import-job.ts). Foreign imports answer 404.
 */
@Injectable()
export class StudentImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly queue: JobQueueService,
  ) {}

  /**
   * Keeps the file and queues its job, in one transaction. The same file into the same school
   * again answers the earlier import (`created: false`), unless that one was rejected.
   */
  async upload(principal: Principal, content: unknown, mediaType: ImportMediaType, schoolCode: string | undefined): Promise<{ created: boolean; view: ImportView }> {
    if (!Buffer.isBuffer(content) || content.length === 0) throw ValidationError.field('body', 'is empty: send the file itself (text/csv or an XLSX workbook)', 'EMPTY_FILE');
    const school = await this.targetSchool(principal, schoolCode);
    const sha = createHash('sha256').update(content).digest('hex');
    const earlier = await this.live(school.id, sha);
    if (earlier) return { created: false, view: earlier };
    try {
      const id = await this.dataSource.transaction(async (em) => {
        await this.organisations.assertOpenIn(em, school.id);
        const [row] = rowsOf<{ id: string }>(
          await em.query(
            `INSERT INTO student_imports (school_id, scope_path, file_sha256, media_type, content, requested_by, requester_organisation_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [school.id, school.path, sha, mediaType, content, principal.accountId, principal.organisationId],
          ),
        );
        await this.audit.append(em, principal, {
          action: 'student_import.received',
          recordType: 'student_import',
          recordId: row.id,
          scopePath: school.path,
          details: { fileSha256: sha, bytes: content.length, mediaType, schoolCode: school.code },
        });
        await this.queue.sendIn<ImportJob>(em, IMPORT_QUEUE, [{ importId: row.id }]);
        return row.id;
      });
      return { created: true, view: (await this.find(principal, id))! };
    } catch (error) {
      // The same file sent twice at once: the other request's import is the one.
      const other = await this.live(school.id, sha);
      if (other) return { created: false, view: other };
      throw error;
    }
  }

  async get(principal: Principal, id: string): Promise<ImportView> {
    const view = await this.find(principal, id);
    if (!view) throw new NotFoundError('Import');
    return view;
  }

  /** The bad rows: row number (header = 1), column header, code and reason. */
  async errors(principal: Principal, id: string): Promise<{ state: ImportView['state']; items: RowError[] }> {
    const [row] = rowsOf<{ state: ImportView['state']; errors: RowError[] }>(
      await this.dataSource.query(`SELECT state, errors FROM student_imports WHERE id = $1 AND scope_path LIKE $2`, [id, `${principal.organisationPath}%`]),
    );
    if (!row) throw new NotFoundError('Import');
    return { state: row.state, items: row.errors };
  }

  /** The file as sent, with a column of errors added (empty for an imported file), as XLSX. */
  async report(principal: Principal, id: string): Promise<Buffer> {
    const [row] = rowsOf<{ content: Buffer; media_type: ImportMediaType; errors: RowError[] }>(
      await this.dataSource.query(`SELECT content, media_type, errors FROM student_imports WHERE id = $1 AND scope_path LIKE $2`, [id, `${principal.organisationPath}%`]),
    );
    if (!row) throw new NotFoundError('Import');
    return reportWorkbook(row.content, row.media_type, row.errors);
  }

  /** A registrar's own school; an authority's school of its subtree, named. Anything else is not found. */
  private async targetSchool(principal: Principal, schoolCode: string | undefined) {
    if (principal.role === 'school_registrar') {
      if (schoolCode !== undefined && schoolCode !== principal.organisationCode) throw new NotFoundError('School');
      return { id: principal.organisationId, code: principal.organisationCode, path: principal.organisationPath };
    }
    if (schoolCode === undefined) throw ValidationError.field('schoolCode', 'is required: name the school of your subtree to import into', 'REQUIRED');
    const school = await this.organisations.findVisible(principal, schoolCode);
    if (!school || school.level !== 'school') throw new NotFoundError('School');
    return { id: school.id, code: school.code, path: school.path };
  }

  private async live(schoolId: string, sha: string): Promise<ImportView | null> {
    const [row] = rowsOf<ImportRow>(
      await this.dataSource.query(`SELECT ${VIEW_COLUMNS} FROM student_imports WHERE school_id = $1 AND file_sha256 = $2 AND state <> 'rejected'`, [schoolId, sha]),
    );
    return row ? view(row) : null;
  }

  private async find(principal: Principal, id: string): Promise<ImportView | null> {
    const [row] = rowsOf<ImportRow>(
      await this.dataSource.query(`SELECT ${VIEW_COLUMNS} FROM student_imports WHERE id = $1 AND scope_path LIKE $2`, [id, `${principal.organisationPath}%`]),
    );
    return row ? view(row) : null;
  }
}

function view(r: ImportRow): ImportView {
  return {
    id: r.id,
    schoolCode: pathCodes(r.scope_path).at(-1)!,
    state: r.state,
    fileSha256: r.file_sha256,
    mediaType: r.media_type,
    rows: { total: r.rows_total, validated: r.rows_validated, imported: r.rows_imported, failed: r.rows_failed },
    errorCount: Number(r.error_count),
    firstStudentId: r.first_student_id,
    lastStudentId: r.last_student_id,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

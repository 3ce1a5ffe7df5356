import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ReadLogService } from '../../platform/read-log/read-log.service.js';
import type { ListRecordCopiesQuery } from '../transfers/dto/transfer.dto.js';

interface CopyRow {
  id: string;
  student_id: string;
  reason: 'transfer' | 'merger' | 'closure' | 'progression';
  request_id: string | null;
  moved_to_code: string;
  copied_at: Date;
  student_number: string;
  record?: Record<string, unknown>;
  placements?: Array<Record<string, unknown>>;
}

const SUMMARY = `c.id, c.student_id, c.reason, c.request_id, c.moved_to_code, c.copied_at, c.record->>'studentNumber' AS student_number`;

/** The read-only copies an organisation keeps of records that left it (第十五条), within the caller's subtree. */
@Injectable()
export class RecordCopiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readLog: ReadLogService,
  ) {}

  async list(principal: Principal, query: z.output<typeof ListRecordCopiesQuery>) {
    const params: unknown[] = [`${principal.organisationPath}%`, query.limit + 1];
    const after = query.after ? `AND (c.copied_at, c.id) < (SELECT copied_at, id FROM record_copies WHERE id = $${params.push(query.after)})` : '';
    const rows = rowsOf<CopyRow>(
      await this.dataSource.query(
        `SELECT ${SUMMARY} FROM record_copies c WHERE c.scope_path LIKE $1 ${after} ORDER BY c.copied_at DESC, c.id DESC LIMIT $2`,
        params,
      ),
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(summary), next: rows.length > query.limit ? page[page.length - 1].id : null };
  }

  /** One copy in full: a read of the record, logged. */
  async get(principal: Principal, id: string) {
    const [row] = rowsOf<CopyRow>(
      await this.dataSource.query(`SELECT ${SUMMARY}, c.record, c.placements FROM record_copies c WHERE c.id = $1 AND c.scope_path LIKE $2`, [
        id,
        `${principal.organisationPath}%`,
      ]),
    );
    if (!row) throw new NotFoundError('Record copy');
    await this.readLog.recordRead(principal, row.student_id, 'GET /record-copies/{id}');
    return { ...summary(row), record: row.record!, placements: row.placements! };
  }
}

function summary(r: CopyRow) {
  return {
    id: r.id,
    studentId: r.student_id,
    studentNumber: r.student_number,
    reason: r.reason,
    requestId: r.request_id,
    movedToCode: r.moved_to_code,
    copiedAt: new Date(r.copied_at).toISOString(),
  };
}

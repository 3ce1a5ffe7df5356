import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { AccountSealingService } from '../../platform/accounts/account-sealing.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { authorityAbove, isWithinSubtree } from '../../platform/organisations/domain/org-level.js';
import { refuseIf } from '../../common/errors/refusal.js';
import { checkClosure, type ClosingOrganisation } from './domain/closure-rules.js';
import type { CloseSchoolRequest } from './dto/closure.dto.js';
import { RecordMovesService, type Destination } from './record-moves.service.js';

type OrgRow = Destination & ClosingOrganisation;

/**
 * 学校合并与撤销 (第十二条): an authority over a school merges it into another or closes it; in
 * one transaction the school is marked closed and every record it holds — whatever its status —
 * moves to the successor with a new placement (history kept), its certificates following it.
 * A school with requests still open about its students is not closed until they are decided.
 */
@Injectable()
export class SchoolClosuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly moves: RecordMovesService,
    private readonly sealing: AccountSealingService,
  ) {}

  async close(principal: Principal, code: string, input: z.output<typeof CloseSchoolRequest>, today = todayInChina()) {
    return this.dataSource.transaction(async (em) => {
      const school = await this.visible(em, principal, code, 'code');
      const successor = input.successorCode ? await this.visible(em, principal, input.successorCode, 'successorCode') : await this.byPath(em, authorityAbove(school.path));
      refuseIf(checkClosure(input.kind, school, successor, principal.organisationPath));
      if (input.effectiveOn > today) refuseIf({ kind: 'validation', field: 'effectiveOn', code: 'INVALID_DATE', message: 'effectiveOn is in the future: close the school on the day' });
      const [{ open }] = await em.query(
        `SELECT count(*)::int AS open FROM requests r JOIN students s ON s.id::text = r.subject_id
          WHERE r.subject_type = 'student' AND r.status = 'open' AND s.school_id = $1`,
        [school.id],
      );
      if (open > 0) throw new ConflictError('OPEN_REQUESTS', `${open} request(s) about this school's students are still open: decide them first`);
      await em.query(`UPDATE organisations SET closed_on = $2 WHERE id = $1`, [school.id, input.effectiveOn]);
      const change = input.kind === 'merger' ? 'school.merged' : 'school.closed';
      const moved = await this.moves.moveSchoolIn(em, principal, school, successor, input.effectiveOn, change);
      const accountsSealed = await this.sealing.sealOrganisationIn(em, principal, school, new Date(), change);
      return { schoolCode: school.code, kind: input.kind, successorCode: successor.code, effectiveOn: input.effectiveOn, moved, accountsSealed };
    });
  }

  private async visible(em: EntityManager, principal: Principal, code: string, field: string): Promise<OrgRow> {
    const [row] = rowsOf<OrgRow>(await em.query(`SELECT id, code, path, level, closed_on::text AS "closedOn" FROM organisations WHERE code = $1 FOR UPDATE`, [code]));
    if (!row || !isWithinSubtree(principal.organisationPath, row.path)) throw new NotFoundError(field === 'code' ? 'Organisation' : 'Successor organisation');
    return row;
  }

  private async byPath(em: EntityManager, path: string): Promise<OrgRow> {
    const [row] = rowsOf<OrgRow>(await em.query(`SELECT id, code, path, level, closed_on::text AS "closedOn" FROM organisations WHERE path = $1`, [path]));
    return row;
  }
}

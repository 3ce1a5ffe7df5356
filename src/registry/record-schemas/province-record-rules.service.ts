import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { isWithinSubtree, pathCodes } from '../../platform/organisations/domain/org-level.js';
import { DEFAULT_ENTRY_AGE, type EntryAgePolicy } from '../domain/entry-rules.js';
import { extraProblems, schemaProblems, type ExtraFieldDefinition } from '../domain/record-schema.js';
import type { PutRecordSchemaRequest, RecordSchemaView } from '../dto/record-schema.dto.js';

/** What a province decides for the records of its schools. */
export interface ProvinceRecordRules {
  fields: ExtraFieldDefinition[];
  entryAge: EntryAgePolicy;
}

interface RulesRow {
  fields: ExtraFieldDefinition[];
  entry_minimum_age: number;
  entry_cutoff: string;
  version: number;
  updated_at: Date | string;
}

interface Province {
  id: string;
  code: string;
  path: string;
}

/**
 * Each province's rules for its records (第三条, 第十一条): the non-basic fields a record holds
 * and the primary entry age with its cut-off day. Set by the province's administrator (or the
 * national one), audited; read by anyone working inside the province or above it.
 */
@Injectable()
export class ProvinceRecordRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, code: string): Promise<RecordSchemaView> {
    const province = await this.province(this.dataSource.manager, code);
    // Inside the province (its schools fill the fields) or above it (national).
    if (!province || !(isWithinSubtree(province.path, principal.organisationPath) || isWithinSubtree(principal.organisationPath, province.path))) {
      throw new NotFoundError('Province');
    }
    return view(province.code, await this.row(this.dataSource.manager, province.id));
  }

  async put(principal: Principal, code: string, input: z.output<typeof PutRecordSchemaRequest>): Promise<RecordSchemaView> {
    const fields = input.fields.map(definition);
    const problems = schemaProblems(fields);
    if (problems.length > 0) throw new ValidationError(problems, 'INVALID_RECORD_SCHEMA');
    return this.dataSource.transaction(async (em) => {
      const province = await this.province(em, code);
      if (!province || !isWithinSubtree(principal.organisationPath, province.path)) throw new NotFoundError('Province');
      await em.query(`SELECT id FROM organisations WHERE id = $1 FOR UPDATE`, [province.id]);
      const current = await this.row(em, province.id);
      if (input.expectedVersion !== undefined && input.expectedVersion !== (current?.version ?? 0)) {
        throw new ConflictError('STALE_VERSION', 'the schema changed since you read it; read it again and retry');
      }
      const [saved] = rowsOf<RulesRow>(
        await em.query(
          `INSERT INTO province_record_rules (province_id, fields, entry_minimum_age, entry_cutoff, updated_by)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (province_id) DO UPDATE SET fields = EXCLUDED.fields, entry_minimum_age = EXCLUDED.entry_minimum_age,
             entry_cutoff = EXCLUDED.entry_cutoff, updated_by = EXCLUDED.updated_by, updated_at = now(), version = province_record_rules.version + 1
           RETURNING fields, entry_minimum_age, entry_cutoff, version, updated_at`,
          [province.id, JSON.stringify(fields), input.entryAge.minimumAge, input.entryAge.cutoff, principal.accountId],
        ),
      );
      await this.audit.append(em, principal, {
        action: 'province.record_rules_set',
        recordType: 'organisation',
        recordId: province.id,
        scopePath: province.path,
        details: { provinceCode: province.code, fields: fields.map((f) => f.name), entryAge: input.entryAge, version: saved.version },
      });
      return view(province.code, saved);
    });
  }

  /** The rules for a school's records, inside the caller's transaction; defaults where the province set none. */
  async forSchoolIn(em: EntityManager, schoolPath: string): Promise<ProvinceRecordRules> {
    const province = await this.province(em, pathCodes(schoolPath)[1] ?? '');
    const row = province ? await this.row(em, province.id) : null;
    if (!row) return { fields: [], entryAge: DEFAULT_ENTRY_AGE };
    return { fields: row.fields, entryAge: { minimumAge: row.entry_minimum_age as 6 | 7, cutoff: row.entry_cutoff } };
  }

  /** Refuses (400, every field named `extra.<field>`) a record's non-basic fields that the schema does not allow. */
  checkExtra(rules: ProvinceRecordRules, extra: Record<string, unknown>): void {
    const problems = extraProblems(rules.fields, extra);
    if (problems.length > 0) throw new ValidationError(problems, 'INVALID_EXTRA_FIELD');
  }

  private async province(em: EntityManager, code: string): Promise<Province | null> {
    const [row] = rowsOf<Province>(await em.query(`SELECT id, code, path FROM organisations WHERE code = $1 AND level = 'province'`, [code]));
    return row ?? null;
  }

  private async row(em: EntityManager, provinceId: string): Promise<RulesRow | null> {
    const [row] = rowsOf<RulesRow>(
      await em.query(`SELECT fields, entry_minimum_age, entry_cutoff, version, updated_at FROM province_record_rules WHERE province_id = $1`, [provinceId]),
    );
    return row ?? null;
  }
}

/** Only what a definition of its type holds, in a fixed key order (the stored JSON stays stable). */
function definition(f: z.output<typeof PutRecordSchemaRequest>['fields'][number]): ExtraFieldDefinition {
  return {
    name: f.name,
    ...(f.label !== undefined ? { label: f.label } : {}),
    type: f.type,
    required: f.required,
    ...(f.type === 'enum' ? { values: f.values } : {}),
    ...(f.type === 'string' ? { maxLength: f.maxLength } : {}),
  };
}

function view(provinceCode: string, row: RulesRow | null): RecordSchemaView {
  if (!row) return { provinceCode, fields: [], entryAge: { ...DEFAULT_ENTRY_AGE }, version: 0, updatedAt: null };
  return {
    provinceCode,
    fields: row.fields,
    entryAge: { minimumAge: row.entry_minimum_age, cutoff: row.entry_cutoff },
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

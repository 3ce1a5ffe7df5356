import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { childLevelOf, childPath, isWithinSubtree, parentCodeOf, validateOrgCode, type OrgLevel } from './domain/org-level.js';
import { WarningsService } from '../warnings/warnings.service.js';
import { OrganisationEntity } from './organisation.entity.js';

export interface OrganisationView {
  id: string;
  code: string;
  level: OrgLevel;
  name: string;
  parentCode: string | null;
}

export const ROOT_CODE = '000000';

/** Work that belongs to creating an organisation, run inside the creating transaction. */
export type OrganisationCreatedHook = (em: EntityManager, organisation: OrganisationView) => Promise<void>;

@Injectable()
export class OrganisationsService {
  private readonly createdHooks: OrganisationCreatedHook[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
  ) {}

  /** E.g. identity gives an education authority its signing keys in the same commit. */
  onCreated(hook: OrganisationCreatedHook): void {
    this.createdHooks.push(hook);
  }

  /** Pass the transaction's manager when calling inside a transaction (see pglite-driver.ts). */
  async byId(id: string, em: EntityManager = this.dataSource.manager): Promise<OrganisationEntity> {
    const org = await em.getRepository(OrganisationEntity).findOneBy({ id });
    if (!org) throw new NotFoundError('Organisation');
    return org;
  }

  /** An organisation by code, or null when it does not exist or lies outside the caller's subtree. */
  /**
   * Refuses a school merged or closed (第十二条) as a place records go to: no enrolment, no transfer
   * in, no import. Read in the caller's transaction.
   */
  async assertOpenIn(em: EntityManager, organisationId: string): Promise<void> {
    const [row] = await em.query(`SELECT closed_on::text AS closed_on FROM organisations WHERE id = $1`, [organisationId]);
    if (row?.closed_on) throw new ConflictError('SCHOOL_CLOSED', `the school was merged or closed on ${row.closed_on} (第十二条)`);
  }

  async findVisible(principal: Principal | null, code: string): Promise<OrganisationEntity | null> {
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ code });
    if (!org) return null;
    return principal === null || isWithinSubtree(principal.organisationPath, org.path) ? org : null;
  }

  async get(principal: Principal, code: string): Promise<OrganisationView> {
    const org = await this.findVisible(principal, code);
    if (!org) throw new NotFoundError('Organisation');
    return this.view(org);
  }

  async children(principal: Principal, code: string): Promise<OrganisationView[]> {
    const parent = await this.findVisible(principal, code);
    if (!parent) throw new NotFoundError('Organisation');
    const rows = await this.dataSource.getRepository(OrganisationEntity).find({
      where: { parentId: parent.id },
      order: { code: 'ASC' },
    });
    return rows.map((o) => this.view(o));
  }

  /** The national root (the deployment's root authority, which signs the trust list and the audit head); setup creates it. */
  async root(): Promise<OrganisationEntity> {
    const root = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ code: ROOT_CODE });
    if (!root) throw new NotFoundError('Root organisation');
    return root;
  }

  /** The national root; created once by setup. */
  async ensureRoot(name = '中华人民共和国教育部'): Promise<OrganisationEntity> {
    const repo = this.dataSource.getRepository(OrganisationEntity);
    const existing = await repo.findOneBy({ code: ROOT_CODE });
    if (existing) return existing;
    return this.dataSource.transaction(async (em) => {
      const root = await em.getRepository(OrganisationEntity).save({
        code: ROOT_CODE,
        level: 'national' as const,
        name,
        parentId: null,
        path: `/${ROOT_CODE}/`,
      });
      await this.audit.append(em, null, {
        action: 'organisation.created',
        recordType: 'organisation',
        recordId: root.id,
        scopePath: root.path,
        details: { code: root.code, level: root.level },
      });
      for (const hook of this.createdHooks) await hook(em, this.view(root));
      return root;
    });
  }

  /**
   * Adds a child under an organisation in the caller's subtree (principal null: the setup
   * command). The level is the one below the parent's, and the code must nest under it.
   */
  async create(principal: Principal | null, input: { parentCode: string; code: string; name: string }) {
    const parent = await this.findVisible(principal, input.parentCode);
    if (!parent) throw new NotFoundError('Parent organisation');
    const level = childLevelOf(parent.level);
    if (!level) throw ValidationError.field('parentCode', 'a school cannot have child organisations');
    const check = validateOrgCode(level, input.code, parent.code);
    if (!check.ok) throw ValidationError.field('code', check.message);

    const org = await this.dataSource
      .transaction(async (em) => {
        const created = await em.getRepository(OrganisationEntity).save({
          code: input.code,
          level,
          name: input.name,
          parentId: parent.id,
          path: childPath(parent.path, input.code),
        });
        await this.audit.append(em, principal, {
          action: 'organisation.created',
          recordType: 'organisation',
          recordId: created.id,
          scopePath: created.path,
          details: { code: created.code, level },
        });
        // Reported above whoever created it (an administrator creating schools is overseen).
        await this.warnings.raise(em, {
          kind: 'organisation.created',
          subjectPath: principal?.organisationPath ?? parent.path,
          subjectType: 'organisation',
          subjectId: created.id,
          evidence: { code: created.code, level, createdBy: principal?.accountId ?? 'setup' },
        });
        for (const hook of this.createdHooks) await hook(em, this.view(created));
        return created;
      })
      .catch(onUniqueViolation('organisations_code_key', () => new ConflictError('ORGANISATION_EXISTS', 'an organisation with this code exists')));
    return this.view(org);
  }

  private view(org: OrganisationEntity): OrganisationView {
    return { id: org.id, code: org.code, level: org.level, name: org.name, parentCode: parentCodeOf(org.path) };
  }
}

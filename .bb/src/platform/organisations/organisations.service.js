var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { AuditService } from '../audit/audit.service.js';
import { childLevelOf, childPath, isWithinSubtree, parentCodeOf, validateOrgCode } from './domain/org-level.js';
import { OrganisationEntity } from './organisation.entity.js';
export const ROOT_CODE = '000000';
let OrganisationsService = class OrganisationsService {
    constructor(dataSource, audit) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.createdHooks = [];
    }
    /** E.g. identity gives an education authority its signing keys in the same commit. */
    onCreated(hook) {
        this.createdHooks.push(hook);
    }
    /** Pass the transaction's manager when calling inside a transaction (see pglite-driver.ts). */
    async byId(id, em = this.dataSource.manager) {
        const org = await em.getRepository(OrganisationEntity).findOneBy({ id });
        if (!org)
            throw new NotFoundError('Organisation');
        return org;
    }
    /** An organisation by code, or null when it does not exist or lies outside the caller's subtree. */
    async findVisible(principal, code) {
        const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ code });
        if (!org)
            return null;
        return principal === null || isWithinSubtree(principal.organisationPath, org.path) ? org : null;
    }
    async get(principal, code) {
        const org = await this.findVisible(principal, code);
        if (!org)
            throw new NotFoundError('Organisation');
        return this.view(org);
    }
    async children(principal, code) {
        const parent = await this.findVisible(principal, code);
        if (!parent)
            throw new NotFoundError('Organisation');
        const rows = await this.dataSource.getRepository(OrganisationEntity).find({
            where: { parentId: parent.id },
            order: { code: 'ASC' },
        });
        return rows.map((o) => this.view(o));
    }
    /** The national root; created once by setup. */
    async ensureRoot(name = '中华人民共和国教育部') {
        const repo = this.dataSource.getRepository(OrganisationEntity);
        const existing = await repo.findOneBy({ code: ROOT_CODE });
        if (existing)
            return existing;
        return this.dataSource.transaction(async (em) => {
            const root = await em.getRepository(OrganisationEntity).save({
                code: ROOT_CODE,
                level: 'national',
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
            for (const hook of this.createdHooks)
                await hook(em, this.view(root));
            return root;
        });
    }
    /**
     * Adds a child under an organisation in the caller's subtree (principal null: the setup
     * command). The level is the one below the parent's, and the code must nest under it.
     */
    async create(principal, input) {
        const parent = await this.findVisible(principal, input.parentCode);
        if (!parent)
            throw new NotFoundError('Parent organisation');
        const level = childLevelOf(parent.level);
        if (!level)
            throw ValidationError.field('parentCode', 'a school cannot have child organisations');
        const check = validateOrgCode(level, input.code, parent.code);
        if (!check.ok)
            throw ValidationError.field('code', check.message);
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
            for (const hook of this.createdHooks)
                await hook(em, this.view(created));
            return created;
        })
            .catch(onUniqueViolation('organisations_code_key', () => new ConflictError('ORGANISATION_EXISTS', 'an organisation with this code exists')));
        return this.view(org);
    }
    view(org) {
        return { id: org.id, code: org.code, level: org.level, name: org.name, parentCode: parentCodeOf(org.path) };
    }
};
OrganisationsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        AuditService])
], OrganisationsService);
export { OrganisationsService };
//# sourceMappingURL=organisations.service.js.map
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
import { IssuerSignerService } from '../../identity/issuer-signer.service.js';
import { roleForLevel } from '../../platform/organisations/domain/org-level.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
let BatchContexts = class BatchContexts {
    constructor(dataSource, organisations, issuers) {
        this.dataSource = dataSource;
        this.organisations = organisations;
        this.issuers = issuers;
    }
    /** The context of an approved list still issuing; null for any other list (nothing to do). */
    async of(listId) {
        const [list] = await this.dataSource.query(`SELECT school_id, reviewed_by, reviewed_at, issuer_organisation_id FROM leaver_lists WHERE id = $1 AND state = 'issuing'`, [listId]);
        if (!list)
            return null;
        const school = await this.organisations.byId(list.school_id);
        const authority = await this.organisations.byId(list.issuer_organisation_id);
        const principal = {
            accountId: list.reviewed_by,
            role: roleForLevel(authority.level),
            organisationId: authority.id,
            organisationCode: authority.code,
            organisationLevel: authority.level,
            organisationPath: authority.path,
        };
        const issuer = await this.issuers.forOrganisation(authority.id, authority.code, authority.name);
        return {
            listId,
            school: { id: school.id, code: school.code, name: school.name, path: school.path },
            issuing: { principal, authority: { id: authority.id, code: authority.code, name: authority.name }, issuer },
            issuedAt: new Date(list.reviewed_at),
        };
    }
};
BatchContexts = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        OrganisationsService,
        IssuerSignerService])
], BatchContexts);
export { BatchContexts };
//# sourceMappingURL=batch-context.js.map
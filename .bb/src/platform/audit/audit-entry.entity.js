var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryColumn } from 'typeorm';
let AuditEntryEntity = class AuditEntryEntity {
};
__decorate([
    PrimaryColumn({ type: 'bigint' }),
    __metadata("design:type", String)
], AuditEntryEntity.prototype, "seq", void 0);
__decorate([
    Column({ name: 'occurred_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], AuditEntryEntity.prototype, "occurredAt", void 0);
__decorate([
    Column({ name: 'actor_account_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], AuditEntryEntity.prototype, "actorAccountId", void 0);
__decorate([
    Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], AuditEntryEntity.prototype, "actorOrganisationId", void 0);
__decorate([
    Column({ name: 'scope_path', type: 'varchar' }),
    __metadata("design:type", String)
], AuditEntryEntity.prototype, "scopePath", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], AuditEntryEntity.prototype, "action", void 0);
__decorate([
    Column({ name: 'record_type', type: 'varchar' }),
    __metadata("design:type", String)
], AuditEntryEntity.prototype, "recordType", void 0);
__decorate([
    Column({ name: 'record_id', type: 'varchar' }),
    __metadata("design:type", String)
], AuditEntryEntity.prototype, "recordId", void 0);
__decorate([
    Column({ name: 'correlation_id', type: 'varchar', nullable: true }),
    __metadata("design:type", Object)
], AuditEntryEntity.prototype, "correlationId", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], AuditEntryEntity.prototype, "details", void 0);
__decorate([
    Column({ name: 'prev_hash', type: 'char' }),
    __metadata("design:type", String)
], AuditEntryEntity.prototype, "prevHash", void 0);
__decorate([
    Column({ type: 'char' }),
    __metadata("design:type", String)
], AuditEntryEntity.prototype, "hash", void 0);
AuditEntryEntity = __decorate([
    Entity('audit_entries')
], AuditEntryEntity);
export { AuditEntryEntity };
//# sourceMappingURL=audit-entry.entity.js.map
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
/** An organisation's signing key. Never deleted; see the lifecycle migration for what may change. */
let IssuerKeyEntity = class IssuerKeyEntity {
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], IssuerKeyEntity.prototype, "id", void 0);
__decorate([
    Column({ name: 'organisation_id', type: 'uuid' }),
    __metadata("design:type", String)
], IssuerKeyEntity.prototype, "organisationId", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], IssuerKeyEntity.prototype, "algorithm", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], IssuerKeyEntity.prototype, "fragment", void 0);
__decorate([
    Column({ name: 'public_key_multibase', type: 'varchar' }),
    __metadata("design:type", String)
], IssuerKeyEntity.prototype, "publicKeyMultibase", void 0);
__decorate([
    Column({ name: 'secret_sealed', type: 'bytea' }),
    __metadata("design:type", Buffer)
], IssuerKeyEntity.prototype, "secretSealed", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], IssuerKeyEntity.prototype, "status", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], IssuerKeyEntity.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'retired_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], IssuerKeyEntity.prototype, "retiredAt", void 0);
__decorate([
    Column({ name: 'compromised_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], IssuerKeyEntity.prototype, "compromisedAt", void 0);
__decorate([
    Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], IssuerKeyEntity.prototype, "revokedAt", void 0);
__decorate([
    Column({ name: 'status_reason', type: 'varchar', nullable: true }),
    __metadata("design:type", Object)
], IssuerKeyEntity.prototype, "statusReason", void 0);
IssuerKeyEntity = __decorate([
    Entity('issuer_keys')
], IssuerKeyEntity);
export { IssuerKeyEntity };
//# sourceMappingURL=issuer-key.entity.js.map
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
let CertificateEntity = class CertificateEntity {
};
__decorate([
    PrimaryColumn('uuid'),
    __metadata("design:type", String)
], CertificateEntity.prototype, "id", void 0);
__decorate([
    Column({ name: 'certificate_number', type: 'varchar' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "certificateNumber", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "kind", void 0);
__decorate([
    Column({ name: 'student_id', type: 'uuid' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "studentId", void 0);
__decorate([
    Column({ name: 'scope_path', type: 'varchar' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "scopePath", void 0);
__decorate([
    Column({ name: 'issuer_organisation_id', type: 'uuid' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "issuerOrganisationId", void 0);
__decorate([
    Column({ name: 'issuer_did', type: 'varchar' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "issuerDid", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], CertificateEntity.prototype, "credential", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "status", void 0);
__decorate([
    Column({ name: 'issued_by', type: 'uuid' }),
    __metadata("design:type", String)
], CertificateEntity.prototype, "issuedBy", void 0);
__decorate([
    Column({ name: 'issued_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], CertificateEntity.prototype, "issuedAt", void 0);
__decorate([
    Column({ name: 'status_reason', type: 'varchar', nullable: true }),
    __metadata("design:type", Object)
], CertificateEntity.prototype, "statusReason", void 0);
__decorate([
    Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], CertificateEntity.prototype, "statusChangedAt", void 0);
__decorate([
    Column({ name: 'replaces_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], CertificateEntity.prototype, "replacesId", void 0);
CertificateEntity = __decorate([
    Entity('certificates')
], CertificateEntity);
export { CertificateEntity };
//# sourceMappingURL=certificate.entity.js.map
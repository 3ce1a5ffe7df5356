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
let AccountEntity = class AccountEntity {
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], AccountEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], AccountEntity.prototype, "username", void 0);
__decorate([
    Column({ name: 'password_hash', type: 'varchar' }),
    __metadata("design:type", String)
], AccountEntity.prototype, "passwordHash", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], AccountEntity.prototype, "role", void 0);
__decorate([
    Column({ name: 'organisation_id', type: 'uuid' }),
    __metadata("design:type", String)
], AccountEntity.prototype, "organisationId", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], AccountEntity.prototype, "status", void 0);
__decorate([
    Column({ name: 'failed_logins', type: 'integer' }),
    __metadata("design:type", Number)
], AccountEntity.prototype, "failedLogins", void 0);
__decorate([
    Column({ name: 'locked_until', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], AccountEntity.prototype, "lockedUntil", void 0);
__decorate([
    Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], AccountEntity.prototype, "lastLoginAt", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], AccountEntity.prototype, "createdAt", void 0);
AccountEntity = __decorate([
    Entity('accounts')
], AccountEntity);
export { AccountEntity };
//# sourceMappingURL=account.entity.js.map
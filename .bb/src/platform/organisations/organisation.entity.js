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
let OrganisationEntity = class OrganisationEntity {
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], OrganisationEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], OrganisationEntity.prototype, "code", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], OrganisationEntity.prototype, "level", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], OrganisationEntity.prototype, "name", void 0);
__decorate([
    Column({ name: 'parent_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], OrganisationEntity.prototype, "parentId", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], OrganisationEntity.prototype, "path", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], OrganisationEntity.prototype, "createdAt", void 0);
OrganisationEntity = __decorate([
    Entity('organisations')
], OrganisationEntity);
export { OrganisationEntity };
//# sourceMappingURL=organisation.entity.js.map
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
let StudentEntity = class StudentEntity {
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], StudentEntity.prototype, "id", void 0);
__decorate([
    Column({ name: 'student_number', type: 'varchar' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "studentNumber", void 0);
__decorate([
    Column({ name: 'school_id', type: 'uuid' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "schoolId", void 0);
__decorate([
    Column({ name: 'scope_path', type: 'varchar' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "scopePath", void 0);
__decorate([
    Column({ name: 'id_document_type', type: 'varchar' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "idDocumentType", void 0);
__decorate([
    Column({ name: 'id_number_digest', type: 'char' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "idNumberDigest", void 0);
__decorate([
    Column({ name: 'id_number_sealed', type: 'bytea' }),
    __metadata("design:type", Buffer)
], StudentEntity.prototype, "idNumberSealed", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "gender", void 0);
__decorate([
    Column({ name: 'birth_date', type: 'date' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "birthDate", void 0);
__decorate([
    Column({ name: 'enrolment_date', type: 'date' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "enrolmentDate", void 0);
__decorate([
    Column({ name: 'education_stage', type: 'varchar' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "educationStage", void 0);
__decorate([
    Column({ type: 'smallint' }),
    __metadata("design:type", Number)
], StudentEntity.prototype, "grade", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], StudentEntity.prototype, "status", void 0);
__decorate([
    Column({ name: 'graduation_date', type: 'date', nullable: true }),
    __metadata("design:type", Object)
], StudentEntity.prototype, "graduationDate", void 0);
__decorate([
    Column({ name: 'leaving_kind', type: 'varchar', nullable: true }),
    __metadata("design:type", Object)
], StudentEntity.prototype, "leavingKind", void 0);
__decorate([
    VersionColumn(),
    __metadata("design:type", Number)
], StudentEntity.prototype, "version", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], StudentEntity.prototype, "createdAt", void 0);
__decorate([
    UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], StudentEntity.prototype, "updatedAt", void 0);
StudentEntity = __decorate([
    Entity('students')
], StudentEntity);
export { StudentEntity };
//# sourceMappingURL=student.entity.js.map
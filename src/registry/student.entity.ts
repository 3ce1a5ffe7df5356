import type { AdmissionMethod } from './domain/codes/record-codes.js';
import type { IdDocumentType } from './domain/identity-documents.js';
import type { ExtraValue } from './domain/record-schema.js';
import type { LeavingKind } from './domain/student-lifecycle.js';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { EducationStage, StudentStatus } from './domain/student-lifecycle.js';

@Entity('students')
export class StudentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'student_number', type: 'varchar' }) studentNumber!: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId!: string;
  /** The school's organisation path, for subtree scoping (see subtreeFilter). */
  @Column({ name: 'scope_path', type: 'varchar' }) scopePath!: string;
  @Column({ name: 'id_document_type', type: 'varchar' }) idDocumentType!: IdDocumentType;
  /** Keyed digest of the normalised number: finds duplicates without storing it in clear. */
  @Column({ name: 'id_number_digest', type: 'char' }) idNumberDigest!: string;
  @Column({ name: 'id_number_sealed', type: 'bytea' }) idNumberSealed!: Buffer;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) gender!: 'male' | 'female';
  @Column({ name: 'birth_date', type: 'date' }) birthDate!: string;
  /** GB/T 2659 alpha-3; CHN for a resident ID. */
  @Column({ type: 'char' }) nationality!: string;
  /** GB/T 3304 two-digit code; Chinese citizens only. */
  @Column({ type: 'char', nullable: true }) ethnicity!: string | null;
  /** 户籍: county-level division code and address, both or neither. */
  @Column({ name: 'household_division', type: 'char', nullable: true }) householdDivision!: string | null;
  @Column({ name: 'household_address', type: 'varchar', nullable: true }) householdAddress!: string | null;
  /** GB/T 26341 category and level (1–4), both or neither: set for special-education students only. */
  @Column({ name: 'special_education_category', type: 'char', nullable: true }) specialEducationCategory!: string | null;
  @Column({ name: 'special_education_level', type: 'smallint', nullable: true }) specialEducationLevel!: number | null;
  @Column({ name: 'class_name', type: 'varchar', nullable: true }) className!: string | null;
  @Column({ name: 'admission_method', type: 'varchar', nullable: true }) admissionMethod!: AdmissionMethod | null;
  /** Non-basic fields, validated against the province's record schema. */
  @Column({ type: 'jsonb' }) extra!: Record<string, ExtraValue>;
  /** 第六条: created more than two months after entering school. */
  @Column({ name: 'late_registration', type: 'boolean' }) lateRegistration!: boolean;
  @Column({ name: 'enrolment_date', type: 'date' }) enrolmentDate!: string;
  @Column({ name: 'education_stage', type: 'varchar' }) educationStage!: EducationStage;
  @Column({ type: 'smallint' }) grade!: number;
  @Column({ type: 'varchar' }) status!: StudentStatus;
  @Column({ name: 'graduation_date', type: 'date', nullable: true }) graduationDate!: string | null;
  /** How the student leaves the stage: decides 毕业/结业/肄业 (第十九条). */
  @Column({ name: 'leaving_kind', type: 'varchar', nullable: true }) leavingKind!: LeavingKind | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

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
  @Column({ name: 'id_document_type', type: 'varchar' }) idDocumentType!: 'resident_id';
  /** Keyed digest of the normalised number: finds duplicates without storing it in clear. */
  @Column({ name: 'id_number_digest', type: 'char' }) idNumberDigest!: string;
  @Column({ name: 'id_number_sealed', type: 'bytea' }) idNumberSealed!: Buffer;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) gender!: 'male' | 'female';
  @Column({ name: 'birth_date', type: 'date' }) birthDate!: string;
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

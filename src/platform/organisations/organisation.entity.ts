import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrgLevel } from './domain/org-level.js';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) code!: string;
  @Column({ type: 'varchar' }) level!: OrgLevel;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  /** Materialised path of codes, `/000000/330000/…/`; subtree queries are prefix matches. */
  @Column({ type: 'varchar' }) path!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

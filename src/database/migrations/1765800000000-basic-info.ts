import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Basic information of 第三条 as typed columns on the record (ethnicity, nationality, 户籍,
 * special-education category and level, class, admission method), the 第十条 identity documents
 * beside the resident ID, the 第六条 late-registration flag, and the province's non-basic fields
 * (`extra`, validated against `province_record_rules.fields`, which also holds the province's
 * 第十一条 entry age and cut-off).
 *
 * Guardians are a child table, not a JSON column: each contact is personal data with its own
 * shape (relation, name, phone) that the database can check, a guardian account can later point
 * at the contact it was bound through, and a correction replaces one contact, not the list.
 * Existing records are resident-ID records: nationality CHN, which stays the column's default as
 * the resident ID is the default document (bulk loads that write resident-ID rows need not name
 * it; the service always does). Their lateness flag is computed from when they were created.
 */
export class BasicInfo1765800000000 implements MigrationInterface {
  name = 'BasicInfo1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE students
        ADD COLUMN nationality char(3) NOT NULL DEFAULT 'CHN' CHECK (nationality ~ '^[A-Z]{3}$'),
        ADD COLUMN ethnicity char(2) CHECK (ethnicity ~ '^[0-9]{2}$'),
        ADD COLUMN household_division char(6) CHECK (household_division ~ '^[0-9]{6}$'),
        ADD COLUMN household_address varchar(200),
        ADD COLUMN special_education_category char(1) CHECK (special_education_category BETWEEN '1' AND '7'),
        ADD COLUMN special_education_level smallint CHECK (special_education_level BETWEEN 1 AND 4),
        ADD COLUMN class_name varchar(40),
        ADD COLUMN admission_method varchar(24)
          CHECK (admission_method IN ('nearby','unified','special_talent','ethnic_class','assigned','transient','other')),
        ADD COLUMN extra jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),
        ADD COLUMN late_registration boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT students_household_whole CHECK ((household_division IS NULL) = (household_address IS NULL)),
        ADD CONSTRAINT students_special_education_whole CHECK ((special_education_category IS NULL) = (special_education_level IS NULL)),
        ADD CONSTRAINT students_id_document_type_check CHECK (id_document_type IN
          ('resident_id','hkmt_residence_permit','hkmo_permit','taiwan_permit','passport','foreign_permanent_residence'))`);
    await q.query(`UPDATE students SET late_registration = created_at::date > enrolment_date + interval '2 months'`);

    await q.query(`
      CREATE TABLE student_guardian_contacts (
        id bigserial PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students(id),
        position smallint NOT NULL CHECK (position BETWEEN 0 AND 5),
        relation varchar(24) NOT NULL CHECK (relation IN
          ('father','mother','paternal_grandfather','paternal_grandmother','maternal_grandfather','maternal_grandmother','sibling','other_relative','other_guardian')),
        name varchar(50) NOT NULL,
        phone varchar(20) NOT NULL CHECK (phone ~ '^\\+?[0-9]{5,19}$'),
        UNIQUE (student_id, position)
      )`);

    await q.query(`
      CREATE TABLE province_record_rules (
        province_id uuid PRIMARY KEY REFERENCES organisations(id),
        fields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fields) = 'array'),
        entry_minimum_age smallint NOT NULL DEFAULT 6 CHECK (entry_minimum_age IN (6, 7)),
        entry_cutoff char(5) NOT NULL DEFAULT '08-31' CHECK (entry_cutoff ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid NOT NULL REFERENCES accounts(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE province_record_rules`);
    await q.query(`DROP TABLE student_guardian_contacts`);
    await q.query(`
      ALTER TABLE students
        DROP CONSTRAINT students_id_document_type_check,
        DROP COLUMN nationality, DROP COLUMN ethnicity, DROP COLUMN household_division, DROP COLUMN household_address,
        DROP COLUMN special_education_category, DROP COLUMN special_education_level, DROP COLUMN class_name,
        DROP COLUMN admission_method, DROP COLUMN extra, DROP COLUMN late_registration`);
  }
}

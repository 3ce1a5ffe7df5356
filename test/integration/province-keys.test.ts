import { provinceKeyOf } from '../../src/platform/organisations/domain/org-level.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const HOT_TABLES = ['students', 'student_status_periods', 'student_guardian_contacts', 'certificates', 'audit_entries', 'requests', 'record_reads'];

/**
 * The key a national deployment partitions and distributes by (issue 8, docs/scaling.md): every
 * hot table carries the province of its row — from the row's own path, or its student's — on the
 * store the run uses, so that a province's rows can live together.
 */
describe('province keys', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'pk');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
  });
  afterAll(() => t.close());

  it('reads the province digits of a path as the store does', async () => {
    const paths = ['/000000/330000/330100/330106/3330106001/', '/000000/320000/', '/000000/'];
    const [stored] = await t.dataSource.query(`SELECT array_agg(trim(substr(p, 9, 2)::char(2)) ORDER BY o) AS keys FROM unnest($1::text[]) WITH ORDINALITY AS u(p, o)`, [paths]);
    expect(paths.map(provinceKeyOf)).toEqual(stored.keys);
    expect(stored.keys).toEqual(['33', '32', '']);
  });

  it('puts the province of every row on each hot table, from its path or its student', async () => {
    const columns = await t.dataSource.query(
      `SELECT table_name FROM information_schema.columns WHERE column_name = 'province_code' AND table_name = ANY($1) ORDER BY table_name`,
      [HOT_TABLES],
    );
    expect(columns.map((c: { table_name: string }) => c.table_name)).toEqual([...HOT_TABLES].sort());

    const student = await graduate(t, registrar, county, residentId('330106', '2012-04-01', '311'));
    const withGuardian = await t.http
      .post('/students')
      .set('Authorization', registrar)
      .send({
        idNumber: residentId('330106', '2013-03-01', '315'),
        name: '测试学生',
        enrolmentDate: '2025-09-01',
        educationStage: 'junior',
        grade: 8,
        guardians: [{ relation: 'mother', name: '李梅', phone: '13800138000' }],
      })
      .expect(201);
    const certificate = await issueCertificate(t, county, student);
    await t.http.get(`/students/${student}/status-history`).set('Authorization', county).expect(200);
    const asked = await t.http
      .post(`/students/${student}/change-requests`)
      .set('Authorization', registrar)
      .send({ kind: 'identity_document', documentType: 'resident_id', number: residentId('330106', '2012-04-01', '313'), evidenceSha256: 'a'.repeat(64) })
      .expect(201);

    const keys = (await t.asOwner((q) =>
      q(
        `SELECT 'students' AS t, province_code AS key FROM students WHERE id = $1
         UNION ALL SELECT 'periods', province_code FROM student_status_periods WHERE student_id = $1
         UNION ALL SELECT 'contacts', province_code FROM student_guardian_contacts WHERE student_id = $4
         UNION ALL SELECT 'certificates', province_code FROM certificates WHERE id = $2
         UNION ALL SELECT 'audit', province_code FROM audit_entries WHERE record_id = $1::text
         UNION ALL SELECT 'requests', province_code FROM requests WHERE id = $3
         UNION ALL SELECT 'reads', province_code FROM record_reads WHERE subject LIKE '%' || $1::text`,
        [student, certificate.id, asked.body.id, withGuardian.body.id],
      ),
    )) as Array<{ t: string; key: string }>;
    expect([...new Set(keys.map((k) => k.t))].sort()).toEqual(['audit', 'certificates', 'contacts', 'periods', 'reads', 'requests', 'students']);
    expect(new Set(keys.map((k) => k.key))).toEqual(new Set(['33']));
  });

  it("refuses a student's period or contact that names another province", async () => {
    const student = await graduate(t, registrar, county, residentId('330106', '2012-04-01', '321'));
    await expect(
      t.asOwner((q) =>
        q(
          `INSERT INTO student_status_periods (student_id, status, from_date, to_date, school_id, education_stage, grade, province_code)
           SELECT id, 'enrolled', '2017-09-01', '2018-07-01', school_id, education_stage, 1, '32' FROM students WHERE id = $1`,
          [student],
        ),
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(
      t.asOwner((q) => q(`INSERT INTO student_guardian_contacts (student_id, position, relation, name, phone, province_code) VALUES ($1, 0, 'mother', '李梅', '13800138000', '32')`, [student])),
    ).rejects.toThrow(/foreign key/);
  });
});

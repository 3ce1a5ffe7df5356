import ExcelJS from 'exceljs';
import { changeActors, enrolStudent, type ChangeActors } from '../support/change-requests.js';
import { residentId, startTestApp, type TestApp } from '../support/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['姓名', '证件号码', '入学日期', '学段', '年级', '民族', '班级', '入学方式', '监护人1关系', '监护人1姓名', '监护人1电话'];
const pupil = (seq: string, grade = '7') => ['新生', residentId('330106', '2013-05-01', seq), '2026-10-08', '初中', grade, '汉族', '七年级(1)班', '就近入学', '母亲', '李梅', '13800138000'];
const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

/**
 * Issue 8's import over HTTP: a school (or an authority, naming a school of its subtree) sends a
 * CSV or XLSX file; the queued job checks every row by the enrolment rules and writes all or
 * nothing; the report names each bad row, column and reason; the same file again adds nothing.
 */
describe('student imports', () => {
  let t: TestApp;
  let as: ChangeActors;

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'imp');
  });
  afterAll(() => t.close());

  const upload = (who: string, body: string | Buffer, type = 'text/csv', schoolCode?: string) =>
    t.http.post(`/imports${schoolCode ? `?schoolCode=${schoolCode}` : ''}`).set('Authorization', who).set('Content-Type', type).send(body);
  const finished = async (id: string, who = as.school) => {
    for (let i = 0; i < 200; i++) {
      const res = await t.http.get(`/imports/${id}`).set('Authorization', who).expect(200);
      if (res.body.state === 'imported' || res.body.state === 'rejected') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the import did not finish');
  };
  const count = async (sql: string) => Number((await t.asOwner((q) => q(sql)))[0].n);
  const students = () => count(`SELECT count(*) AS n FROM students`);
  const importAudits = () => count(`SELECT count(*) AS n FROM audit_entries WHERE action = 'students.imported'`);

  it('rejects a file with bad rows whole: each bad row, column and reason reported, nothing written', async () => {
    await enrolStudent(t, as.school, '001');
    // A record whose document changed: its former number is still that person (第九条).
    const changed = await enrolStudent(t, as.school, '003');
    const asked = await t.http
      .post(`/students/${changed}/change-requests`)
      .set('Authorization', as.school)
      .send({ kind: 'identity_document', documentType: 'resident_id', number: residentId('330106', '2013-03-01', '073'), evidenceSha256: 'a'.repeat(64) })
      .expect(201);
    await t.http.post(`/requests/${asked.body.id}/steps/0/decision`).set('Authorization', as.county).send({ outcome: 'approve' }).expect(200);
    const before = await students();
    const badCheck = residentId('330106', '2013-05-01', '103').slice(0, 17) + (residentId('330106', '2013-05-01', '103').endsWith('0') ? '1' : '0');
    const file = csv([
      pupil('101'),
      [...pupil('102').slice(0, 1), badCheck, ...pupil('102').slice(2)],
      pupil('104', '3'),
      pupil('101'),
      [...pupil('105').slice(0, 1), residentId('330106', '2013-03-01', '001'), ...pupil('105').slice(2)],
      [...pupil('106').slice(0, 1), residentId('330106', '2013-03-01', '003'), ...pupil('106').slice(2)],
    ]);
    const sent = await upload(as.school, file).expect(202);
    expect(sent.body).toMatchObject({ schoolCode: '3330106001', state: 'queued', mediaType: 'text/csv' });
    const done = await finished(sent.body.id);
    expect(done).toMatchObject({ state: 'rejected', rows: { total: 6, validated: 6, imported: 0, failed: 5 }, firstStudentId: null });

    const errors = (await t.http.get(`/imports/${sent.body.id}/errors`).set('Authorization', as.school).expect(200)).body.items;
    expect(errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, '证件号码', 'INVALID_ID_NUMBER'],
      [4, '年级', 'INVALID_GRADE'],
      [5, '证件号码', 'DUPLICATE_IN_FILE'],
      [6, '证件号码', 'DUPLICATE_PERSON'],
      [7, '证件号码', 'DUPLICATE_PERSON'],
    ]);
    expect(errors[2].reason).toContain('row 2');
    expect(await students()).toBe(before);

    // The report is the sheet as sent with a column of errors.
    const report = await t.http.get(`/imports/${sent.body.id}/report.xlsx`).set('Authorization', as.school).buffer(true).parse(binary).expect(200);
    expect(report.headers['content-type']).toContain(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.body);
    const sheet = book.worksheets[0];
    const errorColumn = HEADER.length + 1;
    expect(sheet.getRow(1).getCell(errorColumn).value).toBe('错误');
    expect(sheet.getRow(2).getCell(errorColumn).value).toBeNull();
    expect(String(sheet.getRow(4).getCell(errorColumn).value)).toMatch(/^年级: grade must be 7–9|^年级: grade must be 6–9/);

    // A rejected file may be sent again (the register may have changed): a new import, checked anew.
    const again = await upload(as.school, file).expect(202);
    expect(again.body.id).not.toBe(sent.body.id);
    expect(await finished(again.body.id)).toMatchObject({ state: 'rejected', rows: { failed: 5 } });
  });

  it('refuses a file whose one problem is a person the register holds, under a current or a former document, naming that row', async () => {
    // 2,500 new people (rows written in parts before the last is checked) and, last, someone registered.
    const fresh = Array.from({ length: 2500 }, (_, i) => {
      const day = new Date(Date.UTC(2012, 5, 1) + Math.floor(i / 800) * 86_400_000).toISOString().slice(0, 10);
      return ['新生', residentId('330106', day, String(100 + (i % 800))), '2026-10-08', '初中', '7', '汉族', '七年级(3)班', '就近入学', '母亲', '李梅', '13800138000'];
    });
    const before = await students();
    const withRegistered = (idNumber: string) => csv([...fresh, [...fresh[0].slice(0, 1), idNumber, ...fresh[0].slice(2)]]);
    for (const [idNumber, what] of [
      [residentId('330106', '2013-03-01', '001'), 'current'],
      [residentId('330106', '2013-03-01', '003'), 'former'],
    ]) {
      const done = await finished((await upload(as.school, withRegistered(idNumber)).expect(202)).body.id);
      expect({ what, ...done }).toMatchObject({ what, state: 'rejected', rows: { total: 2501, imported: 0, failed: 1 } });
      const errors = (await t.http.get(`/imports/${done.id}/errors`).set('Authorization', as.school).expect(200)).body.items;
      expect(errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[2502, 'DUPLICATE_PERSON']]);
      expect(await students()).toBe(before);
    }
  });

  it('imports a good CSV: records listed, each with its first history period and guardian; one audit entry for the batch', async () => {
    const before = await students();
    const audits = await importAudits();
    const sent = await upload(as.school, csv([pupil('201'), pupil('202'), pupil('203')])).expect(202);
    const done = await finished(sent.body.id);
    expect(done).toMatchObject({ state: 'imported', rows: { total: 3, validated: 3, imported: 3, failed: 0 }, errorCount: 0 });
    expect(await students()).toBe(before + 3);
    expect(await importAudits()).toBe(audits + 1);
    const [entry] = await t.asOwner((q) => q(`SELECT details FROM audit_entries WHERE action = 'students.imported' AND record_id = $1`, [sent.body.id]));
    expect(entry.details).toMatchObject({ count: 3, firstStudentId: done.firstStudentId, lastStudentId: done.lastStudentId, fileSha256: done.fileSha256 });

    const listed = (await t.http.get('/students?limit=500').set('Authorization', as.school).expect(200)).body.items;
    const first = listed.find((s: { id: string }) => s.id === done.firstStudentId);
    expect(first).toMatchObject({ educationStage: 'junior', grade: 7, ethnicity: '01', className: '七年级(1)班', admissionMethod: 'nearby', lateRegistration: false, gender: 'male' });
    const history = (await t.http.get(`/students/${done.firstStudentId}/status-history`).set('Authorization', as.school).expect(200)).body.periods;
    expect(history).toMatchObject([{ status: 'enrolled', from: '2026-10-08', to: null, schoolCode: '3330106001', grade: 7 }]);
    const record = (await t.http.get(`/students/${done.lastStudentId}`).set('Authorization', as.school).expect(200)).body;
    expect(record.guardians).toEqual([{ relation: 'mother', name: '李梅', phone: '13800138000' }]);

    // The same file again: the earlier import, nothing new.
    const again = await upload(as.school, csv([pupil('201'), pupil('202'), pupil('203')])).expect(200);
    expect(again.body).toMatchObject({ id: sent.body.id, state: 'imported' });
    expect(await students()).toBe(before + 3);
    // The job run again (a retry) finds it done.
    const { StudentImportJob } = await import('../../src/registry/imports/student-import-job.js');
    await t.app.get(StudentImportJob).run(sent.body.id);
    expect(await students()).toBe(before + 3);
    expect(await importAudits()).toBe(audits + 1);
  });

  it('rejects a large file whole for one bad row at its end; three runs of one import at once write it once', async () => {
    // 6,000 people, more than one chunk of checks; the one bad row is the last.
    const many = Array.from({ length: 6000 }, (_, i) => {
      const day = new Date(Date.UTC(2013, 0, 1) + Math.floor(i / 800) * 86_400_000).toISOString().slice(0, 10);
      return ['新生', residentId('330106', day, String(100 + (i % 800))), '2026-10-08', '初中', '7', '汉族', '七年级(2)班', '就近入学', '母亲', '李梅', '13800138000'];
    });
    const before = await students();
    const audits = await importAudits();
    const bad = many.map((row, i) => (i === many.length - 1 ? [...row.slice(0, 4), '3', ...row.slice(5)] : row));
    const rejected = await finished((await upload(as.school, csv(bad)).expect(202)).body.id);
    expect(rejected).toMatchObject({ state: 'rejected', rows: { total: 6000, imported: 0, failed: 1 } });
    const errors = (await t.http.get(`/imports/${rejected.id}/errors`).set('Authorization', as.school).expect(200)).body.items;
    expect(errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[6001, 'INVALID_GRADE']]);
    expect(await students()).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM student_status_periods WHERE student_id NOT IN (SELECT id FROM students)`)).toBe(0);

    // Corrected (the last row left out): the queued job and two more runs of it at once.
    const sent = await upload(as.school, csv(many.slice(0, -1))).expect(202);
    const { StudentImportJob } = await import('../../src/registry/imports/student-import-job.js');
    const job = t.app.get(StudentImportJob);
    await Promise.all([job.run(sent.body.id), job.run(sent.body.id)]);
    const done = await finished(sent.body.id);
    expect(done).toMatchObject({ state: 'imported', rows: { total: 5999, imported: 5999, failed: 0 } });
    expect(await students()).toBe(before + 5999);
    expect(await importAudits()).toBe(audits + 1);
    expect(await count(`SELECT count(*) AS n FROM student_status_periods p JOIN students s ON s.id = p.student_id WHERE s.class_name = '七年级(2)班'`)).toBe(5999);
    // The job read the file back in parts of 256 KB: this one has several. A server stores it with lz4.
    const [stored] = await t.asOwner((q) => q(`SELECT octet_length(content) AS bytes, pg_column_compression(content) AS compression FROM student_imports WHERE id = '${sent.body.id}'`));
    expect(Number(stored.bytes)).toBeGreaterThan(2 * 256 * 1024);
    if (process.env.DATABASE_URL) expect(stored.compression).toBe('lz4');
  });

  it('imports an XLSX sent by the county into a school of its subtree', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('学生');
    sheet.addRow(HEADER);
    sheet.addRow(pupil('301'));
    sheet.addRow(pupil('302', '八年级'));
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const sent = await upload(as.county, file, XLSX, '3330106001').expect(202);
    const done = await finished(sent.body.id, as.county);
    expect(done).toMatchObject({ state: 'imported', rows: { total: 2, imported: 2 } });
    const last = (await t.http.get(`/students/${done.lastStudentId}`).set('Authorization', as.school).expect(200)).body;
    expect(last.grade).toBe(8);
    // The school sees the import into it.
    await t.http.get(`/imports/${sent.body.id}`).set('Authorization', as.school).expect(200);
  });

  it('answers 404 for a school outside the caller’s reach, and for another subtree’s import', async () => {
    const file = csv([pupil('401')]);
    expect((await upload(as.county, file, 'text/csv', '3320102001').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await upload(as.school, file, 'text/csv', '3320102001').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await upload(as.county, file).expect(400)).body.errors[0].field).toBe('schoolCode');
    expect((await upload(as.school, '{}', 'application/json').expect(400)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const own = await upload(as.school, file).expect(202);
    await finished(own.body.id);
    await t.http.get(`/imports/${own.body.id}`).set('Authorization', as.otherCounty).expect(404);
    await t.http.get(`/imports/${own.body.id}/errors`).set('Authorization', as.otherSchool).expect(404);
    await t.http.get(`/imports/${own.body.id}/report.xlsx`).set('Authorization', as.otherSchool).expect(404);
  });

  it('hands out the template with the Chinese headers', async () => {
    const res = await t.http.get('/imports/template.xlsx').set('Authorization', as.school).buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const headers = (book.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['姓名', '证件类型', '证件号码', '性别', '出生日期', '民族', '国籍', '入学日期', '学段', '年级', '班级', '入学方式', '户籍地']));
  });
});

/** supertest's parser for a binary answer: the bytes as one Buffer. */
function binary(res: import('supertest').Response, done: (e: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

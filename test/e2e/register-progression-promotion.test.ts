import { addMonths } from '../../src/registry/domain/entry-rules.js';
import { StatusHistoryService } from '../../src/registry/status-history.service.js';
import { addDays, changeActors, enrolStudent, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 升学 keeping the number (第十四条, 第八条) and the yearly promotion (第七条) over HTTP: the
 * receiving school — here in another province — finds a graduate's record by both numbers, its
 * own county decides, the record moves with its number; the school promotes every class once a
 * school year, skipping the last grade, new entrants and records not enrolled.
 */
describe('progression to the next stage and the yearly promotion', () => {
  let t: TestApp;
  let as: ChangeActors;

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'prg');
  });
  afterAll(() => t.close());

  const decide = (who: string, request: string) => t.http.post(`/requests/${request}/steps/0/decision`).set('Authorization', who).send({ outcome: 'approve' });
  const progress = (who: string, body: object) => t.http.post('/students/progressions').set('Authorization', who).send(body);
  const get = (who: string, student: string) => t.http.get(`/students/${student}`).set('Authorization', who);

  /** A pupil in the last grade of `stage`, entered 2025-09-01 (the stage ends 2026-06-01), graduated on 2026-07-01. */
  async function graduate(seq: string, stage: 'primary' | 'junior' | 'senior' = 'primary'): Promise<{ id: string; studentNumber: string; idNumber: string }> {
    const facts = { primary: { birth: '2014-03-01', grade: 6 }, junior: { birth: '2011-03-01', grade: 9 }, senior: { birth: '2008-03-01', grade: 12 } }[stage];
    const idNumber = residentId('330106', facts.birth, seq);
    const enrolled = await t.http
      .post('/students')
      .set('Authorization', as.school)
      .send({ idNumber, name: '测试学生', enrolmentDate: '2025-09-01', educationStage: stage, grade: facts.grade })
      .expect(201);
    await t.http.post(`/students/${enrolled.body.id}/graduation`).set('Authorization', as.school).send({ graduationDate: '2026-07-01' }).expect(200);
    await t.http.post(`/students/${enrolled.body.id}/graduation/confirmation`).set('Authorization', as.county).send({}).expect(200);
    return { id: enrolled.body.id, studentNumber: enrolled.body.studentNumber, idNumber };
  }

  describe('升学 (第十四条)', () => {
    it('moves a primary graduate to a junior school in another province, grade 7, keeping the number; the record follows the receiving subtree', async () => {
      const pupil = await graduate('301');
      const enrolmentDate = addDays(today(), -10);
      const body = { studentNumber: pupil.studentNumber, idNumber: pupil.idNumber, enrolmentDate, admissionSha256: SHA('a') };

      // Before: the receiving school does not see the record; it names it by both numbers.
      await get(as.otherSchool, pupil.id).expect(404);
      const asked = await progress(as.otherSchool, body).expect(201);
      expect(asked.body).toMatchObject({ kind: 'student_progression', subjectId: pupil.id, steps: [{ name: 'supervising_authority', organisationCode: '320102', status: 'pending' }] });
      expect(asked.body.details).toMatchObject({ enrolmentDate, fromStage: 'primary', fromGrade: 6, admissionSha256: SHA('a') });
      expect(JSON.stringify(asked.body)).not.toContain(pupil.idNumber);
      // Both sides see the request; only the receiving county decides it.
      await t.http.get(`/requests/${asked.body.id}`).set('Authorization', as.school).expect(200);
      expect((await decide(as.county, asked.body.id).expect(403)).body.code).toBe('NOT_YOUR_STEP');
      expect((await decide(as.otherSchool, asked.body.id).expect(403)).body.code).toBe('NOT_YOUR_STEP');
      await get(as.otherSchool, pupil.id).expect(404);
      await decide(as.otherCounty, asked.body.id).expect(200);

      const moved = (await get(as.otherSchool, pupil.id).expect(200)).body;
      expect(moved).toMatchObject({ studentNumber: pupil.studentNumber, status: 'enrolled', educationStage: 'junior', grade: 7, enrolmentDate });
      await get(as.otherCounty, pupil.id).expect(200);
      await get(as.school, pupil.id).expect(404);
      const listed = (await t.http.get('/students').set('Authorization', as.school).expect(200)).body.items;
      expect(listed.map((s: { id: string }) => s.id)).not.toContain(pupil.id);

      const history = await t.app.get(StatusHistoryService).periods(pupil.id);
      expect(history.map((p) => [p.status, p.schoolCode, p.stage, p.grade])).toEqual([
        ['enrolled', '3330106001', 'primary', 6],
        ['graduated', '3330106001', 'primary', 6],
        ['enrolled', '3320102001', 'junior', 7],
      ]);
      const [audit] = await t.dataSource.query(`SELECT scope_path, details FROM audit_entries WHERE record_id = $1 AND action = 'student.progressed'`, [pupil.id]);
      expect(audit.scope_path).toContain('3320102001');
      // The school it leaves keeps a read-only copy of the record as it was (graduated, primary), through the shared move.
      const copies = (await t.http.get('/record-copies').set('Authorization', as.school).expect(200)).body.items;
      const copy = copies.find((c: { studentId: string }) => c.studentId === pupil.id);
      expect(copy).toMatchObject({ studentNumber: pupil.studentNumber, reason: 'progression', requestId: asked.body.id, movedToCode: '3320102001' });
      const kept = (await t.http.get(`/record-copies/${copy.id}`).set('Authorization', as.school).expect(200)).body;
      expect(kept.record).toMatchObject({ status: 'graduated', educationStage: 'primary', grade: 6, schoolCode: '3330106001' });
    });

    it('answers 404 alike for a wrong ID number and an unknown student number; refuses the wrong role and a record not graduated', async () => {
      const pupil = await graduate('302');
      const body = { studentNumber: pupil.studentNumber, idNumber: pupil.idNumber, enrolmentDate: addDays(today(), -3), admissionSha256: SHA('a') };
      const wrongId = await progress(as.otherSchool, { ...body, idNumber: residentId('330106', '2014-03-01', '399') }).expect(404);
      const unknown = await progress(as.otherSchool, { ...body, studentNumber: 'S3320240000000017' }).expect(404);
      expect(wrongId.body.code).toBe(unknown.body.code);
      expect((await progress(as.otherSchool, { ...body, studentNumber: 'S332024000000001X' }).expect(400)).body.errors[0].field).toBe('studentNumber');
      expect((await progress(as.otherCounty, body).expect(403)).body.code).not.toBe('NOT_FOUND');

      const idNumber = residentId('330106', '2013-03-01', '303');
      const enrolled = (await t.http.post('/students').set('Authorization', as.school).send({ idNumber, name: '测试学生', enrolmentDate: '2025-09-01', educationStage: 'junior', grade: 8 }).expect(201)).body;
      const notGraduated = await progress(as.otherSchool, { ...body, studentNumber: enrolled.studentNumber, idNumber }).expect(409);
      expect(notGraduated.body.code).toBe('INVALID_STATE');
      const before = await progress(as.otherSchool, { ...body, enrolmentDate: '2026-06-30' }).expect(400);
      expect(before.body.errors[0].field).toBe('enrolmentDate');
    });

    it('a senior secondary graduate has no next stage in the register (422)', async () => {
      const leaver = await graduate('304', 'senior');
      const res = await progress(as.otherSchool, { studentNumber: leaver.studentNumber, idNumber: leaver.idNumber, enrolmentDate: addDays(today(), -3), admissionSha256: SHA('a') }).expect(422);
      expect(res.body.code).toBe('NO_NEXT_STAGE');
    });
  });

  describe('正常升级 (第七条)', () => {
    const now = today();
    const schoolYear = Number(now.slice(0, 4)) - (now.slice(5) < '07-01' ? 1 : 0);

    it('promotes every class one grade as one audited batch, once a school year; the last grade, new entrants and suspended records stay', async () => {
      const names = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106009' }, 'prm');
      const registrar = await login(t, names.school);
      const county = await login(t, names.county);
      const enrol = async (seq: string, educationStage: string, grade: number, enrolmentDate: string, birth: string) =>
        (await t.http.post('/students').set('Authorization', registrar).send({ idNumber: residentId('330106', birth, seq), name: '测试学生', enrolmentDate, educationStage, grade }).expect(201)).body.id as string;
      const third = await enrol('401', 'primary', 3, `${schoolYear - 2}-09-01`, `${schoolYear - 9}-03-01`);
      const eighth = await enrol('402', 'junior', 8, `${schoolYear - 1}-09-01`, `${schoolYear - 14}-03-01`);
      const ninth = await enrol('403', 'junior', 9, `${schoolYear - 1}-09-01`, `${schoolYear - 15}-03-01`);
      const entrantDate = [`${schoolYear}-09-01`, now].sort()[0];
      const entrant = await enrol('404', 'primary', 1, entrantDate, addMonths(entrantDate, -78));
      const suspended = await enrol('405', 'primary', 4, `${schoolYear - 1}-09-01`, `${schoolYear - 10}-03-01`);
      const asked = await t.http
        .post(`/students/${suspended}/change-requests`)
        .set('Authorization', registrar)
        .send({ kind: 'suspension', from: addDays(now, -5), until: addDays(now, 100), applicationDate: addDays(now, -6), applicationSha256: SHA('a') })
        .expect(201);
      await decide(county, asked.body.id).expect(200);

      expect((await t.http.post('/students/promotions').set('Authorization', county).send({ schoolYear }).expect(403)).body.code).not.toBe('NOT_FOUND');
      const future = await t.http.post('/students/promotions').set('Authorization', registrar).send({ schoolYear: schoolYear + 1 }).expect(400);
      expect(future.body).toMatchObject({ code: 'INVALID_SCHOOL_YEAR', errors: [{ field: 'schoolYear' }] });

      const batch = await t.http.post('/students/promotions').set('Authorization', registrar).send({ schoolYear }).expect(201);
      expect(batch.body).toMatchObject({ schoolYear, promoted: 2 });
      const grade = async (id: string) => (await get(registrar, id).expect(200)).body.grade;
      expect([await grade(third), await grade(eighth), await grade(ninth), await grade(entrant), await grade(suspended)]).toEqual([4, 9, 9, 1, 4]);
      expect([batch.body.firstStudentId, batch.body.lastStudentId].sort()).toEqual([third, eighth].sort());

      // The history keeps the grade each period had: grade 3 before the school year, grade 4 from its start.
      const periods = await t.app.get(StatusHistoryService).periods(third);
      expect(periods.map((p) => [p.grade, p.from, p.to])).toEqual([
        [3, `${schoolYear - 2}-09-01`, `${schoolYear}-09-01`],
        [4, `${schoolYear}-09-01`, null],
      ]);

      // Twice the same year: 409, nobody promoted twice.
      expect((await t.http.post('/students/promotions').set('Authorization', registrar).send({ schoolYear }).expect(409)).body.code).toBe('PROMOTION_ALREADY_RUN');
      expect(await grade(third)).toBe(4);

      const audits = await t.dataSource.query(`SELECT action, record_type, scope_path, details FROM audit_entries WHERE action = 'students.promoted' AND record_id = $1`, [batch.body.id]);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ record_type: 'promotion_batch', details: { schoolYear, promoted: 2, skipped: 3 } });
      expect(audits[0].scope_path).toContain('3330106009');
    });

    it('two runs at once: one promotes, the other answers 409 (the batch row is unique per school and year)', async () => {
      const names = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106008' }, 'prc');
      const registrar = await login(t, names.school);
      const pupil = (await t.http
        .post('/students')
        .set('Authorization', registrar)
        .send({ idNumber: residentId('330106', `${schoolYear - 9}-05-01`, '411'), name: '测试学生', enrolmentDate: `${schoolYear - 2}-09-01`, educationStage: 'primary', grade: 3 })
        .expect(201)).body.id;
      const runs = await Promise.all([1, 2].map(() => t.http.post('/students/promotions').set('Authorization', registrar).send({ schoolYear })));
      expect(runs.map((r) => r.status).sort()).toEqual([201, 409]);
      expect((await get(registrar, pupil).expect(200)).body.grade).toBe(4);
    });
  });
});

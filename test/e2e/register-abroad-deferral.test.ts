import { addMonths } from '../../src/registry/domain/entry-rules.js';
import { StatusHistoryService } from '../../src/registry/status-history.service.js';
import { RequestsService } from '../../src/workflow/requests.service.js';
import { addDays, changeActors, enrolStudent, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { login, residentId, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 出国(境)学习 and 回国 (第二十条), 缓学 and the entry that ends it (第十一条) over HTTP: the school
 * asks, its supervising county decides on the request engine; the record is kept in its new
 * status with the period marked in its history; the refusals of each party and the limits.
 */
describe('study abroad, return, deferral of entry and entry', () => {
  let t: TestApp;
  let as: ChangeActors;
  let city: string;

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'abd');
    city = await login(t, 'abda.city');
  });
  afterAll(() => t.close());

  const ask = (who: string, student: string, body: object) => t.http.post(`/students/${student}/change-requests`).set('Authorization', who).send(body);
  const decide = (who: string, request: string, body: object = { outcome: 'approve' }) => t.http.post(`/requests/${request}/steps/0/decision`).set('Authorization', who).send(body);
  const record = async (student: string, who = as.school) => (await t.http.get(`/students/${student}`).set('Authorization', who).expect(200)).body;
  const periods = async (student: string) => (await t.app.get(StatusHistoryService).periods(student)).map((p) => [p.status, p.from, p.to]);

  /** A child whose record was created for primary grade 1, entering `entry`, six and a half at entry. */
  async function enrolFirstGrader(seq: string, entry = addDays(today(), -20)): Promise<string> {
    const birth = addMonths(entry, -78);
    const res = await t.http
      .post('/students')
      .set('Authorization', as.school)
      .send({ idNumber: residentId('330106', birth, seq), name: '测试学生', enrolmentDate: entry, educationStage: 'primary', grade: 1 })
      .expect(201);
    return res.body.id;
  }

  describe('出国(境)学习 and 回国 (第二十条)', () => {
    const abroad = (departureDate: string) => ({ kind: 'abroad', departureDate, evidenceSha256: SHA('e') });

    it('keeps the record abroad once the county approves, then enrols it again with the grade the school assigns', async () => {
      const student = await enrolStudent(t, as.school, '101');
      const departure = addDays(today(), -7);
      const asked = await ask(as.school, student, abroad(departure)).expect(201);
      expect(asked.body).toMatchObject({ kind: 'student_study_abroad', status: 'open', steps: [{ name: 'supervising_authority', organisationCode: '330106', status: 'pending' }] });
      expect(asked.body.details).toMatchObject({ departureDate: departure, evidenceSha256: SHA('e'), lateChange: false });

      expect((await decide(as.school, asked.body.id).expect(403)).body.code).toBe('NOT_YOUR_STEP');
      await decide(as.otherCounty, asked.body.id).expect(404);
      await decide(as.county2, asked.body.id).expect(200);

      // The record is kept — visible to the school and the county, marked abroad — never cancelled.
      expect((await record(student)).status).toBe('abroad');
      expect((await record(student, as.county)).status).toBe('abroad');
      expect(await periods(student)).toEqual([
        ['enrolled', '2025-09-01', departure],
        ['abroad', departure, null],
      ]);
      const overHttp = (await t.http.get(`/students/${student}/status-history?on=${departure}`).set('Authorization', as.county).expect(200)).body;
      expect(overHttp.statusOn).toBe('abroad');

      // A second departure of a student abroad is refused; a return into a grade the stage lacks names the field.
      expect((await ask(as.school, student, abroad(today())).expect(409)).body.code).toBe('INVALID_STATE');
      const badGrade = await ask(as.school, student, { kind: 'return', on: today(), grade: 10, studyRecordSha256: SHA('f') }).expect(400);
      expect(badGrade.body.errors).toEqual([{ field: 'grade', message: expect.any(String) }]);

      const back = await ask(as.school, student, { kind: 'return', on: today(), grade: 9, studyRecordSha256: SHA('f') }).expect(201);
      expect(back.body.kind).toBe('student_return_from_abroad');
      await decide(as.county, back.body.id).expect(200);
      expect(await record(student)).toMatchObject({ status: 'enrolled', grade: 9 });
      expect((await periods(student)).map((p) => p[0])).toEqual(['enrolled', 'abroad', 'enrolled']);
      const audits = await t.dataSource.query(`SELECT action, details FROM audit_entries WHERE record_id = $1 AND action IN ('student.abroad', 'student.returned') ORDER BY seq`, [student]);
      expect(audits.map((a: { action: string }) => a.action)).toEqual(['student.abroad', 'student.returned']);
      expect(JSON.stringify(audits)).not.toMatch(/测试学生/);
    });

    it('refuses the wrong role (403), another county’s school (404) and a departure not yet happened (400)', async () => {
      const student = await enrolStudent(t, as.school, '102');
      expect((await ask(as.county, student, abroad(addDays(today(), -2))).expect(403)).body.code).not.toBe('NOT_FOUND');
      await ask(as.otherSchool, student, abroad(addDays(today(), -2))).expect(404);
      const ahead = await ask(as.school, student, abroad(addDays(today(), 3))).expect(400);
      expect(ahead.body.errors).toEqual([{ field: 'departureDate', message: expect.any(String) }]);
      expect((await ask(as.school, student, { kind: 'return', on: today(), grade: 8, studyRecordSha256: SHA('f') }).expect(409)).body.code).toBe('INVALID_STATE');
      expect(await t.dataSource.query(`SELECT id FROM requests WHERE subject_id = $1`, [student])).toEqual([]);
    });

    it('an overdue step escalates: the city is warned and may decide it; before the due date it may not', async () => {
      const student = await enrolStudent(t, as.school, '103');
      const asked = await ask(as.school, student, abroad(addDays(today(), -1))).expect(201);
      expect((await decide(city, asked.body.id).expect(403)).body.code).toBe('NOT_YOUR_STEP');
      await t.dataSource.query(`UPDATE request_steps SET started_on = $2, due_date = $3 WHERE request_id = $1`, [asked.body.id, addDays(today(), -30), addDays(today(), -2)]);
      expect(await t.app.get(RequestsService).escalateOverdue()).toBeGreaterThanOrEqual(1);
      const inbox = (await t.http.get('/requests/inbox').set('Authorization', city).expect(200)).body.items;
      expect(inbox.map((r: { id: string }) => r.id)).toContain(asked.body.id);
      const decided = await decide(city, asked.body.id).expect(200);
      expect(decided.body.steps[0]).toMatchObject({ status: 'approved', escalated: true });
      expect((await record(student)).status).toBe('abroad');
    });
  });

  describe('缓学 and entry (第十一条)', () => {
    const deferralFrom = (from: string, until = addDays(addMonths(from, 12), -1)) => ({
      kind: 'deferral',
      from,
      until,
      applicationDate: [addDays(from, -5), today()].sort()[0],
      applicationSha256: SHA('a'),
      hukouAuthorityApprovalSha256: SHA('b'),
    });

    it('holds a grade 1 entry as deferred for a school year, then the entry enrols the child with its real entry date', async () => {
      const entry = addDays(today(), -20);
      const child = await enrolFirstGrader('201', entry);
      const asked = await ask(as.school, child, deferralFrom(entry)).expect(201);
      expect(asked.body).toMatchObject({ kind: 'student_deferral', details: { hukouAuthorityApprovalSha256: SHA('b'), stage: 'primary' } });
      await decide(as.county, asked.body.id).expect(200);
      expect(await record(child)).toMatchObject({ status: 'deferred', grade: 1 });
      expect(await periods(child)).toEqual([
        ['enrolled', entry, entry],
        ['deferred', entry, null],
      ]);
      // Deferred records are not counted as enrolled.
      const listed = (await t.http.get('/students?status=enrolled').set('Authorization', as.school).expect(200)).body.items;
      expect(listed.map((s: { id: string }) => s.id)).not.toContain(child);

      // A renewal must start after the current deferral ends (a new request, 第十一条).
      const overlapping = await ask(as.school, child, deferralFrom(addDays(entry, 30))).expect(400);
      expect(overlapping.body).toMatchObject({ code: 'DEFERRAL_OVERLAPS', errors: [{ field: 'from' }] });

      const entered = await ask(as.school, child, { kind: 'entry', on: today() }).expect(201);
      expect(entered.body.kind).toBe('student_entry_after_deferral');
      await decide(as.county2, entered.body.id).expect(200);
      expect(await record(child)).toMatchObject({ status: 'enrolled', grade: 1, enrolmentDate: today() });
      expect((await periods(child)).map((p) => p[0])).toEqual(['enrolled', 'deferred', 'enrolled']);
    });

    it('refuses a deferral longer than one school year, of a pupil past entry, and by the wrong parties', async () => {
      const child = await enrolFirstGrader('202');
      const entry = addDays(today(), -20);
      const tooLong = await ask(as.school, child, deferralFrom(entry, addDays(addMonths(entry, 12), 1))).expect(400);
      expect(tooLong.body).toMatchObject({ code: 'DEFERRAL_TOO_LONG', errors: [{ field: 'until', message: expect.stringContaining('第十一条') }] });
      const pupil = await enrolStudent(t, as.school, '203', 'primary');
      expect((await ask(as.school, pupil, deferralFrom(addDays(today(), -5))).expect(422)).body.code).toBe('DEFERRAL_NOT_AT_ENTRY');
      expect((await ask(as.county, child, deferralFrom(entry)).expect(403)).body.code).not.toBe('NOT_FOUND');
      await ask(as.otherSchool, child, deferralFrom(entry)).expect(404);
      expect((await ask(as.school, child, { kind: 'entry', on: today() }).expect(409)).body.code).toBe('INVALID_STATE');
      expect((await record(child)).status).toBe('enrolled');
    });

    it('a refused deferral leaves the record enrolled; the refusal needs a reason', async () => {
      const child = await enrolFirstGrader('204');
      const asked = await ask(as.school, child, deferralFrom(addDays(today(), -20))).expect(201);
      expect((await decide(as.county, asked.body.id, { outcome: 'refuse' }).expect(400)).body.errors[0].field).toBe('reason');
      await decide(as.county, asked.body.id, { outcome: 'refuse', reason: '户籍地审核未通过' }).expect(200);
      expect((await record(child)).status).toBe('enrolled');
      expect((await periods(child)).map((p) => p[0])).toEqual(['enrolled']);
    });
  });
});

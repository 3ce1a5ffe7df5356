import type { Response } from 'supertest';
import { addDays, changeActors, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { residentId, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 第十四条 second paragraph over HTTP: a special-education student's school registers the grade the
 * expert committee's assessment decided (up, or down), the supervising county approves on the
 * request engine, and the record moves to that grade with a history period; the refusals.
 */
describe('special-education grade change (第十四条)', () => {
  let t: TestApp;
  let as: ChangeActors;

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'se');
  });
  afterAll(() => t.close());

  const enrol = (body: object, who = as.school) => t.http.post('/students').set('Authorization', who).send(body);
  const record = (id: string, who = as.school) => t.http.get(`/students/${id}`).set('Authorization', who);
  async function refusedWithoutWriting(send: () => Promise<Response>): Promise<Response> {
    const counts = async () => (await t.dataSource.query(`SELECT (SELECT count(*) FROM requests)::int AS requests, (SELECT count(*) FROM audit_entries)::int AS audit`))[0];
    const before = await counts();
    const res = await send();
    expect(await counts()).toEqual(before);
    return res;
  }

  const ask = (who: string, student: string, body: object) => t.http.post(`/students/${student}/change-requests`).set('Authorization', who).send(body);
  const change = (newGrade: number) => ({ kind: 'special_education_grade', newGrade, assessmentDate: addDays(today(), -3), assessmentSha256: SHA('e'), effectiveDate: addDays(today(), -1) });
  const enrolPrimary = (seq: string, specialEducation?: object) =>
    enrol({ idNumber: residentId('330106', '2016-04-04', seq), name: '冯小特', enrolmentDate: addDays(today(), -40), educationStage: 'primary', grade: 4, specialEducation }).expect(201);

  it('moves the grade down once the county approves the expert committee’s assessment, keeping the number', async () => {
    const student = (await enrolPrimary('091', { category: '2', level: 2 })).body;
    const asked = await ask(as.school, student.id, change(3)).expect(201);
    expect(asked.body).toMatchObject({ kind: 'special_education_grade_change', details: { newGrade: 3, assessmentSha256: SHA('e'), lateChange: false } });
    expect(asked.body.steps).toMatchObject([{ name: 'supervising_authority', organisationCode: '330106', status: 'pending' }]);
    expect((await record(student.id).expect(200)).body.grade).toBe(4);
    expect((await t.http.post(`/requests/${asked.body.id}/steps/0/decision`).set('Authorization', as.school).send({ outcome: 'approve' }).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    await t.http.post(`/requests/${asked.body.id}/steps/0/decision`).set('Authorization', as.county).send({ outcome: 'approve' }).expect(200);

    const after = (await record(student.id).expect(200)).body;
    expect(after).toMatchObject({ grade: 3, status: 'enrolled', studentNumber: student.studentNumber });
    const history = (await t.http.get(`/students/${student.id}/status-history`).set('Authorization', as.county).expect(200)).body.periods;
    expect(history.map((p: { status: string; requestId: string | null }) => [p.status, p.requestId])).toEqual([
      ['enrolled', null],
      ['enrolled', asked.body.id],
    ]);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE record_id = $1 AND action = 'student.regraded'`, [student.id]);
    expect(audit.details).toMatchObject({ fromGrade: 4, toGrade: 3, requestId: asked.body.id });
  });

  it('refuses a student without a disability category (422), a grade outside the stage (400), the wrong role (403) and another county’s school (404)', async () => {
    const ordinary = (await enrolPrimary('092')).body;
    expect((await refusedWithoutWriting(() => ask(as.school, ordinary.id, change(5)))).body.code).toBe('NOT_SPECIAL_EDUCATION');
    const special = (await enrolPrimary('093', { category: '4', level: 1 })).body;
    const outside = await refusedWithoutWriting(() => ask(as.school, special.id, change(7)));
    expect({ status: outside.status, code: outside.body.code, fields: outside.body.errors.map((e: { field: string }) => e.field) }).toEqual({ status: 400, code: 'GRADE_OUT_OF_RANGE', fields: ['newGrade'] });
    expect((await refusedWithoutWriting(() => ask(as.school, special.id, change(13)))).body.errors[0].field).toBe('newGrade');
    expect((await refusedWithoutWriting(() => ask(as.school, special.id, { ...change(5), assessmentSha256: 'x' }))).body.errors[0].field).toBe('assessmentSha256');
    expect((await refusedWithoutWriting(() => ask(as.county, special.id, change(5)))).status).toBe(403);
    expect((await refusedWithoutWriting(() => ask(as.otherSchool, special.id, change(5)))).status).toBe(404);
    expect((await record(special.id).expect(200)).body.grade).toBe(4);
  });
});

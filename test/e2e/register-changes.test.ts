import { StatusHistoryService } from '../../src/registry/status-history.service.js';
import { StudentEvents, type StudentsChangedEvent } from '../../src/registry/student-events.js';
import { addDays, changeActors, enrolStudent, monthsAgo, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 休学 and 复学 (第十六条) over HTTP: the school asks, the school's supervising county decides on
 * the request engine, the record's status and its history follow; the refusals of each party.
 */
describe('suspension and resumption of a student record', () => {
  let t: TestApp;
  let as: ChangeActors;
  const announced: StudentsChangedEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'sus');
    t.app.get(StudentEvents).onChanged(async (_em, event) => void announced.push(event));
  });
  afterAll(() => t.close());

  const ask = (who: string, student: string, body: object) => t.http.post(`/students/${student}/change-requests`).set('Authorization', who).send(body);
  const decide = (who: string, request: string, body: object = { outcome: 'approve' }) => t.http.post(`/requests/${request}/steps/0/decision`).set('Authorization', who).send(body);
  const suspensionFrom = (from: string, until = addDays(from, 180)) => ({ kind: 'suspension', from, until, applicationDate: addDays(from, -3), applicationSha256: SHA('a') });
  const status = async (student: string, who = as.school) => (await t.http.get(`/students/${student}`).set('Authorization', who).expect(200)).body.status;

  it('suspends once the county approves, then resumes; the history answers the status on each day', async () => {
    const student = await enrolStudent(t, as.school, '011');
    const from = addDays(today(), -10);
    const asked = await ask(as.school, student, suspensionFrom(from)).expect(201);
    expect(asked.body).toMatchObject({ kind: 'student_suspension', subjectType: 'student', subjectId: student, status: 'open' });
    expect(asked.body.details).toMatchObject({ from, effectiveOn: from, lateChange: false, stage: 'junior', applicationSha256: SHA('a') });
    expect(asked.body.steps).toMatchObject([{ name: 'supervising_authority', organisationCode: '330106', status: 'pending' }]);
    expect(await status(student)).toBe('enrolled');

    // The registrar who asked cannot decide the authority's step; another county's admin does not see it.
    expect((await decide(as.school, asked.body.id).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    await decide(as.otherCounty, asked.body.id).expect(404);
    const approved = await decide(as.county2, asked.body.id).expect(200);
    expect(approved.body.status).toBe('approved');
    expect(await status(student)).toBe('suspended');
    expect(announced.filter((e) => e.studentIds.includes(student)).map((e) => e.change)).toEqual(['student.suspended']);

    // Renewal while suspended must start after the current period.
    const overlapping = await ask(as.school, student, suspensionFrom(addDays(from, 5))).expect(400);
    expect(overlapping.body.errors).toEqual([{ field: 'from', message: expect.any(String) }]);

    const resumed = await ask(as.school, student, { kind: 'resumption', on: today() }).expect(201);
    await decide(as.county, resumed.body.id).expect(200);
    expect(await status(student)).toBe('enrolled');

    const history = t.app.get(StatusHistoryService);
    expect(await history.statusOn(student, '2025-08-31')).toBeNull();
    expect(await history.statusOn(student, addDays(from, -1))).toBe('enrolled');
    expect(await history.statusOn(student, from)).toBe('suspended');
    expect(await history.statusOn(student, addDays(today(), -1))).toBe('suspended');
    expect(await history.statusOn(student, today())).toBe('enrolled');
    expect((await history.periods(student)).map((p) => [p.status, p.requestId])).toEqual([
      ['enrolled', null],
      ['suspended', asked.body.id],
      ['enrolled', resumed.body.id],
    ]);
    const overHttp = (await t.http.get(`/students/${student}/status-history?on=${from}`).set('Authorization', as.county).expect(200)).body;
    expect(overHttp).toMatchObject({ on: from, statusOn: 'suspended', placementOn: { status: 'suspended', schoolCode: '3330106001', stage: 'junior', grade: 8 } });
    expect(overHttp.periods.map((p: { status: string; to: string | null }) => [p.status, p.to])).toEqual([
      ['enrolled', from],
      ['suspended', today()],
      ['enrolled', null],
    ]);
    await t.http.get(`/students/${student}/status-history?on=${from}`).set('Authorization', as.otherCounty).expect(404);
    expect((await t.http.get(`/students/${student}/status-history?on=2026-13-01`).set('Authorization', as.county).expect(400)).body.errors[0].field).toBe('on');
    const audits = await t.dataSource.query(`SELECT action FROM audit_entries WHERE record_id = $1 AND action IN ('student.suspended', 'student.resumed') ORDER BY seq`, [student]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['student.suspended', 'student.resumed']);
  });

  it('refuses a suspension longer than one year, naming the field, and writes nothing', async () => {
    const student = await enrolStudent(t, as.school, '012');
    const from = addDays(today(), -5);
    const res = await ask(as.school, student, suspensionFrom(from, addDays(from, 370))).expect(400);
    expect(res.body).toMatchObject({ code: 'SUSPENSION_TOO_LONG', errors: [{ field: 'until', message: expect.stringContaining('第十六条') }] });
    expect(await t.dataSource.query(`SELECT id FROM requests WHERE subject_id = $1`, [student])).toEqual([]);
  });

  it('refuses the wrong role (403) and another county’s school (404, as for a record that does not exist)', async () => {
    const student = await enrolStudent(t, as.school, '013');
    const body = suspensionFrom(addDays(today(), -5));
    expect((await ask(as.county, student, body).expect(403)).body.code).not.toBe('NOT_FOUND');
    const other = await ask(as.otherSchool, student, body).expect(404);
    const absent = await ask(as.otherSchool, '00000000-0000-4000-8000-000000000000', body).expect(404);
    expect(other.body.code).toBe(absent.body.code);
    expect(await status(student)).toBe('enrolled');
  });

  it('refuses a resumption of a student who is not suspended, and a second open suspension', async () => {
    const student = await enrolStudent(t, as.school, '014');
    expect((await ask(as.school, student, { kind: 'resumption', on: today() }).expect(409)).body.code).toBe('INVALID_STATE');
    await ask(as.school, student, suspensionFrom(addDays(today(), -5))).expect(201);
    expect((await ask(as.school, student, suspensionFrom(addDays(today(), -4))).expect(409)).body.code).toBe('REQUEST_OPEN');
  });

  it('a refused suspension leaves the record enrolled and its history unchanged', async () => {
    const student = await enrolStudent(t, as.school, '015');
    const asked = await ask(as.school, student, suspensionFrom(addDays(today(), -5))).expect(201);
    await decide(as.county, asked.body.id, { outcome: 'refuse', reason: '材料不全' }).expect(200);
    expect(await status(student)).toBe('enrolled');
    expect((await t.app.get(StatusHistoryService).periods(student)).map((p) => p.status)).toEqual(['enrolled']);
  });

  it('flags a change recorded more than a month after it happened and warns the county (第七条)', async () => {
    const student = await enrolStudent(t, as.school, '016');
    const from = addDays(monthsAgo(1), -3);
    const asked = await ask(as.school, student, suspensionFrom(from)).expect(201);
    expect(asked.body.details.lateChange).toBe(true);
    const warnings = (await t.http.get('/warnings?kind=change.late_recorded').set('Authorization', as.county).expect(200)).body.items;
    const warning = warnings.find((w: { subjectId: string }) => w.subjectId === asked.body.id);
    expect(warning).toMatchObject({ organisationCode: '3330106001', subjectType: 'request', evidence: { kind: 'student_suspension', effectiveOn: from, recordedOn: today() } });
    expect(JSON.stringify(warning)).not.toMatch(/测试学生|330106201303/);
  });
});

import { DropoutsService } from '../../src/registry/dropouts/dropouts.service.js';
import { RequestsService } from '../../src/workflow/requests.service.js';
import { addDays, SHA, today } from '../support/change-requests.js';
import { loadCurrentYears } from '../support/calendar.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const KINDS = ['registration.late', 'change.late_recorded', 'request.step_overdue', 'dropout.not_followed_up', 'transfer.refused'] as const;

/**
 * The register's warnings to the authority above (第二十六条), as a province sees them: none on
 * normal use — records made on time, changes recorded promptly and decided within their
 * deadlines, drop-outs followed up, transfers approved — and each one in its own scenario.
 */
describe('warnings of 第二十六条 over a province', () => {
  let t: TestApp;
  const as = {} as Record<'school' | 'county' | 'province' | 'otherSchool' | 'otherCounty', string>;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106031' }, 'wna');
    const b = await seedTree(t, { province: '330000', city: '330100', county: '330108', school: '3330108031' }, 'wnb');
    await loadCurrentYears(t);
    Object.assign(as, {
      school: await login(t, a.school),
      county: await login(t, a.county),
      province: await login(t, a.province),
      otherSchool: await login(t, b.school),
      otherCounty: await login(t, b.county),
    });
  });
  afterAll(() => t.close());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const kind of KINDS) out[kind] = (await t.http.get(`/warnings?kind=${kind}&state=all&limit=200`).set('Authorization', as.province).expect(200)).body.items.length;
    return out;
  };
  const enrol = async (seq: string, enrolmentDate: string) =>
    (
      await t.http
        .post('/students')
        .set('Authorization', as.school)
        .send({ idNumber: residentId('330106', '2013-04-01', seq), name: '测试学生', enrolmentDate, educationStage: 'junior', grade: 8 })
        .expect(201)
    ).body.id as string;
  const decide = (who: string, id: string, index = 0, body: object = { outcome: 'approve' }) => t.http.post(`/requests/${id}/steps/${index}/decision`).set('Authorization', who).send(body).expect(200);
  const suspend = (student: string, from: string) =>
    t.http.post(`/students/${student}/change-requests`).set('Authorization', as.school).send({ kind: 'suspension', from, until: addDays(from, 120), applicationDate: from, applicationSha256: SHA('a') }).expect(201);
  const transfer = async (student: string, seq: string) => {
    const { studentNumber } = (await t.http.get(`/students/${student}`).set('Authorization', as.school).expect(200)).body;
    return t.http.post('/transfers').set('Authorization', as.otherSchool).send({ studentNumber, idNumber: residentId('330106', '2013-04-01', seq), grade: 8, applicationSha256: SHA('b') }).expect(201);
  };
  const sweep = async (on: string) => {
    await t.app.get(RequestsService).escalateOverdue(on);
    await t.app.get(DropoutsService).warnOverdue(on);
  };

  it('raises none on normal use', async () => {
    const student = await enrol('011', addDays(today(), -10));
    const suspension = await suspend(student, addDays(today(), -3));
    await decide(as.county, suspension.body.id);
    const flagged = await t.http.post('/dropouts').set('Authorization', as.county).send({ studentId: await enrol('021', addDays(today(), -10)), reason: '连续缺课' }).expect(201);
    await t.http.post(`/dropouts/${flagged.body.id}/follow-ups`).set('Authorization', as.school).send({ on: today(), action: 'home_visit', note: '已家访' }).expect(201);
    const moving = await enrol('031', addDays(today(), -10));
    const started = await transfer(moving, '031');
    await decide(as.school, started.body.id, 0);
    await decide(as.county, started.body.id, 1);
    await decide(as.otherCounty, started.body.id, 2);
    await sweep(today());
    expect(await counts()).toEqual(Object.fromEntries(KINDS.map((k) => [k, 0])));
  });

  it('raises each in its scenario, to the authority above the party concerned', async () => {
    // A record made long after entry (第六条), a change recorded long after it happened (第七条).
    const late = await enrol('041', '2025-09-01');
    const lateChange = await suspend(late, addDays(today(), -70));
    // A refused transfer.
    const refused = await transfer(await enrol('051', addDays(today(), -10)), '051');
    await decide(as.school, refused.body.id, 0, { outcome: 'refuse', reason: '学生未提出转学' });
    // A possible drop-out nobody follows up, and the late change's step left undecided: both past due.
    await t.http.post('/dropouts').set('Authorization', as.county).send({ studentId: await enrol('061', addDays(today(), -10)), reason: '连续缺课' }).expect(201);
    await sweep(addDays(today(), 40));
    expect(await counts()).toEqual({ 'registration.late': 1, 'change.late_recorded': 1, 'request.step_overdue': 1, 'dropout.not_followed_up': 1, 'transfer.refused': 1 });
    const overdue = (await t.http.get('/warnings?kind=request.step_overdue').set('Authorization', as.province).expect(200)).body.items;
    expect(overdue).toEqual([expect.objectContaining({ subjectId: lateChange.body.id })]);
    // The other county sees none of it.
    for (const kind of KINDS) expect((await t.http.get(`/warnings?kind=${kind}`).set('Authorization', as.otherCounty).expect(200)).body.items).toEqual([]);
  });
});

import { DropoutsService } from '../../src/registry/dropouts/dropouts.service.js';
import { semesterOf } from '../../src/registry/verification/domain/roster-run.js';
import { addDays, today } from '../support/change-requests.js';
import { loadCurrentYears } from '../support/calendar.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 学籍核准 (第二十五条) and 控辍保学 (第十七条): a seeded school confirms its roster; the run finds
 * each kind of exception, the authority resolves them, possible drop-outs are followed up, and a
 * case nobody follows up is warned upward (第二十六条) — and nothing fires on a roster in order.
 */
describe('semester verification, problem records and the drop-out ledger', () => {
  let t: TestApp;
  const as = {} as Record<'school' | 'county' | 'otherSchool' | 'otherCounty' | 'city', string>;
  const semester = semesterOf(today());

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106021' }, 'sva');
    const b = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102021' }, 'svb');
    await loadCurrentYears(t);
    Object.assign(as, {
      school: await login(t, a.school),
      county: await login(t, a.county),
      city: await login(t, a.city),
      otherSchool: await login(t, b.school),
      otherCounty: await login(t, b.county),
    });
  });
  afterAll(() => t.close());

  const enrol = async (who: string, idNumber: string, name: string, stage: 'junior' | 'senior' = 'junior') =>
    (
      await t.http
        .post('/students')
        .set('Authorization', who)
        .send({ idNumber, name, enrolmentDate: '2025-09-01', educationStage: stage, grade: stage === 'junior' ? 8 : 11 })
        .expect(201)
    ).body.id as string;
  const confirm = (who: string, code: string, ids: string[], s = semester) =>
    t.http.post(`/schools/${code}/roster-confirmations`).set('Authorization', who).send({ semester: s, persons: ids.map((idNumber) => ({ idNumber })) });
  const problems = async (who: string, query = '') => (await t.http.get(`/record-problems?limit=200${query}`).set('Authorization', who).expect(200)).body.items;

  it('finds each kind of exception on a seeded school; the authority resolves them', async () => {
    const present = residentId('330106', '2013-01-11', '011');
    const absent = residentId('330106', '2013-01-12', '021');
    const absentSenior = residentId('330106', '2010-01-13', '031');
    const suspended = residentId('330106', '2013-01-14', '041');
    const elsewhere = residentId('320102', '2013-01-15', '051');
    const nobody = residentId('330106', '2013-01-16', '061');
    const twinHere = residentId('330106', '2013-01-17', '071');
    const twinThere = residentId('320102', '2013-01-17', '073');
    const ids = {
      present: await enrol(as.school, present, '王一'),
      absent: await enrol(as.school, absent, '王二'),
      absentSenior: await enrol(as.school, absentSenior, '王三', 'senior'),
      suspended: await enrol(as.school, suspended, '王四'),
      elsewhere: await enrol(as.otherSchool, elsewhere, '王五'),
      twinHere: await enrol(as.school, twinHere, '李同'),
      twinThere: await enrol(as.otherSchool, twinThere, '李同'),
    };
    await t.asOwner((q) => q(`UPDATE students SET status = 'suspended' WHERE id = $1`, [ids.suspended]));

    // Bad input is named row by row and writes nothing.
    const bad = await confirm(as.school, '3330106021', [present, '330106201301110000']).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'persons.1.idNumber', message: expect.any(String) }]);
    expect((await confirm(as.school, '3330106021', [present], '2031-spring').expect(400)).body.errors[0].field).toBe('semester');
    await confirm(as.school, '3320102021', [present]).expect(404);
    await confirm(as.county, '3330106021', [present]).expect(403);

    const run = await confirm(as.school, '3330106021', [present, elsewhere, nobody, twinHere, present]).expect(201);
    expect(run.body).toMatchObject({ schoolCode: '3330106021', semester, persons: 4, problems: { phantom: 2, mismatch: 1, unregistered: 1, duplicate: 1 }, possibleDropouts: 1 });
    expect((await confirm(as.school, '3330106021', [present]).expect(409)).body.code).toBe('ALREADY_CONFIRMED');

    const found = await problems(as.county);
    const byKind = (kind: string) => found.filter((p: { kind: string }) => p.kind === kind);
    expect(byKind('phantom').map((p: { studentId: string }) => p.studentId).sort()).toEqual([ids.absent, ids.absentSenior].sort());
    expect(byKind('mismatch')).toEqual([expect.objectContaining({ studentId: ids.elsewhere, schoolCode: '3330106021', otherSchoolCode: '3320102021' })]);
    expect(byKind('unregistered')).toEqual([expect.objectContaining({ studentId: null })]);
    expect(byKind('duplicate')).toEqual([expect.objectContaining({ otherSchoolCode: '3320102021' })]);
    expect(JSON.stringify(found)).not.toMatch(/王|李|3301062013/);
    // The other side sees what concerns its records, a bystander nothing.
    expect((await problems(as.otherCounty)).map((p: { kind: string }) => p.kind).sort()).toEqual(['duplicate', 'mismatch']);

    // Resolving: the school may not; a duplicate is merged (the other record kept) or confirmed distinct.
    const duplicate = byKind('duplicate')[0];
    const resolve = (who: string, id: string, body: object) => t.http.post(`/record-problems/${id}/resolution`).set('Authorization', who).send(body);
    await resolve(as.school, duplicate.id, { resolution: 'distinct', note: '两人' }).expect(403);
    expect((await resolve(as.county, duplicate.id, { resolution: 'resolved', note: '已核实' }).expect(400)).body.errors[0].field).toBe('resolution');
    expect((await resolve(as.county, duplicate.id, { resolution: 'merged', keepStudentId: ids.present, note: '重复' }).expect(400)).body.errors[0].field).toBe('keepStudentId');
    // A guardian bound to the record that goes keeps seeing the child, through the record kept.
    const code = (await t.http.post(`/students/${ids.twinHere}/guardian-codes`).set('Authorization', as.school).send({ relation: 'mother' }).expect(201)).body.code;
    await t.http.post('/guardian/accounts').send({ code, phone: '13900139000', password: 'Guardian-Pass-2026' }).expect(201);
    const guardian = `Bearer ${(await t.http.post('/guardian/sessions').send({ phone: '13900139000', password: 'Guardian-Pass-2026' }).expect(200)).body.accessToken}`;
    const merged = await resolve(as.county, duplicate.id, { resolution: 'merged', keepStudentId: ids.twinThere, note: '同一人两处注册' }).expect(200);
    const children = (await t.http.get('/guardian/children').set('Authorization', guardian).expect(200)).body;
    expect((children.items ?? children).map((c: { id: string }) => c.id)).toEqual([ids.twinThere]);
    expect(merged.body).toMatchObject({ status: 'resolved', resolution: 'merged' });
    expect((await t.http.get(`/students/${ids.twinHere}`).set('Authorization', as.school).expect(200)).body.status).toBe('merged');
    const history = (await t.http.get(`/students/${ids.twinHere}/status-history`).set('Authorization', as.school).expect(200)).body;
    expect(history.periods.at(-1)).toMatchObject({ status: 'merged', from: today() });
    expect((await resolve(as.otherCounty, duplicate.id, { resolution: 'distinct', note: '两人' }).expect(409)).body.code).toBe('ALREADY_RESOLVED');
    const phantom = byKind('phantom')[0];
    await resolve(as.county, phantom.id, { resolution: 'resolved', note: '学生已转学，补办手续' }).expect(200);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'record_problem.resolved' AND record_id = $1`, [phantom.id]);
    expect(audit.details).toMatchObject({ kind: 'phantom', resolution: 'resolved' });
  });

  it('a roster in order finds nothing and raises nothing', async () => {
    const one = residentId('320102', '2013-02-01', '111');
    await enrol(as.otherSchool, one, '赵一');
    const mine = (await t.dataSource.query(`SELECT count(*)::int AS n FROM students s JOIN organisations o ON o.id = s.school_id WHERE o.code = '3320102021' AND s.status = 'enrolled'`))[0].n;
    const everyone = [one, residentId('320102', '2013-01-15', '051'), residentId('320102', '2013-01-17', '073')];
    const run = await confirm(as.otherSchool, '3320102021', everyone).expect(201);
    expect(mine).toBe(3);
    expect(run.body).toMatchObject({ problems: { phantom: 0, mismatch: 0, unregistered: 0, duplicate: 0 }, possibleDropouts: 0 });
  });

  it('a possible drop-out is followed up; one nobody follows up is warned to the authority above', async () => {
    const ledger = (await t.http.get('/dropouts').set('Authorization', as.county).expect(200)).body.items;
    const fromRun = ledger.find((c: { source: string }) => c.source === 'verification');
    expect(fromRun).toMatchObject({ schoolCode: '3330106021', status: 'open', followUps: [] });
    const due = (await t.http.get(`/calendar/due-date?from=${today()}&workingDays=10`).set('Authorization', as.county).expect(200)).body.dueDate;
    expect(fromRun.followUpDue).toBe(due);

    // An authority flags another student; not a senior one, not twice.
    const student = await enrol(as.school, residentId('330106', '2013-03-03', '211'), '钱一');
    const senior = await enrol(as.school, residentId('330106', '2010-03-03', '221'), '钱二', 'senior');
    await t.http.post('/dropouts').set('Authorization', as.school).send({ studentId: student, reason: '连续两周未到校' }).expect(403);
    expect((await t.http.post('/dropouts').set('Authorization', as.county).send({ studentId: senior, reason: '连续两周未到校' }).expect(409)).body.code).toBe('NOT_COMPULSORY');
    await t.http.post('/dropouts').set('Authorization', as.otherCounty).send({ studentId: student, reason: '连续两周未到校' }).expect(404);
    const flagged = await t.http.post('/dropouts').set('Authorization', as.county).send({ studentId: student, reason: '连续两周未到校' }).expect(201);
    expect((await t.http.post('/dropouts').set('Authorization', as.county).send({ studentId: student, reason: '再次' }).expect(409)).body.code).toBe('CASE_OPEN');

    // The school follows up the flagged case and closes it with an outcome.
    const followUp = (id: string, body: object) => t.http.post(`/dropouts/${id}/follow-ups`).set('Authorization', as.school).send(body);
    expect((await followUp(flagged.body.id, { on: addDays(today(), 1), action: 'home_visit', note: '家访' }).expect(400)).body.errors[0].field).toBe('on');
    await followUp(flagged.body.id, { on: today(), action: 'home_visit', note: '家访，家长承诺送学' }).expect(201);
    const closed = await followUp(flagged.body.id, { on: today(), action: 'phone_call', note: '已返校', outcome: 'returned' }).expect(201);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'returned', followUps: [{ action: 'home_visit' }, { action: 'phone_call', outcome: 'returned' }] });
    expect((await followUp(flagged.body.id, { on: today(), action: 'other', note: '补记' }).expect(409)).body.code).toBe('CASE_CLOSED');

    // Nothing is overdue today; once the run's case is past its due date with no follow-up, the county hears of it once.
    const sweep = t.app.get(DropoutsService);
    expect(await sweep.warnOverdue(today())).toBe(0);
    expect(await sweep.warnOverdue(addDays(due, 1))).toBe(1);
    expect(await sweep.warnOverdue(addDays(due, 2))).toBe(0);
    const warnings = (await t.http.get('/warnings?kind=dropout.not_followed_up').set('Authorization', as.county).expect(200)).body.items;
    expect(warnings).toEqual([expect.objectContaining({ kind: 'dropout.not_followed_up', subjectId: fromRun.studentId, evidence: expect.objectContaining({ caseId: fromRun.id }) })]);
    expect((await t.http.get('/warnings?kind=dropout.not_followed_up').set('Authorization', as.otherCounty).expect(200)).body.items).toEqual([]);
  });
});

import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { addDays, enrolStudent, SHA, today } from '../support/change-requests.js';
import { loadCurrentYears } from '../support/calendar.js';
import { login, PASSWORD, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 转学 (第十五条) over HTTP: the receiving school starts it, the sending school and both supervising
 * authorities decide within 10 working days; only the two sides see it; the record moves with
 * its number, certificates and audit trail, and the sending school keeps a read-only copy.
 */
describe('transfers between schools', () => {
  let t: TestApp;
  // Hangzhou 330106 (sending), Nanjing 320102 (receiving, another province), Hangzhou 330108 (a bystander).
  const as = {} as Record<'sendingSchool' | 'sendingCounty' | 'sendingCounty2' | 'receivingSchool' | 'receivingCounty' | 'receivingCounty2' | 'otherSchool' | 'otherCounty' | 'sameCountySchool', string>;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'tra');
    const b = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102001' }, 'trb');
    const c = await seedTree(t, { province: '330000', city: '330100', county: '330108', school: '3330108001' }, 'trc');
    const d = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106002' }, 'trd');
    const accounts = t.app.get(AccountsService);
    await accounts.createBySystem({ username: 'tra.county2', password: PASSWORD, organisationCode: '330106' });
    await accounts.createBySystem({ username: 'trb.county2', password: PASSWORD, organisationCode: '320102' });
    await loadCurrentYears(t);
    Object.assign(as, {
      sendingSchool: await login(t, a.school),
      sendingCounty: await login(t, a.county),
      sendingCounty2: await login(t, 'tra.county2'),
      receivingSchool: await login(t, b.school),
      receivingCounty: await login(t, b.county),
      receivingCounty2: await login(t, 'trb.county2'),
      otherSchool: await login(t, c.school),
      otherCounty: await login(t, c.county),
      sameCountySchool: await login(t, d.school),
    });
  });
  afterAll(() => t.close());

  const numberOf = async (id: string) => (await t.http.get(`/students/${id}`).set('Authorization', as.sendingSchool).expect(200)).body.studentNumber as string;
  const start = (who: string, body: object) => t.http.post('/transfers').set('Authorization', who).send(body);
  const decide = (who: string, request: string, index: number, body: object = { outcome: 'approve' }) =>
    t.http.post(`/requests/${request}/steps/${index}/decision`).set('Authorization', who).send(body);
  const transferOf = async (student: string, idNumber: string, grade = 8) => ({ studentNumber: await numberOf(student), idNumber, grade, applicationSha256: SHA('a') });
  const juniorId = (seq: string) => residentId('330106', '2013-03-01', seq);

  it('moves the record with its number, certificates and audit trail once both sides approve; the sending school keeps a copy', async () => {
    // A primary graduate with a certificate, now in junior secondary at the same school (as progression leaves it).
    const idNumber = residentId('330106', '2012-05-01', '101');
    const student = await graduate(t, as.sendingSchool, as.sendingCounty, idNumber);
    const certificate = await issueCertificate(t, as.sendingCounty, student);
    await t.asOwner((q) => q(`UPDATE students SET status = 'enrolled', education_stage = 'junior', grade = 7, graduation_date = NULL, leaving_kind = NULL WHERE id = $1`, [student]));
    const number = await numberOf(student);
    // A guardian's consent on file at the sending school (for an identity credential).
    const consent = { guardianName: '李梅', relation: 'mother', consentedOn: addDays(today(), -3), signedFormSha256: SHA('f') };
    await t.http.post(`/students/${student}/guardian-consents`).set('Authorization', as.sendingSchool).send(consent).expect(201);

    const started = await start(as.receivingSchool, { studentNumber: number, idNumber, grade: 7, applicationSha256: SHA('a') }).expect(201);
    expect(started.body).toMatchObject({ kind: 'student_transfer', subjectId: student, status: 'open' });
    expect(started.body.details).toMatchObject({ fromSchoolCode: '3330106001', toSchoolCode: '3320102001', crossProvince: true, grade: 7 });
    const due = (await t.http.get(`/calendar/due-date?from=${today()}&workingDays=10`).set('Authorization', as.receivingSchool).expect(200)).body.dueDate;
    expect(started.body.steps).toMatchObject([
      { name: 'sending_school', organisationCode: '3330106001', status: 'pending', dueDate: due },
      { name: 'sending_authority', organisationCode: '330106', status: 'waiting' },
      { name: 'receiving_authority', organisationCode: '320102', status: 'waiting' },
    ]);
    const id = started.body.id as string;

    // Both sides see it; nobody else does.
    for (const who of [as.sendingSchool, as.sendingCounty, as.receivingSchool, as.receivingCounty]) await t.http.get(`/requests/${id}`).set('Authorization', who).expect(200);
    for (const who of [as.otherSchool, as.otherCounty, as.sameCountySchool]) await t.http.get(`/requests/${id}`).set('Authorization', who).expect(404);
    expect((await t.http.get('/requests/inbox').set('Authorization', as.sendingSchool).expect(200)).body.items.map((r: { id: string }) => r.id)).toContain(id);

    // Steps in order, each by its own organisation.
    expect((await decide(as.receivingCounty, id, 0).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    expect((await decide(as.receivingSchool, id, 0).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    expect((await decide(as.sendingCounty, id, 1).expect(409)).body.code).toBe('STEP_NOT_PENDING');
    await decide(as.sendingSchool, id, 0).expect(200);
    const second = await decide(as.sendingCounty, id, 1).expect(200);
    expect(second.body.steps[2]).toMatchObject({ status: 'pending', dueDate: due });
    // Not moved before the last approval.
    await t.http.get(`/students/${student}`).set('Authorization', as.receivingCounty).expect(404);

    // The receiving county's two accounts approve at once: one wins, the other is told the request is closed.
    const answers = await Promise.all([decide(as.receivingCounty, id, 2), decide(as.receivingCounty2, id, 2)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('REQUEST_CLOSED');

    // The record now lives at the receiving school, its number unchanged; the sending school no longer lists it.
    const moved = (await t.http.get(`/students/${student}`).set('Authorization', as.receivingCounty).expect(200)).body;
    expect(moved).toMatchObject({ studentNumber: number, schoolCode: '3320102001', grade: 7, status: 'enrolled' });
    await t.http.get(`/students/${student}`).set('Authorization', as.sendingSchool).expect(404);
    await t.http.get(`/students/${student}`).set('Authorization', as.sendingCounty).expect(404);
    const sendingList = (await t.http.get('/students?limit=500').set('Authorization', as.sendingSchool).expect(200)).body.items;
    expect(sendingList.map((s: { id: string }) => s.id)).not.toContain(student);
    const receivingList = (await t.http.get('/students?limit=500').set('Authorization', as.receivingSchool).expect(200)).body.items;
    expect(receivingList.map((s: { id: string }) => s.id)).toContain(student);

    // Its certificates follow it; the issuing county still acts on what it issued.
    const certificates = (await t.http.get(`/students/${student}/certificates`).set('Authorization', as.receivingCounty).expect(200)).body;
    expect(certificates.map((c: { id: string }) => c.id)).toContain(certificate.id);
    await t.http.get(`/certificates/${certificate.id}`).set('Authorization', as.receivingCounty).expect(200);
    await t.http.get(`/certificates/${certificate.id}`).set('Authorization', as.sendingSchool).expect(404);
    await t.http.post(`/certificates/${certificate.id}/suspension`).set('Authorization', as.sendingCounty).send({ reason: '核查中' }).expect(200);

    // So does its identity side: the guardian's consent is the receiving school's now.
    const consentScopes = await t.asOwner((q) => q(`SELECT scope_path FROM guardian_consents WHERE student_id = $1`, [student]));
    expect(consentScopes).toEqual([{ scope_path: '/000000/320000/320100/320102/3320102001/' }]);

    // Its audit trail follows it: the receiving county sees what was written while it was in Hangzhou.
    const trail = (await t.http.get(`/audit/student/${student}`).set('Authorization', as.receivingCounty).expect(200)).body;
    const actions = trail.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['student.enrolled', 'student.graduated', 'student.transferred']));
    const bystander = (await t.http.get(`/audit/student/${student}`).set('Authorization', as.otherCounty).expect(200)).body;
    expect(bystander).toEqual([]);

    // Placements: where the student was yesterday and today.
    const history = (await t.http.get(`/students/${student}/status-history?on=${addDays(today(), -1)}`).set('Authorization', as.receivingSchool).expect(200)).body;
    expect(history.placementOn).toMatchObject({ schoolCode: '3330106001' });
    expect(history.periods.at(-1)).toMatchObject({ schoolCode: '3320102001', from: today(), to: null, requestId: id });
    // Its rows take the receiving province's key with it, Hangzhou's periods included (a national
    // deployment's partition: the record and what hangs off it stay together).
    const keys = await t.asOwner((q) =>
      q(`SELECT province_code AS key FROM students WHERE id = $1 UNION SELECT province_code FROM student_status_periods WHERE student_id = $1`, [student]),
    );
    expect(keys).toEqual([{ key: '32' }]);

    // The sending school keeps a read-only copy; nobody else sees it.
    const copies = (await t.http.get('/record-copies').set('Authorization', as.sendingSchool).expect(200)).body.items;
    expect(copies).toEqual([expect.objectContaining({ studentId: student, studentNumber: number, reason: 'transfer', requestId: id, movedToCode: '3320102001' })]);
    const copy = (await t.http.get(`/record-copies/${copies[0].id}`).set('Authorization', as.sendingCounty).expect(200)).body;
    expect(copy.record).toMatchObject({ studentNumber: number, schoolCode: '3330106001', idNumberMasked: expect.stringMatching(/^330\*+\w$/) });
    expect(JSON.stringify(copy)).not.toContain(idNumber);
    expect(copy.placements.length).toBeGreaterThanOrEqual(2);
    await t.http.get(`/record-copies/${copies[0].id}`).set('Authorization', as.receivingSchool).expect(404);
    await expect(t.asOwner((q) => q(`DELETE FROM record_copies WHERE id = $1`, [copies[0].id]))).rejects.toThrow(/read-only/);

    // Exactly one move: one copy, one transferred entry.
    expect(actions.filter((a: string) => a === 'student.transferred')).toHaveLength(1);
  });

  it('refuses what 第十五条 does not allow, naming the field, and writes nothing', async () => {
    const idNumber = juniorId('201');
    const student = await enrolStudent(t, as.sendingSchool, '201');
    const body = await transferOf(student, idNumber);
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM requests`))[0].n;

    // Only a school registrar starts one; the record is found only by the right pair.
    await start(as.receivingCounty, body).expect(403);
    await start(as.receivingSchool, { ...body, idNumber: juniorId('202') }).expect(404);
    expect((await start(as.receivingSchool, { ...body, grade: 10 }).expect(400)).body.errors[0].field).toBe('grade');
    expect((await start(as.receivingSchool, { ...body, studentNumber: 'S1234' }).expect(400)).body.errors[0].field).toBe('studentNumber');
    expect((await start(as.receivingSchool, { ...body, applicationSha256: 'x' }).expect(400)).body.errors[0].field).toBe('applicationSha256');
    const badCheck = idNumber.slice(0, 17) + (idNumber.endsWith('0') ? '1' : '0');
    const invalid = await start(as.receivingSchool, { ...body, idNumber: badCheck }).expect(400);
    expect(invalid.body).toMatchObject({ code: 'INVALID_ID_NUMBER', errors: [{ field: 'idNumber' }] });
    expect(JSON.stringify(invalid.body)).not.toContain(badCheck);
    expect((await start(as.sendingSchool, body).expect(409)).body.code).toBe('SAME_SCHOOL');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM requests`))[0].n).toBe(before);

    // One open transfer per record.
    const open = await start(as.receivingSchool, body).expect(201);
    expect((await start(as.otherSchool, body).expect(409)).body.code).toBe('REQUEST_OPEN');

    // A refusal needs a reason; with one the request ends and the record stays.
    expect((await decide(as.sendingSchool, open.body.id, 0, { outcome: 'refuse' }).expect(400)).body.errors[0].field).toBe('reason');
    const refused = await decide(as.sendingSchool, open.body.id, 0, { outcome: 'refuse', reason: '学生仍在本校就读' }).expect(200);
    expect(refused.body).toMatchObject({ status: 'refused', steps: [{ status: 'refused', reason: '学生仍在本校就读' }, { status: 'waiting' }, { status: 'waiting' }] });
    expect((await t.http.get(`/students/${student}`).set('Authorization', as.sendingSchool).expect(200)).body.schoolCode).toBe('3330106001');

    // The authority above the refusing school hears of it (第二十六条) and reads the reason on the request; nobody else is told.
    const warned = (await t.http.get('/warnings?kind=transfer.refused').set('Authorization', as.sendingCounty).expect(200)).body.items;
    expect(warned).toEqual([expect.objectContaining({ subjectId: open.body.id, evidence: { step: 'sending_school', refusedBy: '3330106001', fromSchoolCode: '3330106001', toSchoolCode: '3320102001' } })]);
    expect((await t.http.get(`/requests/${open.body.id}`).set('Authorization', as.sendingCounty).expect(200)).body.steps[0].reason).toBe('学生仍在本校就读');
    expect((await t.http.get('/warnings?kind=transfer.refused').set('Authorization', as.receivingCounty).expect(200)).body.items).toEqual([]);
  });

  it('an overdue step escalates to the authority above; one account decides at most one step', async () => {
    const idNumber = juniorId('301');
    const student = await enrolStudent(t, as.sendingSchool, '301');
    const open = await start(as.receivingSchool, await transferOf(student, idNumber)).expect(201);
    const id = open.body.id as string;
    expect((await decide(as.sendingCounty, id, 0).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    await t.asOwner((q) => q(`UPDATE request_steps SET due_date = $2 WHERE request_id = $1 AND index = 0`, [id, addDays(today(), -1)]));
    const inbox = (await t.http.get('/requests/inbox').set('Authorization', as.sendingCounty).expect(200)).body.items;
    expect(inbox.map((r: { id: string }) => r.id)).toContain(id);
    await decide(as.sendingCounty, id, 0).expect(200);
    expect((await decide(as.sendingCounty, id, 1).expect(403)).body.code).toBe('ALREADY_DECIDED_A_STEP');
    await decide(as.sendingCounty2, id, 1).expect(200);
    await decide(as.receivingCounty, id, 2).expect(200);
    expect((await t.http.get(`/students/${student}`).set('Authorization', as.receivingSchool).expect(200)).body.schoolCode).toBe('3320102001');
  });

  it('inside one county the shared authority decides once', async () => {
    const idNumber = juniorId('401');
    const student = await enrolStudent(t, as.sendingSchool, '401');
    const open = await start(as.sameCountySchool, await transferOf(student, idNumber, 9)).expect(201);
    expect(open.body.steps.map((s: { name: string }) => s.name)).toEqual(['sending_school', 'sending_authority']);
    expect(open.body.details.crossProvince).toBe(false);
    await decide(as.sendingSchool, open.body.id, 0).expect(200);
    await decide(as.sendingCounty, open.body.id, 1).expect(200);
    const moved = (await t.http.get(`/students/${student}`).set('Authorization', as.sendingCounty).expect(200)).body;
    expect(moved).toMatchObject({ schoolCode: '3330106002', grade: 9 });
    await t.http.get(`/students/${student}`).set('Authorization', as.sendingSchool).expect(404);
  });

  it('a record that changed meanwhile is not moved: the last approval answers 409 and nothing changes', async () => {
    const idNumber = juniorId('501');
    const student = await enrolStudent(t, as.sendingSchool, '501');
    const open = await start(as.receivingSchool, await transferOf(student, idNumber)).expect(201);
    await decide(as.sendingSchool, open.body.id, 0).expect(200);
    await decide(as.sendingCounty, open.body.id, 1).expect(200);
    await t.asOwner((q) => q(`UPDATE students SET status = 'suspended' WHERE id = $1`, [student]));
    expect((await decide(as.receivingCounty, open.body.id, 2).expect(409)).body.code).toBe('RECORD_CHANGED');
    expect((await t.http.get(`/requests/${open.body.id}`).set('Authorization', as.receivingCounty).expect(200)).body.status).toBe('open');
  });
});

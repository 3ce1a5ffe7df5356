import { addDays, changeActors, enrolStudent, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { residentId, startTestApp, type TestApp } from '../support/test-app.js';

const STRONG = 'Guardian-Pass-2026';
const ABSENT = '00000000-0000-4000-8000-000000000000';

/**
 * Guardians (issue 7) over HTTP: a school hands a one-time code, the guardian creates an account
 * with it, sees only their own children (404 for any other, 403 on every organisation route),
 * follows each request about a child and asks for a correction, which the school confirms and
 * the county approves, the old value kept in the record's field history.
 */
describe('guardians', () => {
  let t: TestApp;
  let as: ChangeActors;
  let childA: string;
  let childB: string;
  let childC: string;
  let guardian1: string;
  let guardian2: string;

  const issue = async (registrar: string, student: string, relation = 'mother') =>
    (await t.http.post(`/students/${student}/guardian-codes`).set('Authorization', registrar).send({ relation }).expect(201)).body.code as string;
  const createAccount = (body: object) => t.http.post('/guardian/accounts').send(body);
  const signIn = async (phone: string, password = STRONG) => `Bearer ${(await t.http.post('/guardian/sessions').send({ phone, password }).expect(200)).body.accessToken}`;
  const decide = (who: string, request: string, index: number, body: object = { outcome: 'approve' }) =>
    t.http.post(`/requests/${request}/steps/${index}/decision`).set('Authorization', who).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'gd');
    childA = await enrolStudent(t, as.school, '041');
    childB = await enrolStudent(t, as.school, '042');
    childC = await enrolStudent(t, as.otherSchool, '043');
    const codeA = await issue(as.school, childA);
    expect((await createAccount({ code: codeA, phone: '+86 138-0013-8000', password: STRONG }).expect(201)).body.children.map((c: { id: string }) => c.id)).toEqual([childA]);
    guardian1 = await signIn('13800138000');
    await createAccount({ code: await issue(as.otherSchool, childC, 'father'), phone: '13900139000', password: STRONG }).expect(201);
    guardian2 = await signIn('13900139000');
  });
  afterAll(() => t.close());

  it('keeps the code as a digest only, and neither code nor phone number in the audit trail', async () => {
    const code = await issue(as.school, childB, 'father');
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const stored = await t.dataSource.query(`SELECT code_digest FROM guardian_binding_codes WHERE student_id = $1`, [childB]);
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
    const audit = JSON.stringify(await t.dataSource.query(`SELECT action, details FROM audit_entries WHERE action LIKE 'guardian.%'`));
    expect(audit).toContain('guardian.binding_code_issued');
    expect(audit).toContain('guardian.account_created');
    expect(audit).not.toMatch(/13800138000|13900139000/);
    expect(audit).not.toContain(code);
    const phones = JSON.stringify(await t.dataSource.query(`SELECT phone_digest, encode(phone_sealed, 'escape') AS sealed FROM guardian_accounts`));
    expect(phones).not.toContain('13800138000');
  });

  it('refuses account creation naming the field: bad phone, weak password, unknown, used and expired codes; an existing number is 409', async () => {
    const fresh = await issue(as.school, childB);
    const field = async (body: object) => (await createAccount(body).expect(400)).body;
    expect((await field({ code: fresh, phone: '12345', password: STRONG })).errors).toEqual([{ field: 'phone', message: expect.any(String) }]);
    expect((await field({ code: fresh, phone: '13700137000', password: 'short' })).errors[0].field).toBe('password');
    expect(await field({ code: 'AAAA-BBBB-CCCC', phone: '13700137000', password: STRONG })).toMatchObject({ code: 'BINDING_CODE_UNKNOWN', errors: [{ field: 'code' }] });
    const used = await issue(as.school, childB);
    await createAccount({ code: used, phone: '13700137000', password: STRONG }).expect(201);
    expect(await field({ code: used, phone: '13600136000', password: STRONG })).toMatchObject({ code: 'BINDING_CODE_USED', errors: [{ field: 'code' }] });
    const expired = await issue(as.school, childB);
    await t.dataSource.query(`UPDATE guardian_binding_codes SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL AND student_id = $1`, [childB]);
    expect(await field({ code: expired, phone: '13600136000', password: STRONG })).toMatchObject({ code: 'BINDING_CODE_EXPIRED', errors: [{ field: 'code' }] });
    const again = await issue(as.school, childA);
    expect((await createAccount({ code: again, phone: '13800138000', password: STRONG }).expect(409)).body.code).toBe('GUARDIAN_EXISTS');
    await t.http.post('/guardian/sessions').send({ phone: '13800138000', password: 'Wrong-Password-1' }).expect(401);
    await t.http.post('/guardian/sessions').send({ phone: '13811111111', password: STRONG }).expect(401);
  });

  it('binds a further child with another code; each guardian sees only their own children, and 404 for any other', async () => {
    const bound = await t.http.post('/guardian/bindings').set('Authorization', guardian1).send({ code: await issue(as.school, childB, 'mother') }).expect(201);
    expect(bound.body).toMatchObject({ id: childB, relation: 'mother', schoolCode: '3330106001', status: 'enrolled' });
    const mine = (await t.http.get('/guardian/children').set('Authorization', guardian1).expect(200)).body.items;
    expect(mine.map((c: { id: string }) => c.id)).toEqual([childA, childB]);
    const theirs = (await t.http.get('/guardian/children').set('Authorization', guardian2).expect(200)).body.items;
    expect(theirs).toEqual([expect.objectContaining({ id: childC, relation: 'father', schoolCode: '3320102001', educationStage: 'junior', grade: 8 })]);

    for (const path of ['', '/requests']) {
      const other = await t.http.get(`/guardian/children/${childA}${path}`).set('Authorization', guardian2).expect(404);
      const absent = await t.http.get(`/guardian/children/${ABSENT}${path}`).set('Authorization', guardian2).expect(404);
      expect(other.body.code).toBe(absent.body.code);
    }
    const body = { kind: 'correction', fields: { name: '别人' }, evidenceSha256: SHA('e') };
    await t.http.post(`/guardian/children/${childA}/change-requests`).set('Authorization', guardian2).send(body).expect(404);
    expect(await t.dataSource.query(`SELECT id FROM requests WHERE subject_id = $1`, [childA])).toEqual([]);
  });

  it('shows the school who is bound to a record (no phone numbers) and lets it end a binding; the child is then 404 to that guardian', async () => {
    const student = await enrolStudent(t, as.school, '044');
    await createAccount({ code: await issue(as.school, student, 'legal_guardian'), phone: '13300133000', password: STRONG }).expect(201);
    const guardian = await signIn('13300133000');
    const bound = (await t.http.get(`/students/${student}/guardians`).set('Authorization', as.county).expect(200)).body.items;
    expect(bound).toEqual([{ guardianId: expect.any(String), relation: 'legal_guardian', boundAt: expect.any(String) }]);
    expect(JSON.stringify(bound)).not.toContain('13300133000');
    await t.http.get(`/students/${student}/guardians`).set('Authorization', as.otherCounty).expect(404);
    await t.http.delete(`/students/${student}/guardians/${bound[0].guardianId}`).set('Authorization', as.county).expect(403);
    await t.http.delete(`/students/${student}/guardians/${bound[0].guardianId}`).set('Authorization', as.otherSchool).expect(404);
    await t.http.delete(`/students/${student}/guardians/${bound[0].guardianId}`).set('Authorization', as.school).expect(204);
    await t.http.get(`/guardian/children/${student}`).set('Authorization', guardian).expect(404);
    expect((await t.http.get('/guardian/children').set('Authorization', guardian).expect(200)).body.items).toEqual([]);
    await t.http.delete(`/students/${student}/guardians/${bound[0].guardianId}`).set('Authorization', as.school).expect(404);
  });

  it('refuses a guardian token on every organisation route (403), and an organisation token on guardian routes', async () => {
    for (const path of ['/students', `/students/${childA}`, '/requests', '/requests/inbox', '/auth/me']) {
      expect((await t.http.get(path).set('Authorization', guardian1).expect(403)).body.code).toBe('GUARDIAN_NOT_ALLOWED');
    }
    await t.http.post(`/students/${childA}/change-requests`).set('Authorization', guardian1).send({ kind: 'resumption', on: today() }).expect(403);
    expect((await t.http.get('/guardian/children').set('Authorization', as.school).expect(403)).body.code).toBe('GUARDIANS_ONLY');
    await t.http.get('/guardian/children').expect(401);
    await t.http.get('/guardian/children').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('locks an account after five wrong passwords in a row (the right one refused too, one 401), and a logout ends every session', async () => {
    await createAccount({ code: await issue(as.school, childB, 'grandparent'), phone: '13500135000', password: STRONG }).expect(201);
    const session = await signIn('13500135000');
    for (let i = 0; i < 5; i++) await t.http.post('/guardian/sessions').send({ phone: '13500135000', password: `Wrong-Password-${i}` }).expect(401);
    const locked = await t.http.post('/guardian/sessions').send({ phone: '13500135000', password: STRONG }).expect(401);
    expect(locked.body.detail).toBe('Unknown mobile number or wrong password');
    await t.http.get('/guardian/children').set('Authorization', session).expect(200);
    await t.http.post('/guardian/logout').set('Authorization', session).expect(204);
    await t.http.get('/guardian/children').set('Authorization', session).expect(401);
  });

  it("shows a bound child's record with the ID number masked and its status history", async () => {
    const record = (await t.http.get(`/guardian/children/${childA}`).set('Authorization', guardian1).expect(200)).body;
    expect(record).toMatchObject({ id: childA, name: '测试学生', gender: 'male', birthDate: '2013-03-01', idDocumentType: 'resident_id', status: 'enrolled' });
    expect(record.idNumberMasked).toMatch(/^330\*{14}.$/);
    expect(record.statusHistory).toEqual([{ status: 'enrolled', from: '2025-09-01', to: null, requestId: null, schoolCode: '3330106001', stage: 'junior', grade: 8 }]);
  });

  it('follows a request the school started: its kind, steps and due dates, without account ids', async () => {
    const from = addDays(today(), -3);
    const asked = await t.http
      .post(`/students/${childB}/change-requests`)
      .set('Authorization', as.school)
      .send({ kind: 'suspension', from, until: addDays(from, 90), applicationDate: addDays(from, -1), applicationSha256: SHA('a') })
      .expect(201);
    const followed = (await t.http.get(`/guardian/children/${childB}/requests`).set('Authorization', guardian1).expect(200)).body.items;
    expect(followed).toEqual([
      expect.objectContaining({ id: asked.body.id, kind: 'student_suspension', status: 'open', askedByYou: false, steps: [expect.objectContaining({ name: 'supervising_authority', organisationCode: '330106', status: 'pending', dueDate: asked.body.steps[0].dueDate })] }),
    ]);
    expect(JSON.stringify(followed)).not.toContain(asked.body.submittedBy);
    await decide(as.county, asked.body.id, 0, { outcome: 'refuse', reason: '材料不全' }).expect(200);
    const closed = (await t.http.get(`/guardian/children/${childB}/requests`).set('Authorization', guardian1).expect(200)).body.items[0];
    expect(closed).toMatchObject({ status: 'refused', steps: [{ status: 'refused', reason: '材料不全' }] });
  });

  it('a correction asked by a guardian: the school confirms, the county approves, the old name kept sealed in the history', async () => {
    const asked = await t.http
      .post(`/guardian/children/${childA}/change-requests`)
      .set('Authorization', guardian1)
      .send({ kind: 'correction', fields: { name: '测试学生甲' }, evidenceSha256: SHA('b') })
      .expect(201);
    expect(asked.body).toMatchObject({ kind: 'student_correction', status: 'open', askedByYou: true });
    expect(asked.body.steps.map((s: { name: string; status: string; organisationCode: string }) => [s.name, s.organisationCode, s.status])).toEqual([
      ['school_confirmation', '3330106001', 'pending'],
      ['supervising_authority', '330106', 'waiting'],
    ]);
    expect(asked.body.steps[0].dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const id = asked.body.id;
    // Neither the request nor the audit trail holds the new name.
    const [row] = await t.dataSource.query(`SELECT details, submitted_by, submitted_by_guardian FROM requests WHERE id = $1`, [id]);
    expect(JSON.stringify(row.details)).not.toContain('测试学生甲');
    expect(row.submitted_by).toBeNull();
    expect(JSON.stringify(await t.dataSource.query(`SELECT details FROM audit_entries WHERE record_id IN ($1, $2)`, [id, childA]))).not.toContain('测试学生甲');

    // Refusals: the county before the school, the guardian on the engine's routes, another county, the authority's step early.
    expect((await decide(as.county, id, 0).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    expect((await decide(guardian1, id, 0).expect(403)).body.code).toBe('GUARDIAN_NOT_ALLOWED');
    await decide(as.otherCounty, id, 0).expect(404);
    await decide(as.otherSchool, id, 0).expect(404);
    expect((await decide(as.county, id, 1).expect(409)).body.code).toBe('STEP_NOT_PENDING');

    // The school sees the value it confirms (a logged read); another county does not see the record.
    const proposed = (await t.http.get(`/students/${childA}/field-changes`).set('Authorization', as.school).expect(200)).body.items;
    expect(proposed).toEqual([{ requestId: id, requestStatus: 'open', field: 'name', oldValue: null, newValue: '测试学生甲', appliedOn: null }]);
    await t.http.get(`/students/${childA}/field-changes`).set('Authorization', as.otherCounty).expect(404);
    await t.http.get(`/students/${childA}/field-changes`).set('Authorization', guardian1).expect(403);

    await decide(as.school, id, 0).expect(200);
    expect((await decide(as.school, id, 1).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    const approved = await decide(as.county, id, 1).expect(200);
    expect(approved.body.status).toBe('approved');

    expect((await t.http.get(`/students/${childA}`).set('Authorization', as.school).expect(200)).body.name).toBe('测试学生甲');
    const [change] = await t.dataSource.query(`SELECT field, personal, old_value, old_sealed, new_value, new_sealed, applied_on::text AS applied_on FROM student_field_changes WHERE request_id = $1`, [id]);
    expect(change).toMatchObject({ field: 'name', personal: true, old_value: null, new_value: null, applied_on: today() });
    expect(change.old_sealed).not.toBeNull();
    expect(Buffer.from(change.old_sealed).toString('utf8')).not.toContain('测试学生');
    expect((await t.http.get(`/students/${childA}/field-changes`).set('Authorization', as.county).expect(200)).body.items).toEqual([
      { requestId: id, requestStatus: 'approved', field: 'name', oldValue: '测试学生', newValue: '测试学生甲', appliedOn: today() },
    ]);
    const [audited] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'student.corrected' AND record_id = $1`, [childA]);
    expect(audited.details).toEqual({ requestId: id, fields: ['name'] });
    const record = (await t.http.get(`/guardian/children/${childA}`).set('Authorization', guardian1).expect(200)).body;
    expect(record).toMatchObject({ name: '测试学生甲', corrections: [{ field: 'name', appliedOn: today(), requestId: id }] });
    const followed = (await t.http.get(`/guardian/children/${childA}/requests`).set('Authorization', guardian1).expect(200)).body.items;
    expect(followed[0]).toMatchObject({ id, status: 'approved', askedByYou: true });
  });

  it('a correction asked by the school goes to the county alone; birth date and gender follow the resident ID', async () => {
    const ask = (body: object) => t.http.post(`/students/${childB}/change-requests`).set('Authorization', as.school).send(body);
    const birth = await ask({ kind: 'correction', fields: { birthDate: '2013-04-01' }, evidenceSha256: SHA('c') }).expect(422);
    expect(birth.body.code).toBe('FOLLOWS_ID_DOCUMENT');
    expect((await ask({ kind: 'correction', fields: { name: '测试学生' }, evidenceSha256: SHA('c') }).expect(400)).body.errors[0].field).toBe('fields.name');
    const asked = await ask({ kind: 'correction', fields: { name: '测试学生乙' }, evidenceSha256: SHA('c') }).expect(201);
    expect(asked.body.steps.map((s: { name: string }) => s.name)).toEqual(['supervising_authority']);
    await decide(as.county, asked.body.id, 0, { outcome: 'refuse', reason: '证明不足' }).expect(200);
    expect((await t.http.get(`/students/${childB}`).set('Authorization', as.school).expect(200)).body.name).toBe('测试学生');
    expect((await t.dataSource.query(`SELECT applied_on FROM student_field_changes WHERE request_id = $1`, [asked.body.id]))[0].applied_on).toBeNull();

    // Fields the record did not hold yet (ethnicity, 户籍): the history keeps "none" as the old value; a 户籍 comes whole.
    const half = await ask({ kind: 'correction', fields: { householdAddress: '浙江省杭州市西湖区文三路2号' }, evidenceSha256: SHA('d') }).expect(400);
    expect(half.body).toMatchObject({ code: 'INCOMPLETE', errors: [{ field: 'fields.householdDivision' }] });
    const added = await ask({ kind: 'correction', fields: { ethnicity: '03', householdDivision: '330106', householdAddress: '浙江省杭州市西湖区文三路2号' }, evidenceSha256: SHA('d') }).expect(201);
    await decide(as.county, added.body.id, 0).expect(200);
    const record = (await t.http.get(`/students/${childB}`).set('Authorization', as.school).expect(200)).body;
    expect(record).toMatchObject({ ethnicity: '03', householdRegistration: { divisionCode: '330106', address: '浙江省杭州市西湖区文三路2号' } });
    const history = (await t.http.get(`/students/${childB}/field-changes`).set('Authorization', as.school).expect(200)).body.items.filter((c: { requestId: string }) => c.requestId === added.body.id);
    expect(history.map((c: { field: string; oldValue: string | null; newValue: string }) => [c.field, c.oldValue, c.newValue])).toEqual([
      ['ethnicity', null, '03'],
      ['householdDivision', null, '330106'],
      ['householdAddress', null, '浙江省杭州市西湖区文三路2号'],
    ]);
  });

  it('a suspension asked by a guardian: the school confirms first, then the county; the school may refuse with a reason', async () => {
    const from = addDays(today(), -2);
    const body = { kind: 'suspension', from, until: addDays(from, 120), applicationDate: addDays(from, -1), applicationSha256: SHA('d') };
    const asked = await t.http.post(`/guardian/children/${childC}/change-requests`).set('Authorization', guardian2).send(body).expect(201);
    expect(asked.body.steps.map((s: { name: string; organisationCode: string }) => [s.name, s.organisationCode])).toEqual([
      ['school_confirmation', '3320102001'],
      ['supervising_authority', '320102'],
    ]);
    expect((await decide(as.otherSchool, asked.body.id, 0, { outcome: 'refuse' }).expect(400)).body.errors[0].field).toBe('reason');
    await decide(as.otherSchool, asked.body.id, 0).expect(200);
    await decide(as.otherCounty, asked.body.id, 1).expect(200);
    expect((await t.http.get(`/guardian/children/${childC}`).set('Authorization', guardian2).expect(200)).body.status).toBe('suspended');
    const tooLong = await t.http.post(`/guardian/children/${childA}/change-requests`).set('Authorization', guardian1).send({ ...body, until: addDays(from, 400) }).expect(400);
    expect(tooLong.body.errors[0].field).toBe('until');
    // A guardian cannot ask for what the school alone asks (death, withdrawal, identity documents).
    await t.http.post(`/guardian/children/${childA}/change-requests`).set('Authorization', guardian1).send({ kind: 'death', dateOfDeath: today(), certificateSha256: SHA('f') }).expect(400);
  });

  it('follows a transfer another school started: its steps and due dates as they are decided, then the child at the new school', async () => {
    const number = (await t.http.get(`/students/${childA}`).set('Authorization', as.school).expect(200)).body.studentNumber;
    const started = await t.http
      .post('/transfers')
      .set('Authorization', as.otherSchool)
      .send({ studentNumber: number, idNumber: residentId('330106', '2013-03-01', '041'), grade: 8, applicationSha256: SHA('f') })
      .expect(201);
    const id = started.body.id;
    const follow = async () => (await t.http.get(`/guardian/children/${childA}/requests`).set('Authorization', guardian1).expect(200)).body.items.find((r: { id: string }) => r.id === id);
    const first = await follow();
    expect(first).toMatchObject({ kind: 'student_transfer', status: 'open', askedByYou: false });
    expect(first.steps.map((s: { name: string; organisationCode: string; status: string; dueDate: string | null }) => [s.name, s.organisationCode, s.status, s.dueDate])).toEqual([
      ['sending_school', '3330106001', 'pending', started.body.steps[0].dueDate],
      ['sending_authority', '330106', 'waiting', null],
      ['receiving_authority', '320102', 'waiting', null],
    ]);
    await decide(as.school, id, 0).expect(200);
    await decide(as.county, id, 1).expect(200);
    const pending = await follow();
    expect(pending.steps.map((s: { status: string }) => s.status)).toEqual(['approved', 'approved', 'pending']);
    expect(pending.steps[2].dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await decide(as.otherCounty, id, 2).expect(200);
    expect((await follow()).status).toBe('approved');
    // The binding follows the child, not the school; the other school's guardian still does not see it.
    const moved = (await t.http.get('/guardian/children').set('Authorization', guardian1).expect(200)).body.items.find((c: { id: string }) => c.id === childA);
    expect(moved).toMatchObject({ schoolCode: '3320102001', status: 'enrolled' });
    await t.http.get(`/guardian/children/${childA}`).set('Authorization', guardian2).expect(404);
  });

  it('writes no phone number, binding code or password to the logs', () => {
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/1380013800|1390013900|1370013700|1350013500|1330013300/);
    expect(logs).not.toContain(STRONG);
    // A binding code's shape, not inside a UUID (whose digit groups can look the same).
    expect(logs).not.toMatch(/(?<![0-9a-f-])[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}(?![0-9a-f-])/);
  });
});

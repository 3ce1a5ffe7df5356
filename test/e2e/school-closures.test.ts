import { addDays, enrolStudent, SHA, today } from '../support/change-requests.js';
import { loadCurrentYears } from '../support/calendar.js';
import { login, PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** 学校合并与撤销 (第十二条): every record of the school moves to its successor, history kept. */
describe('school mergers and closures', () => {
  let t: TestApp;
  const as = {} as Record<'closing' | 'merged' | 'county' | 'otherCounty' | 'otherSchool' | 'third', string>;
  let closingRegistrar: string;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106011' }, 'cla');
    const b = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106012' }, 'clb');
    const c = await seedTree(t, { province: '330000', city: '330100', county: '330108', school: '3330108011' }, 'clc');
    const d = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106013' }, 'cld');
    await loadCurrentYears(t);
    closingRegistrar = a.school;
    Object.assign(as, {
      closing: await login(t, a.school),
      merged: await login(t, b.school),
      county: await login(t, a.county),
      otherCounty: await login(t, c.county),
      otherSchool: await login(t, c.school),
      third: await login(t, d.school),
    });
  });
  afterAll(() => t.close());

  const close = (who: string, code: string, body: object) => t.http.post(`/organisations/${code}/closure`).set('Authorization', who).send(body);

  it('merges a school: every record, whatever its status, moves to the merged school with its history', async () => {
    const enrolled = await enrolStudent(t, as.closing, '611');
    const suspended = await enrolStudent(t, as.closing, '612');
    await t.asOwner((q) => q(`UPDATE students SET status = 'withdrawn' WHERE id = $1`, [suspended]));
    const on = addDays(today(), -1);

    // Who may not: the school itself, another county; what may not be asked.
    await close(as.closing, '3330106011', { kind: 'merger', successorCode: '3330106012', effectiveOn: on }).expect(403);
    await close(as.otherCounty, '3330106011', { kind: 'merger', successorCode: '3330106012', effectiveOn: on }).expect(404);
    expect((await close(as.county, '3330106011', { kind: 'merger', successorCode: '3330108011', effectiveOn: on }).expect(404)).body.code).toBeDefined();
    expect((await close(as.county, '3330106011', { kind: 'merger', effectiveOn: on }).expect(400)).body.errors[0].field).toBe('successorCode');
    expect((await close(as.county, '3330106011', { kind: 'merger', successorCode: '3330106012', effectiveOn: addDays(today(), 3) }).expect(400)).body.errors[0].field).toBe('effectiveOn');
    expect((await close(as.county, '3330106011', { kind: 'merge', successorCode: '3330106012', effectiveOn: on }).expect(400)).body.errors[0].field).toBe('kind');

    // An open request about one of its students holds the merger back.
    const asked = await t.http.post(`/students/${enrolled}/change-requests`).set('Authorization', as.closing)
      .send({ kind: 'suspension', from: today(), until: addDays(today(), 90), applicationDate: today(), applicationSha256: SHA('b') }).expect(201);
    expect((await close(as.county, '3330106011', { kind: 'merger', successorCode: '3330106012', effectiveOn: on }).expect(409)).body.code).toBe('OPEN_REQUESTS');
    await t.http.post(`/requests/${asked.body.id}/steps/0/decision`).set('Authorization', as.county).send({ outcome: 'refuse', reason: '材料不全' }).expect(200);

    const merged = await close(as.county, '3330106011', { kind: 'merger', successorCode: '3330106012', effectiveOn: on }).expect(200);
    expect(merged.body).toEqual({ schoolCode: '3330106011', kind: 'merger', successorCode: '3330106012', effectiveOn: on, moved: 2, accountsSealed: 1 });

    const list = (await t.http.get('/students?limit=500').set('Authorization', as.merged).expect(200)).body.items;
    expect(list.map((s: { id: string; status: string }) => [s.id, s.status]).sort()).toEqual([[enrolled, 'enrolled'], [suspended, 'withdrawn']].sort());
    const history = (await t.http.get(`/students/${suspended}/status-history?on=${addDays(on, -1)}`).set('Authorization', as.merged).expect(200)).body;
    expect(history.placementOn).toMatchObject({ schoolCode: '3330106011' });
    expect(history.periods.at(-1)).toMatchObject({ schoolCode: '3330106012', status: 'withdrawn', from: on, to: null });

    // One audit entry for the batch; closed once; a closed school receives nobody.
    const [batch] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'school.merged' ORDER BY seq DESC LIMIT 1`);
    expect(batch.details).toMatchObject({ schoolCode: '3330106011', toCode: '3330106012', count: 2 });
    expect((await close(as.county, '3330106011', { kind: 'closure', effectiveOn: on }).expect(409)).body.code).toBe('SCHOOL_CLOSED');
    expect((await close(as.county, '3330106013', { kind: 'merger', successorCode: '3330106011', effectiveOn: on }).expect(409)).body.code).toBe('SCHOOL_CLOSED');
    // Its registrar's account was sealed with it: the session ended, no new one, nobody may reopen it or add one there.
    await t.http.get('/students?limit=1').set('Authorization', as.closing).expect(401);
    expect((await t.http.post('/auth/login').send({ username: closingRegistrar, password: PASSWORD }).expect(403)).body.code).toBe('ACCOUNT_SEALED');
    const accounts = (await t.http.get('/accounts?limit=200').set('Authorization', as.county).expect(200)).body.items;
    const sealed = accounts.find((account: { username: string }) => account.username === closingRegistrar);
    expect(sealed).toMatchObject({ status: 'sealed', organisationCode: '3330106011' });
    expect((await t.http.post(`/accounts/${sealed.id}/unseal`).set('Authorization', as.county).expect(409)).body.code).toBe('SCHOOL_CLOSED');
    expect((await t.http.post('/accounts').set('Authorization', as.county).send({ username: 'cla.newcomer', organisationCode: '3330106011' }).expect(409)).body.code).toBe('SCHOOL_CLOSED');
    const [seal] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'account.sealed' AND record_id = $1`, [sealed.id]);
    expect(seal.details).toMatchObject({ trigger: 'school.merged', role: 'school_registrar' });
  });

  it("closes a school: its records go to the supervising authority, which sees them in its own subtree", async () => {
    const student = await enrolStudent(t, as.third, '621');
    const closed = await close(as.county, '3330106013', { kind: 'closure', effectiveOn: today() }).expect(200);
    expect(closed.body).toMatchObject({ successorCode: '330106', moved: 1, accountsSealed: 1 });
    const record = (await t.http.get(`/students/${student}`).set('Authorization', as.county).expect(200)).body;
    expect(record.schoolCode).toBe('330106');
    // The closed school's registrar holds no working session to look with.
    await t.http.get(`/students/${student}`).set('Authorization', as.third).expect(401);
  });
});

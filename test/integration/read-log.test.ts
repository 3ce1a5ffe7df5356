import type { Principal } from '../../src/platform/auth/principal.js';
import { OrganisationsService } from '../../src/platform/organisations/organisations.service.js';
import { StudentEvents } from '../../src/registry/student-events.js';
import { CLASS_ENROLMENT } from '../support/classes.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Audited personal-data reads (第二十三、二十四条) and the early warnings on them (预警): reads of a
 * record and DUPLICATE_PERSON answers are logged without personal data, append-only, readable by
 * the authorities above; bursts and night-time changes are reported upward once per window.
 */
describe('read log and early warnings', () => {
  let t: TestApp;
  let users: Record<'province' | 'city' | 'county' | 'school', string>;
  let registrar: string;
  let county: string;
  let neighbourCounty: string;
  let studentId: string;
  const idNumber = residentId('330106', '2012-03-03', '501');

  const accountId = async (username: string) => (await t.dataSource.query(`SELECT id FROM accounts WHERE username = $1`, [username]))[0].id as string;
  const warningsOf = async (auth: string, kind: string, subjectId: string) =>
    (await t.http.get(`/warnings?kind=${kind}`).set('Authorization', auth).expect(200)).body.items.filter((w: { subjectId: string }) => w.subjectId === subjectId);
  const enrol = (auth: string, number: string) => t.http.post('/students').set('Authorization', auth).send({ idNumber: number, name: '读取测试', ...CLASS_ENROLMENT });

  beforeAll(async () => {
    t = await startTestApp();
    users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'rl');
    const neighbour = await seedTree(t, { province: '330000', city: '330100', county: '330105', school: '3330105001' }, 'rl2');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    neighbourCounty = await login(t, neighbour.county);
    studentId = (await enrol(registrar, idNumber).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('logs who read which record, when and by which route; the county above reads it, others do not', async () => {
    await t.http.get(`/students/${studentId}`).set('Authorization', registrar).expect(200);
    const reader = await accountId(users.school);
    const page = (await t.http.get(`/audit/reads?accountId=${reader}`).set('Authorization', county).expect(200)).body;
    expect(page.items[0]).toMatchObject({ accountId: reader, organisationCode: '3330106001', kind: 'record', recordId: studentId, lookupDigest: null, route: 'GET /students/{id}' });
    expect(page.items[0].readAt).toEqual(expect.any(String));
    expect(JSON.stringify(page)).not.toMatch(/读取测试|330106201203/);
    expect((await t.http.get(`/audit/reads?accountId=${reader}`).set('Authorization', neighbourCounty).expect(200)).body.items).toEqual([]);
    await t.http.get('/audit/reads').set('Authorization', registrar).expect(403);
    // A refused read (another school's record) reads nothing and logs nothing.
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM record_reads`))[0].n;
    await t.http.get(`/students/${studentId}`).set('Authorization', await login(t, 'rl2.school')).expect(404);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM record_reads`))[0].n).toBe(before);
  });

  it('pages newest first', async () => {
    for (let i = 0; i < 3; i++) await t.http.get(`/students/${studentId}`).set('Authorization', county).expect(200);
    const first = (await t.http.get('/audit/reads?limit=2').set('Authorization', county).expect(200)).body;
    expect(first.items).toHaveLength(2);
    const second = (await t.http.get(`/audit/reads?limit=2&after=${first.next}`).set('Authorization', county).expect(200)).body;
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[1].id));
  });

  it('is append-only in the database: the service may not change a row, and even the owner is refused by the trigger', async () => {
    await expect(t.dataSource.query(`UPDATE record_reads SET route = 'x'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(t.dataSource.query(`DELETE FROM record_reads`)).rejects.toThrow(/permission denied|append-only/);
    await expect(t.asOwner((q) => q(`UPDATE record_reads SET route = 'x'`))).rejects.toThrow(/append-only/);
    await expect(t.asOwner((q) => q(`DELETE FROM record_reads`))).rejects.toThrow(/append-only/);
  });

  it('logs a DUPLICATE_PERSON answer as a lookup by keyed digest, and warns the county after more than 10 in an hour', async () => {
    const reader = await accountId(users.school);
    for (let i = 0; i < 10; i++) expect((await enrol(registrar, idNumber).expect(409)).body.code).toBe('DUPLICATE_PERSON');
    const lookups = (await t.http.get(`/audit/reads?accountId=${reader}&kind=id_lookup`).set('Authorization', county).expect(200)).body.items;
    expect(lookups).toHaveLength(10);
    expect(lookups[0]).toMatchObject({ kind: 'id_lookup', recordId: null, route: 'POST /students', lookupDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(lookups)).not.toContain(idNumber);
    expect(await warningsOf(county, 'duplicate_person.lookup_burst', reader)).toEqual([]);
    await enrol(registrar, idNumber).expect(409);
    await enrol(registrar, idNumber).expect(409);
    const warnings = await warningsOf(county, 'duplicate_person.lookup_burst', reader);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ organisationCode: '3330106001', evidence: { accountId: reader, lookupsLastHour: 11, limit: 10 } });
    expect(JSON.stringify(warnings)).not.toContain(idNumber);
  });

  it("warns when an account reads more than max(50, 5 × its daily average), once a day", async () => {
    const reader = await accountId(users.school);
    const [{ reads }] = await t.dataSource.query(`SELECT reads FROM account_read_days WHERE account_id = $1`, [reader]);
    expect(reads).toBe(1);
    // The rest of a busy day, as the counter would hold it.
    await t.dataSource.query(`UPDATE account_read_days SET reads = 49 WHERE account_id = $1`, [reader]);
    await t.http.get(`/students/${studentId}`).set('Authorization', registrar).expect(200);
    expect(await warningsOf(county, 'records.read_burst', reader)).toEqual([]);
    await t.http.get(`/students/${studentId}`).set('Authorization', registrar).expect(200);
    await t.http.get(`/students/${studentId}`).set('Authorization', registrar).expect(200);
    const warnings = await warningsOf(county, 'records.read_burst', reader);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].evidence).toMatchObject({ accountId: reader, readsToday: 51, threshold: 50, windowDays: 30 });
  });

  it('measures a busy account against its own history', async () => {
    const reader = await accountId(users.county);
    // 60 reads a day for the past 30 days: the threshold is 5 × 60 = 300.
    await t.dataSource.query(
      `INSERT INTO account_read_days (account_id, day, reads)
       SELECT $1, (now() AT TIME ZONE 'Asia/Shanghai')::date - d, 60 FROM generate_series(1, 30) AS d
       ON CONFLICT (account_id, day) DO UPDATE SET reads = 60`,
      [reader],
    );
    await t.dataSource.query(`UPDATE account_read_days SET reads = 298 WHERE account_id = $1 AND day = (now() AT TIME ZONE 'Asia/Shanghai')::date`, [reader]);
    await t.http.get(`/students/${studentId}`).set('Authorization', county).expect(200);
    await t.http.get(`/students/${studentId}`).set('Authorization', county).expect(200);
    expect(await warningsOf(await login(t, users.city), 'records.read_burst', reader)).toEqual([]);
    await t.http.get(`/students/${studentId}`).set('Authorization', county).expect(200);
    const warnings = await warningsOf(await login(t, users.city), 'records.read_burst', reader);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].evidence).toMatchObject({ readsToday: 301, threshold: 300 });
  });
});

describe('changes at unusual hours', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ NIGHT_CHANGE_WARNINGS: 'on' });
  });
  afterAll(() => t.close());

  it('reports an account changing records between 22:00 and 06:00 China time, once per night; never by day', async () => {
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'uh');
    const county = await login(t, users.county);
    const registrar = await login(t, users.school);
    const studentId = (
      await t.http.post('/students').set('Authorization', registrar).send({ idNumber: residentId('330106', '2012-04-04', '601'), name: '夜间', ...CLASS_ENROLMENT }).expect(201)
    ).body.id;
    const [account] = await t.dataSource.query(`SELECT id FROM accounts WHERE username = $1`, [users.school]);
    const school = (await t.app.get(OrganisationsService).findVisible(null, '3330106001'))!;
    const principal: Principal = {
      accountId: account.id,
      role: 'school_registrar',
      organisationId: school.id,
      organisationCode: school.code,
      organisationLevel: 'school',
      registrarFiled: true,
      passwordChangeOnly: false,
      organisationPath: school.path,
    };
    // The register's change events carry the moment of the change: noon, 23:30 and 01:10 China time,
    // on days of their own (the enrolment above happened now, which may itself be a night here).
    const changeAt = (iso: string) =>
      t.dataSource.transaction((em) => t.app.get(StudentEvents).changed(em, { studentIds: [studentId], change: 'student.graduation_proposed', principal, now: new Date(iso) }));
    const nightWarnings = async () =>
      (await t.http.get('/warnings?kind=change.unusual_hour').set('Authorization', county).expect(200)).body.items.filter(
        (w: { subjectId: string; evidence: { change: string } }) => w.subjectId === account.id && w.evidence.change === 'student.graduation_proposed',
      );
    await changeAt('2026-01-09T04:00:00Z');
    await changeAt('2026-01-09T15:30:00Z');
    await changeAt('2026-01-09T17:10:00Z');
    const warnings = await nightWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      organisationCode: '3330106001',
      evidence: { accountId: account.id, night: '2026-01-09', change: 'student.graduation_proposed', chinaHour: 23, at: '2026-01-09T15:30:00.000Z' },
    });
    // The next night is another warning.
    await changeAt('2026-01-10T14:05:00Z');
    expect(await nightWarnings()).toHaveLength(2);
  });
});

import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { todayInChina } from '../../src/common/time/china-date.js';
import { semesterOf } from '../../src/registry/verification/domain/roster-run.js';
import { CLASS_ENROLMENT, CLASS_LEAVING_DATE, classIdNumbers, seedClass, waitForList } from '../support/classes.js';
import { login, PASSWORD, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

interface ListBody {
  id: string;
  state: string;
  done: number;
  failed: number;
  held: number;
  pending: number;
  items: Array<{ position: number; studentId: string; state: string; secondApproval: string | null; certificateId: string | null; error: { code: string } | null }>;
}

/**
 * Separation of duties against forged records: one county administrator creates a school and its
 * registrar, enrols a person who does not exist, proposes and confirms them. The certificate is
 * not signed until the city above approves it; a normal class alongside is signed at once.
 */
describe('second approval of certificates for records younger than their stage', () => {
  let t: TestApp;
  let county: string;
  let city: string;
  let otherCounty: string;
  let forger: string;
  let countyColleague: string;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'sa');
    const neighbour = await seedTree(t, { province: '330000', city: '330100', county: '330105', school: '3330105001' }, 'sa2');
    county = await login(t, users.county);
    city = await login(t, users.city);
    otherCounty = await login(t, neighbour.county);
    // The county administrator sets up a school of its own and a registrar for it.
    await t.http.post('/organisations').set('Authorization', county).send({ parentCode: '330106', code: '3330106009', name: '虚设学校' }).expect(201);
    // It holds the activation code it was given, activates the account itself, and files and
    // trains its own registrar: every rule of its own level let it through.
    const created = await t.http.post('/accounts').set('Authorization', county).send({ username: 'sa.forger', organisationCode: '3330106009' }).expect(201);
    await t.http.post('/auth/activation').send({ username: 'sa.forger', activationCode: created.body.activationCode, newPassword: PASSWORD }).expect(204);
    await t.http.post(`/accounts/${created.body.account.id}/filing`).set('Authorization', county).send({ filedOn: '2026-09-01', reference: '备案-虚设' }).expect(200);
    await t.http.post(`/accounts/${created.body.account.id}/training`).set('Authorization', county).send({ trainedOn: '2026-09-02', course: '学籍管理员培训' }).expect(200);
    forger = await login(t, 'sa.forger');
    await t.app.get(AccountsService).createBySystem({ username: 'sa.county2', password: PASSWORD, organisationCode: '330106' });
    countyColleague = await login(t, 'sa.county2');
  });
  afterAll(() => t.close());

  /** Enrols a person today, claiming a 2018 entry: the record is made now, whatever it claims. */
  const enrolToday = async (seq: string) => {
    const res = await t.http
      .post('/students')
      .set('Authorization', forger)
      .send({ idNumber: residentId('330106', '2012-05-05', seq), name: '不存在的人', ...CLASS_ENROLMENT })
      .expect(201);
    return res.body.id as string;
  };

  /** The forger's school proposes these students, with the class's leaving date; the county confirms. */
  const proposeAndConfirm = async (studentIds: string[]) => {
    const proposed = await t.http
      .post('/leaver-lists')
      .set('Authorization', forger)
      .send({ leavingDate: CLASS_LEAVING_DATE, items: studentIds.map((studentId) => ({ studentId })) })
      .expect(201);
    await t.http.post(`/leaver-lists/${proposed.body.id}/approval`).set('Authorization', county).expect(200);
    return proposed.body.id as string;
  };

  const certificatesOf = async (studentId: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE student_id = $1`, [studentId]))[0].n);

  const review = (auth: string, listId: string, position: number, decision: 'approve' | 'refuse', reason = '已核实学籍档案') =>
    t.http.post(`/leaver-lists/${listId}/items/${position}/second-review`).set('Authorization', auth).send({ decision, reason });

  it('holds the forged diploma until the city approves it, while the real class is signed at once', async () => {
    const real = await seedClass(t.app, '3330106009', 3);
    const forged = await enrolToday('901');
    const listId = await proposeAndConfirm([...real, forged]);

    const waiting = await waitForList<ListBody>(t, county, listId, (l) => l.done === 3);
    expect(waiting).toMatchObject({ state: 'issuing', done: 3, held: 1, pending: 0, failed: 0 });
    expect(waiting.items[3]).toMatchObject({ studentId: forged, state: 'held', secondApproval: 'awaiting', certificateId: null });
    expect(await certificatesOf(forged)).toBe(0);

    // The city is warned, with the evidence and nothing personal.
    const warnings = (await t.http.get('/warnings?kind=certificate.second_approval_needed').set('Authorization', city).expect(200)).body.items;
    const warning = warnings.find((w: { subjectId: string }) => w.subjectId === listId);
    expect(warning).toMatchObject({ organisationCode: '330106', subjectType: 'leaver_list' });
    const [created] = await t.dataSource.query(`SELECT created_at FROM students WHERE id = $1`, [forged]);
    expect(warning.evidence).toMatchObject({
      listId,
      schoolCode: '3330106009',
      held: 1,
      total: 4,
      rows: [
        {
          position: 3,
          studentId: forged,
          stage: 'primary',
          recordCreatedAt: new Date(created.created_at).toISOString(),
          leavingDate: CLASS_LEAVING_DATE,
          minimumSchoolYears: 6,
          schoolYears: expect.any(Number),
          reasons: ['record_too_recent'],
        },
      ],
    });
    expect(warning.evidence.rows[0].schoolYears).toBeLessThan(6);
    expect(JSON.stringify(warning)).not.toMatch(/不存在的人|330106201205/);
    // The county itself is not told (a warning goes above), and cannot approve its own hold.
    const countyWarnings = (await t.http.get('/warnings?kind=certificate.second_approval_needed').set('Authorization', county).expect(200)).body.items;
    expect(countyWarnings.find((w: { subjectId: string }) => w.subjectId === listId)).toBeUndefined();
    expect((await review(county, listId, 3, 'approve').expect(403)).body.code).toBe('SAME_ACCOUNT');
    expect((await review(countyColleague, listId, 3, 'approve').expect(403)).body.code).toBe('NOT_AUTHORITY_ABOVE');
    await review(otherCounty, listId, 3, 'approve').expect(404);

    // The city's inbox shows the row; approving it sends it to the same signing job.
    const inbox = (await t.http.get('/second-approvals').set('Authorization', city).expect(200)).body.items;
    expect(inbox).toContainEqual(expect.objectContaining({ listId, position: 3, studentId: forged, schoolCode: '3330106009', confirmingCode: '330106' }));
    const approved = await review(city, listId, 3, 'approve').expect(200);
    expect(approved.body).toMatchObject({ secondApproval: 'approved' });
    const done = await waitForList<ListBody>(t, county, listId, (l) => l.state === 'issued');
    expect(done).toMatchObject({ done: 4, held: 0, failed: 0 });
    expect(done.items[3]).toMatchObject({ state: 'issued', secondApproval: 'approved', certificateId: expect.any(String) });
    expect(await certificatesOf(forged)).toBe(1);

    // A retry answers the same; the other decision now conflicts; each decision audited once.
    await review(city, listId, 3, 'approve').expect(200);
    expect((await review(city, listId, 3, 'refuse').expect(409)).body.code).toBe('SECOND_REVIEW_DECIDED');
    const audited = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'leaver_list.second_approved' AND record_id = $1`, [listId]);
    expect(audited[0].n).toBe(1);
    expect((await t.http.get('/second-approvals').set('Authorization', city).expect(200)).body.items.filter((r: { listId: string }) => r.listId === listId)).toEqual([]);
  });

  it('leaves no certificate when the city refuses, and the list finishes', async () => {
    const forged = await enrolToday('902');
    const listId = await proposeAndConfirm([forged]);
    await review(city, listId, 0, 'refuse', '查无此人').expect(200);
    const done = await waitForList<ListBody>(t, county, listId, (l) => l.state === 'issued');
    expect(done).toMatchObject({ done: 0, failed: 1, held: 0 });
    expect(done.items[0]).toMatchObject({ state: 'failed', secondApproval: 'refused', certificateId: null, error: { code: 'SECOND_APPROVAL_REFUSED' } });
    expect(await certificatesOf(forged)).toBe(0);
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'leaver_list.second_refused' AND record_id = $1`, [listId]);
    expect(entry.details).toMatchObject({ position: 0, studentId: forged, reason: '查无此人' });
  });

  it('takes one decision when the city approves the same row twice at once', async () => {
    const forged = await enrolToday('903');
    const listId = await proposeAndConfirm([forged]);
    const answers = await Promise.all([review(city, listId, 0, 'approve'), review(city, listId, 0, 'approve')]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await waitForList<ListBody>(t, county, listId, (l) => l.state === 'issued');
    expect(await certificatesOf(forged)).toBe(1);
    const audited = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'leaver_list.second_approved' AND record_id = $1`, [listId]);
    expect(audited[0].n).toBe(1);
  });

  /** The real school proposes its class; the county approves the list. */
  const proposeAndApproveAsSchool = async (registrar: string, studentIds: string[]) => {
    const proposed = await t.http
      .post('/leaver-lists')
      .set('Authorization', registrar)
      .send({ leavingDate: CLASS_LEAVING_DATE, items: studentIds.map((studentId) => ({ studentId })) })
      .expect(201);
    const approved = await t.http.post(`/leaver-lists/${proposed.body.id}/approval`).set('Authorization', county).expect(200);
    return { proposed, approved };
  };

  it('does not hold a normal class', async () => {
    const real = await seedClass(t.app, '3330106001', 5, 50);
    const registrar = await login(t, 'sa.school');
    const { proposed, approved } = await proposeAndApproveAsSchool(registrar, real);
    expect(approved.body.held).toBe(0);
    const done = await waitForList<ListBody>(t, county, proposed.body.id, (l) => l.state === 'issued');
    expect(done).toMatchObject({ done: 5, held: 0, failed: 0 });
    expect(done.items.every((i) => i.secondApproval === null)).toBe(true);
  });

  it('holds a record its school confirmed in a semester verification without it (第二十五条), and only that one', async () => {
    const real = await seedClass(t.app, '3330106001', 4, 70);
    const registrar = await login(t, 'sa.school');
    // The school's roster this semester names three of the four: the fourth is on the register, not at school.
    const present = classIdNumbers(4, 70).slice(0, 3).map((idNumber) => ({ idNumber }));
    await t.http.post('/schools/3330106001/roster-confirmations').set('Authorization', registrar).send({ semester: semesterOf(todayInChina()), persons: present }).expect(201);
    const { proposed, approved } = await proposeAndApproveAsSchool(registrar, real);
    expect(approved.body.held).toBe(1);
    const done = await waitForList<ListBody>(t, county, proposed.body.id, (l) => l.done === 3);
    expect(done.items.filter((i) => i.secondApproval === 'awaiting').map((i) => i.studentId)).toEqual([real[3]]);
  });
});

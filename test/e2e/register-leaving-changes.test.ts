import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redeemOffer } from '../../src/wallet/holder.js';
import { WalletStore } from '../../src/wallet/wallet-store.js';
import { StatusHistoryService } from '../../src/registry/status-history.service.js';
import { addDays, changeActors, enrolStudent, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { freePort } from '../support/net.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 死亡注销 (第二十一条) and 退学 (第十八条) over HTTP: the record is kept with its new status, the
 * identity credentials it backed are revoked, and withdrawal is refused in compulsory education.
 */
describe('death cancellation and withdrawal of a student record', () => {
  let t: TestApp;
  let as: ChangeActors;
  let dir: string;

  beforeAll(async () => {
    const port = await freePort();
    t = await startTestApp({ PUBLIC_URL: `http://127.0.0.1:${port}` });
    await t.app.listen(port, '127.0.0.1');
    as = await changeActors(t, 'lv');
    dir = await mkdtemp(join(tmpdir(), 'xueji-wallet-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ask = (who: string, student: string, body: object) => t.http.post(`/students/${student}/change-requests`).set('Authorization', who).send(body);
  const decide = (who: string, request: string) => t.http.post(`/requests/${request}/steps/0/decision`).set('Authorization', who).send({ outcome: 'approve' });
  const requestsOf = (student: string) => t.dataSource.query(`SELECT id FROM requests WHERE subject_id = $1`, [student]);

  it('cancels the record of a deceased student on the county’s approval within 60 working days, revoking its identity credentials', async () => {
    const student = await enrolStudent(t, as.school, '021', 'senior');
    const offer = (await t.http.post(`/students/${student}/identity-offers`).set('Authorization', as.school).send({ credentialConfigurations: ['StudentIdentity_ldp_vc'] }).expect(201)).body;
    const store = await new WalletStore(dir).open();
    await redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode });
    const revoked = () =>
      t.dataSource.query(
        `SELECT e.revoked FROM identity_credentials c JOIN status_entries e ON e.issuer_did = c.issuer_did AND e.credential_id = 'urn:uuid:' || c.id WHERE c.student_id = $1`,
        [student],
      );
    expect(await revoked()).toEqual([{ revoked: false }]);

    const dateOfDeath = addDays(today(), -4);
    const asked = await ask(as.school, student, { kind: 'death', dateOfDeath, certificateSha256: SHA('d') }).expect(201);
    expect(asked.body.kind).toBe('student_death_cancellation');
    expect(asked.body.details).toMatchObject({ dateOfDeath, certificateSha256: SHA('d'), lateChange: false });
    const [step] = await t.dataSource.query(`SELECT working_days FROM request_steps WHERE request_id = $1`, [asked.body.id]);
    expect(step.working_days).toBe(60);

    await decide(as.county, asked.body.id).expect(200);
    const record = (await t.http.get(`/students/${student}`).set('Authorization', as.school).expect(200)).body;
    expect(record.status).toBe('deceased');
    expect(await revoked()).toEqual([{ revoked: true }]);
    expect(await t.app.get(StatusHistoryService).statusOn(student, dateOfDeath)).toBe('deceased');
    expect(await t.app.get(StatusHistoryService).statusOn(student, addDays(dateOfDeath, -1))).toBe('enrolled');
    // A cancelled record takes no further change.
    expect((await ask(as.school, student, { kind: 'death', dateOfDeath, certificateSha256: SHA('d') }).expect(409)).body.code).toBe('INVALID_STATE');
  });

  it.each(['primary', 'junior'] as const)('refuses withdrawal of a %s student outright (第十八条): 422, nothing written', async (stage) => {
    const student = await enrolStudent(t, as.school, stage === 'primary' ? '031' : '032', stage);
    const res = await ask(as.school, student, { kind: 'withdrawal', effectiveDate: addDays(today(), -2), applicationDate: addDays(today(), -5), applicationSha256: SHA('e') }).expect(422);
    expect(res.body.code).toBe('WITHDRAWAL_IN_COMPULSORY_EDUCATION');
    expect(res.body.detail).toContain('第十八条');
    expect(await requestsOf(student)).toEqual([]);
  });

  it('files a senior secondary student’s withdrawal at the county; the record is withdrawn', async () => {
    const student = await enrolStudent(t, as.school, '033', 'senior');
    const effectiveDate = addDays(today(), -2);
    const asked = await ask(as.school, student, { kind: 'withdrawal', effectiveDate, applicationDate: addDays(today(), -5), applicationSha256: SHA('e') }).expect(201);
    expect(asked.body.steps).toMatchObject([{ organisationCode: '330106', status: 'pending' }]);
    expect((await decide(as.school, asked.body.id).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    await decide(as.county2, asked.body.id).expect(200);
    expect((await t.http.get(`/students/${student}`).set('Authorization', as.county).expect(200)).body.status).toBe('withdrawn');
    expect(await t.app.get(StatusHistoryService).statusOn(student, effectiveDate)).toBe('withdrawn');
  });

  it('refuses to approve a change the record no longer allows (another was approved first): 409, nothing moves', async () => {
    const student = await enrolStudent(t, as.school, '035', 'senior');
    const withdrawalAsked = await ask(as.school, student, { kind: 'withdrawal', effectiveDate: addDays(today(), -2), applicationDate: addDays(today(), -5), applicationSha256: SHA('e') }).expect(201);
    const deathAsked = await ask(as.school, student, { kind: 'death', dateOfDeath: addDays(today(), -1), certificateSha256: SHA('d') }).expect(201);
    await decide(as.county, deathAsked.body.id).expect(200);
    expect((await decide(as.county2, withdrawalAsked.body.id).expect(409)).body.code).toBe('RECORD_CHANGED');
    expect((await t.http.get(`/requests/${withdrawalAsked.body.id}`).set('Authorization', as.county).expect(200)).body.status).toBe('open');
    expect((await t.app.get(StatusHistoryService).periods(student)).map((p) => p.status)).toEqual(['enrolled', 'deceased']);
  });

  it('refuses the wrong role and another county’s school for the leaving kinds too', async () => {
    const student = await enrolStudent(t, as.school, '034', 'senior');
    const body = { kind: 'withdrawal', effectiveDate: addDays(today(), -2), applicationDate: addDays(today(), -5), applicationSha256: SHA('e') };
    await ask(as.county, student, body).expect(403);
    await ask(as.otherSchool, student, body).expect(404);
    await ask(as.otherSchool, student, { kind: 'death', dateOfDeath: today(), certificateSha256: SHA('d') }).expect(404);
    expect(await requestsOf(student)).toEqual([]);
  });
});

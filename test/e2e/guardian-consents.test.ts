import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { redeemOffer } from '../../src/wallet/holder.js';
import { holderSession } from '../../src/wallet/holder-session.js';
import { answerPresentationRequest, resolvePresentationRequest } from '../../src/wallet/oid4vp.js';
import { WalletStore } from '../../src/wallet/wallet-store.js';
import { changeActors, enrolStudent, type ChangeActors } from '../support/change-requests.js';
import { freePort } from '../support/net.js';
import { relyingSystemToken } from '../support/relying-systems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const STRONG = 'Guardian-Pass-2026';

/**
 * A guardian's consents and the disclosures about their child (issue 11) over HTTP: a bound
 * parent consents online to the identity credential of a child under 14, the school's offer then
 * succeeds, the child's wallet answers a relying system and the parent sees who learned what;
 * a withdrawal stops further offers and sharing, leaving the issued credential as it was.
 */
describe('guardian consents and disclosures', () => {
  let t: TestApp;
  let base: string;
  let as: ChangeActors;
  let dir: string;
  /** Primary pupil born 2017: under 14. */
  let child: string;
  /** Senior student born 2010: 14 or older. */
  let teen: string;
  /** Another school's pupil. */
  let stranger: string;
  let mother: string;
  let grandmother: string;
  let otherParent: string;
  let consentId: string;
  let system: { id: string; clientId: string; key: CryptoKey };
  let approvalId: string;

  const issue = async (registrar: string, student: string, relation: string) =>
    (await t.http.post(`/students/${student}/guardian-codes`).set('Authorization', registrar).send({ relation }).expect(201)).body.code as string;
  const signUp = async (code: string, phone: string) => {
    await t.http.post('/guardian/accounts').send({ code, phone, password: STRONG }).expect(201);
    return `Bearer ${(await t.http.post('/guardian/sessions').send({ phone, password: STRONG }).expect(200)).body.accessToken}`;
  };
  const consents = (who: string, student: string) => t.http.get(`/guardian/children/${student}/consents`).set('Authorization', who);
  const consent = (who: string, student: string, body: object = { purpose: 'identity_credential' }) => t.http.post(`/guardian/children/${student}/consents`).set('Authorization', who).send(body);
  const offer = (student: string) => t.http.post(`/students/${student}/identity-offers`).set('Authorization', as.school).send({});
  const systemToken = () => relyingSystemToken(t, base, system);
  const askWallet = async (store: WalletStore) => {
    const asked = (await t.http.post('/sharing/presentation-requests').set('Authorization', await systemToken()).send({ approvalId, claims: ['enrolment_status', 'age_over_12'] }).expect(201)).body;
    return answerPresentationRequest(store, await resolvePresentationRequest(store, asked.requestUri));
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base });
    await t.app.listen(port, '127.0.0.1');
    as = await changeActors(t, 'gc');
    child = await enrolStudent(t, as.school, '061', 'primary');
    teen = await enrolStudent(t, as.school, '062', 'senior');
    stranger = await enrolStudent(t, as.otherSchool, '063', 'primary');
    mother = await signUp(await issue(as.school, child, 'mother'), '13800138061');
    await t.http.post('/guardian/bindings').set('Authorization', mother).send({ code: await issue(as.school, teen, 'mother') }).expect(201);
    grandmother = await signUp(await issue(as.school, child, 'grandparent'), '13800138062');
    otherParent = await signUp(await issue(as.otherSchool, stranger, 'father'), '13800138063');
    dir = await mkdtemp(join(tmpdir(), 'xueji-gc-'));
    // A relying system approved for the county: what it learns about the child is a disclosure.
    const pair = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', use: 'sig', alg: 'ES256' };
    const registered = await t.http
      .post('/relying-systems')
      .set('Authorization', as.county)
      .send({ name: '西湖区少年宫报名系统', operator: '西湖区少年宫', contact: '办公室 0571-00000000', purpose: '确认在籍状态', responseUris: [], jwks: { keys: [jwk] } })
      .expect(201);
    system = { id: registered.body.id, clientId: registered.body.clientId, key: pair.privateKey };
    const asked = await t.http
      .post(`/relying-systems/${system.id}/approval-requests`)
      .set('Authorization', as.county)
      .send({ claims: ['enrolment_status', 'age_over_12'], purpose: '活动报名资格核对', legalBasis: '区政府批复（测试）', regionCode: '330106', validUntil: '2099-12-31', volumeLimit: 20 })
      .expect(201);
    approvalId = asked.body.id;
    await t.http.post(`/requests/${asked.body.requestId}/steps/0/decision`).set('Authorization', as.county2).send({ outcome: 'approve' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 404 for a child not bound to the guardian, and 403 to an organisation account', async () => {
    for (const res of [
      await consents(otherParent, child),
      await consent(otherParent, child),
      await t.http.post(`/guardian/children/${child}/consents/${randomUUID()}/withdrawal`).set('Authorization', otherParent),
      await t.http.get(`/guardian/children/${child}/disclosures`).set('Authorization', otherParent),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await consents(as.school, child).expect(403)).body.code).toBe('GUARDIANS_ONLY');
    await consents(mother, child).expect(200);
  });

  it('lets a parent of a child under 14 consent online, once; not a grandparent, not for a child of 14', async () => {
    expect((await consents(mother, child).expect(200)).body).toEqual({ consentNeeded: true, youMayConsent: true, items: [] });
    expect((await offer(child).expect(422)).body.code).toBe('GUARDIAN_CONSENT_REQUIRED');
    expect((await consent(mother, child, { purpose: 'photos' }).expect(400)).body.errors[0].field).toBe('purpose');
    expect((await consent(grandmother, child).expect(403)).body.code).toBe('RELATION_MAY_NOT_CONSENT');
    expect((await consents(grandmother, child).expect(200)).body.youMayConsent).toBe(false);
    expect((await consent(mother, teen).expect(422)).body.code).toBe('CONSENT_NOT_NEEDED');
    expect((await consents(mother, teen).expect(200)).body.consentNeeded).toBe(false);

    const given = (await consent(mother, child).expect(201)).body;
    expect(given).toMatchObject({ source: 'online', purpose: 'identity_credential', relation: 'mother', recordedBy: { kind: 'guardian', byYou: true }, state: 'active', withdrawnAt: null, offersMade: 0 });
    consentId = given.id;
    expect((await consent(mother, child).expect(409)).body.code).toBe('CONSENT_ALREADY_GIVEN');
    // The grandmother sees it too, as another guardian's.
    expect((await consents(grandmother, child).expect(200)).body.items).toEqual([expect.objectContaining({ id: consentId, recordedBy: { kind: 'guardian', byYou: false } })]);
  });

  it('audits the consent with ids and codes only', async () => {
    const [entry] = await t.dataSource.query(`SELECT actor_account_id, actor_organisation_id, record_id, details FROM audit_entries WHERE action = 'identity.guardian_consent_given'`);
    expect(entry).toMatchObject({ actor_organisation_id: null, record_id: child, details: { consentId, source: 'online', purpose: 'identity_credential', relation: 'mother' } });
    expect(JSON.stringify(entry)).not.toMatch(/测试学生|13800138061/);
  });

  let store: WalletStore;

  it('lets the school offer the credential under the online consent; the child’s wallet answers a relying system and the parent sees who learned what', async () => {
    const made = (await offer(child).expect(201)).body;
    const [{ consent_id }] = await t.dataSource.query(`SELECT consent_id FROM identity_offers WHERE id = $1`, [made.id]);
    expect(consent_id).toBe(consentId);
    expect((await consents(mother, child).expect(200)).body.items[0].offersMade).toBe(1);
    store = await new WalletStore(dir).open();
    await redeemOffer(store, { offer: made.credentialOffer, txCode: made.txCode, copies: 1 });
    expect((await askWallet(store)).status).toBe(200);

    const seen = (await t.http.get(`/guardian/children/${child}/disclosures`).set('Authorization', mother).expect(200)).body;
    expect(seen).toEqual({
      items: [
        expect.objectContaining({
          event: 'presentation.answer',
          outcome: 'allowed',
          claims: expect.arrayContaining(['enrolment_status', 'age_over_12']),
          relyingSystem: { name: '西湖区少年宫报名系统', operator: '西湖区少年宫' },
          approval: { purpose: '活动报名资格核对', legalBasis: '区政府批复（测试）', approvedBy: { organisationCode: '330106', name: 'county 330106' } },
        }),
      ],
      next: null,
    });
    // The very entries the child's wallet reads.
    const holder = (await t.http.get('/holder/disclosures').set('Authorization', await holderSession(store, base)).expect(200)).body;
    expect(holder).toEqual(seen);
    expect((await t.http.get(`/guardian/children/${teen}/disclosures`).set('Authorization', mother).expect(200)).body).toEqual({ items: [], next: null });
    expect((await t.http.get(`/guardian/children/${child}/disclosures?limit=0`).set('Authorization', mother).expect(400)).body.errors[0].field).toBe('limit');
  });

  it('withdraws: no further offer, an unredeemed one cancelled, sharing refused, the issued credential left as it was', async () => {
    const pending = (await offer(child).expect(201)).body;
    const issued = await t.dataSource.query(`SELECT * FROM identity_credentials WHERE student_id = $1 ORDER BY id`, [child]);
    expect(issued.length).toBeGreaterThan(0);
    expect((await t.http.post(`/guardian/children/${child}/consents/${consentId}/withdrawal`).set('Authorization', grandmother).expect(403)).body.code).toBe('RELATION_MAY_NOT_CONSENT');

    const withdrawn = (await t.http.post(`/guardian/children/${child}/consents/${consentId}/withdrawal`).set('Authorization', mother).expect(200)).body;
    expect(withdrawn).toMatchObject({ id: consentId, state: 'withdrawn', withdrawnAt: expect.any(String), offersMade: 2 });
    expect((await t.http.post(`/guardian/children/${child}/consents/${consentId}/withdrawal`).set('Authorization', mother).expect(409)).body.code).toBe('CONSENT_ALREADY_WITHDRAWN');
    await t.http.post(`/guardian/children/${child}/consents/${randomUUID()}/withdrawal`).set('Authorization', mother).expect(404);
    expect((await offer(child).expect(422)).body.code).toBe('GUARDIAN_CONSENT_REQUIRED');
    const [{ state }] = await t.dataSource.query(`SELECT state FROM identity_offers WHERE id = $1`, [pending.id]);
    expect(state).toBe('cancelled');
    expect(await t.dataSource.query(`SELECT * FROM identity_credentials WHERE student_id = $1 ORDER BY id`, [child])).toEqual(issued);
    expect(await askWallet(store)).toMatchObject({ status: 403, body: { code: 'GUARDIAN_CONSENT_REQUIRED' } });
    const seen = (await t.http.get(`/guardian/children/${child}/disclosures`).set('Authorization', mother).expect(200)).body.items;
    expect(seen.map((e: { outcome: string; code: string | null }) => [e.outcome, e.code])).toEqual([
      ['refused', 'GUARDIAN_CONSENT_REQUIRED'],
      ['allowed', null],
    ]);

    const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'identity.guardian_consent_withdrawn'`);
    expect(entry.details).toEqual({ consentId, source: 'online', relation: 'mother', offersCancelled: [pending.id] });
    // Consenting again is a new consent; the school's offer works again.
    expect((await consent(mother, child).expect(201)).body.id).not.toBe(consentId);
    await offer(child).expect(201);
  });

  it('keeps the school’s paper consents in the same list, withdrawable by a parent', async () => {
    const paper = await t.http
      .post(`/students/${child}/guardian-consents`)
      .set('Authorization', as.school)
      .send({ guardianName: '王父', relation: 'father', signedFormSha256: 'a'.repeat(64), consentedOn: '2026-11-28' })
      .expect(201);
    const items = (await consents(mother, child).expect(200)).body.items;
    expect(items[0]).toMatchObject({ id: paper.body.id, source: 'paper', relation: 'father', consentedOn: '2026-11-28', recordedBy: { kind: 'school', organisationCode: '3330106001' }, state: 'active' });
    expect(JSON.stringify(items)).not.toContain('王父');
    expect(items.map((c: { state: string }) => c.state)).toEqual(['active', 'active', 'withdrawn']);
    await t.http.post(`/guardian/children/${child}/consents/${paper.body.id}/withdrawal`).set('Authorization', mother).expect(200);
  });

  it('shows the school and its county the same consents, withdrawn ones marked, no name; another county sees no such student', async () => {
    const asGuardian = (await consents(mother, child).expect(200)).body.items as Array<{ id: string; state: string }>;
    for (const who of [as.school, as.county]) {
      const seen = (await t.http.get(`/students/${child}/guardian-consents`).set('Authorization', who).expect(200)).body;
      expect(seen.consentNeeded).toBe(true);
      expect(seen.items.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual(asGuardian.map((c) => [c.id, c.state]));
      expect(seen.items.every((c: { recordedBy: { kind: string; byYou?: boolean } }) => c.recordedBy.kind === 'school' || c.recordedBy.byYou === false)).toBe(true);
      expect(JSON.stringify(seen)).not.toContain('王父');
    }
    await t.http.get(`/students/${child}/guardian-consents`).set('Authorization', as.otherCounty).expect(404);
    await t.http.get(`/students/${child}/guardian-consents`).set('Authorization', mother).expect(403);
  });
});

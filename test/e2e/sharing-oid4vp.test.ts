import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { main as wallet } from '../../src/wallet/cli.js';
import { present, redeemOffer } from '../../src/wallet/holder.js';
import { holderSession } from '../../src/wallet/holder-session.js';
import { answerPresentationRequest, resolvePresentationRequest } from '../../src/wallet/oid4vp.js';
import { WalletStore } from '../../src/wallet/wallet-store.js';
import { freePort } from '../support/net.js';
import { relyingSystemToken } from '../support/relying-systems.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

interface System {
  id: string;
  clientId: string;
  key: CryptoKey;
}

/**
 * Sharing over OpenID4VP (第二十四条), end to end over HTTP: relying systems registered and
 * approved, presentation requests within the approval, answered by the repository's wallet in
 * either format, results with only the approved claims and a pairwise subject; every refusal in
 * the access log.
 */
describe('sharing over OpenID4VP', () => {
  let t: TestApp;
  let base: string;
  let auth: Record<'school' | 'county' | 'city', string>;
  let dirs: string[] = [];
  let teen: WalletStore;
  let child: WalletStore;
  let teenId: string;
  let childId: string;
  let library: System;
  let transit: System;
  let libraryApproval: string;
  let transitApproval: string;

  const newWallet = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xueji-vp-'));
    dirs.push(dir);
    return new WalletStore(dir).open();
  };
  const enrol = async (birth: string, seq: string, name: string) =>
    (
      await t.http
        .post('/students')
        .set('Authorization', auth.school)
        .send({ idNumber: residentId('330106', birth, seq), name, enrolmentDate: '2021-09-01', educationStage: 'primary', grade: 6 })
        .expect(201)
    ).body.id as string;
  const redeem = async (store: WalletStore, studentId: string, copies = 1) => {
    const offer = (await t.http.post(`/students/${studentId}/identity-offers`).set('Authorization', auth.school).send({}).expect(201)).body;
    await redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode, copies });
  };
  const register = async (name: string): Promise<System> => {
    const pair = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', use: 'sig', alg: 'ES256' };
    const body = { name, operator: `${name}运营单位`, contact: '信息部 0571-00000000', purpose: '为在籍学生办理业务，只需确认在籍状态与所在地区', responseUris: [], jwks: { keys: [jwk] } };
    const res = await t.http.post('/relying-systems').set('Authorization', auth.county).send(body).expect(201);
    return { id: res.body.id, clientId: res.body.clientId, key: pair.privateKey };
  };
  const approve = async (system: System, claims: string[], volumeLimit: number, region = { code: '330100', approver: () => auth.city }) => {
    const asked = await t.http
      .post(`/relying-systems/${system.id}/approval-requests`)
      .set('Authorization', auth.county)
      .send({ claims, purpose: '办理读者证', legalBasis: '《杭州市公共图书馆服务规定》及市政府批复', regionCode: region.code, validUntil: '2099-06-30', volumeLimit })
      .expect(201);
    await t.http.post(`/requests/${asked.body.requestId}/steps/0/decision`).set('Authorization', region.approver()).send({ outcome: 'approve', reason: '范围最小' }).expect(200);
    return asked.body.id as string;
  };
  const tokenOf = (system: System) => relyingSystemToken(t, base, system);
  const ask = async (system: System, approvalId: string, claims: string[], status = 201) =>
    (await t.http.post('/sharing/presentation-requests').set('Authorization', await tokenOf(system)).send({ approvalId, claims }).expect(status)).body;
  const resultOf = async (system: System, id: string) =>
    (await t.http.get(`/sharing/presentation-requests/${id}/result`).set('Authorization', await tokenOf(system)).expect(200)).body;
  /** An answer the wallet would not give: chosen disclosures, or another request's nonce. */
  const handMade = async (store: WalletStore, requestUri: string, disclose: string[], nonce?: string, audience?: string) => {
    const { resolved } = await resolvePresentationRequest(store, requestUri);
    const payload = resolved.authorizationRequestPayload;
    const credential = (await store.credentials()).find((c) => c.format === 'dc+sd-jwt')!;
    const vp = await present(store, { credentialId: credential.id, disclose, nonce: nonce ?? payload.nonce, audience: audience ?? String(payload.client_id) });
    return t.http
      .post(new URL(String(payload.response_uri)).pathname)
      .type('form')
      .send({ vp_token: JSON.stringify({ student_identity_sd_jwt: [vp] }), state: String(payload.state) });
  };
  const logCodes = async (approvalId: string) =>
    (await t.dataSource.query(`SELECT code FROM sharing_access_log WHERE approval_id = $1 AND outcome = 'refused' ORDER BY id`, [approvalId])).map((r: { code: string }) => r.code);

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base });
    await t.app.listen(port, '127.0.0.1');
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'vp');
    auth = { school: await login(t, users.school), county: await login(t, users.county), city: await login(t, users.city) };
    teen = await newWallet();
    teenId = await enrol('2010-04-02', '052', '欧阳娜娜');
    await redeem(teen, teenId, 2);
    child = await newWallet();
    childId = await enrol('2014-05-20', '031', '林小雨');
    await t.http
      .post(`/students/${childId}/guardian-consents`)
      .set('Authorization', auth.school)
      .send({ guardianName: '林父', relation: 'father', signedFormSha256: 'a'.repeat(64), consentedOn: '2026-11-28' })
      .expect(201);
    await redeem(child, childId);
    library = await register('杭州图书馆读者证系统');
    transit = await register('杭州公交学生卡系统');
    libraryApproval = await approve(library, ['enrolment_status', 'region', 'age_over_12'], 50);
    transitApproval = await approve(transit, ['enrolment_status', 'age_over_12'], 1);
  });
  afterAll(async () => {
    await t.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  let librarySubject: string;
  let firstRequest: string;
  let libraryCopy: string;

  it('answers a request within the approval with only the approved claims and a pairwise subject (SD-JWT VC)', async () => {
    const request = await ask(library, libraryApproval, ['enrolment_status', 'region', 'age_over_12']);
    expect(request.requestUri).toMatch(/^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Aweb%3A.*&request_uri=/);
    expect(request.requestUri.length).toBeLessThan(220);
    // The wallet checks the register's signature and shows who asks, for what, under whose approval.
    const resolved = await resolvePresentationRequest(teen, request.requestUri);
    expect(resolved.summary).toMatchObject({
      relyingSystem: { clientId: library.clientId, name: '杭州图书馆读者证系统', operator: '杭州图书馆读者证系统运营单位' },
      purpose: '办理读者证',
      approval: { id: libraryApproval, approvingOrganisation: { code: '330100' }, legalBasis: '《杭州市公共图书馆服务规定》及市政府批复', validUntil: '2099-06-30' },
      claims: { 'dc+sd-jwt': ['enrolment_status', 'region', 'age_over_12'], ldp_vc: ['enrolmentStatus', 'school.province', 'school.city', 'school.county', 'age_over_12'] },
    });
    expect((await resultOf(library, request.id)).state).toBe('pending');
    const answered = await answerPresentationRequest(teen, resolved, { format: 'dc+sd-jwt' });
    expect(answered).toMatchObject({ status: 200, linkable: false });
    libraryCopy = answered.credentialId;
    const result = await resultOf(library, request.id);
    expect(result).toMatchObject({ state: 'answered', format: 'dc+sd-jwt', approvalId: libraryApproval });
    expect(result.claims).toEqual({
      enrolment_status: 'enrolled',
      age_over_12: true,
      region: { province: { code: '330000', name: 'province 330000' }, city: { code: '330100', name: 'city 330100' }, county: { code: '330106', name: 'county 330106' } },
    });
    expect(result.subject).toMatch(/^ps_[\w-]{43}$/);
    expect(JSON.stringify(result)).not.toMatch(/欧阳|2010|330106201004|3330106001/);
    librarySubject = result.subject;
    firstRequest = request.id;
    const [{ used }] = await t.dataSource.query(`SELECT used FROM sharing_approvals WHERE id = $1`, [libraryApproval]);
    expect(used).toBe(1);
  });

  it('answers in the W3C form (ecdsa-sd-2023 derived disclosure) with the same subject for the same relying system', async () => {
    const request = await ask(library, libraryApproval, ['region', 'age_over_12']);
    const resolved = await resolvePresentationRequest(teen, request.requestUri);
    expect((await answerPresentationRequest(teen, resolved, { format: 'ldp_vc' })).status).toBe(200);
    const result = await resultOf(library, request.id);
    expect(result).toMatchObject({ state: 'answered', format: 'ldp_vc', subject: librarySubject });
    expect(Object.keys(result.claims).sort()).toEqual(['age_over_12', 'region']);
    expect(result.claims.region.city).toEqual({ divisionCode: '330100', name: 'city 330100' });
  });

  it('is answered from the command line: shown first, sent only when the holder agrees', async () => {
    const request = await ask(library, libraryApproval, ['enrolment_status', 'age_over_12']);
    const lines: string[] = [];
    const declined = await wallet(['answer', request.requestUri, '--dir', dirs[0]], (l) => lines.push(l), async () => false);
    expect(declined).toBe(1);
    expect(lines[0]).toContain('杭州图书馆读者证系统');
    expect(lines[0]).toContain('Approved by city 330100 (330100)');
    expect(lines[0]).toContain('Claims:     enrolment_status, age_over_12');
    expect((await resultOf(library, request.id)).state).toBe('pending');
    expect(await wallet(['answer', request.requestUri, '--dir', dirs[0], '--format', 'ldp_vc', '--yes'], (l) => lines.push(l))).toBe(0);
    expect(await resultOf(library, request.id)).toMatchObject({ state: 'answered', format: 'ldp_vc', claims: { enrolment_status: 'enrolled', age_over_12: true }, subject: librarySubject });
  });

  let spareTransitRequest: { id: string; requestUri: string };

  it('gives another relying system another subject for the same student', async () => {
    const request = await ask(transit, transitApproval, ['age_over_12']);
    spareTransitRequest = await ask(transit, transitApproval, ['enrolment_status']);
    const answered = await answerPresentationRequest(teen, await resolvePresentationRequest(teen, request.requestUri));
    // The wallet shows the transit system another copy (another key, signature and status index) than the library.
    expect(answered).toMatchObject({ status: 200, linkable: false });
    expect(answered.credentialId).not.toBe(libraryCopy);
    const result = await resultOf(transit, request.id);
    expect(result.claims).toEqual({ age_over_12: true });
    expect(result.subject).toMatch(/^ps_/);
    expect(result.subject).not.toBe(librarySubject);
    // One relying system cannot read another's result.
    await t.http.get(`/sharing/presentation-requests/${request.id}/result`).set('Authorization', await tokenOf(library)).expect(404);
  });

  it('refuses requests beyond the approved claims, naming the claim, and warns the approving authority', async () => {
    const refused = await ask(library, libraryApproval, ['age_over_12', 'name'], 403);
    expect(refused.code).toBe('CLAIM_NOT_APPROVED');
    expect(refused.detail).toMatch(/\bname\b/);
    const warnings = (await t.http.get('/warnings?kind=sharing.outside_scope').set('Authorization', auth.city).expect(200)).body.items;
    expect(warnings).toEqual([expect.objectContaining({ kind: 'sharing.outside_scope', subjectId: library.id })]);
    expect(JSON.stringify(warnings)).not.toMatch(/欧阳/);
  });

  it('refuses an answer over the volume at answer time, and further requests', async () => {
    const refused = await answerPresentationRequest(teen, await resolvePresentationRequest(teen, spareTransitRequest.requestUri));
    expect(refused).toMatchObject({ status: 403, body: { code: 'APPROVAL_VOLUME_EXCEEDED' } });
    expect((await ask(transit, transitApproval, ['age_over_12'], 403)).code).toBe('APPROVAL_VOLUME_EXCEEDED');
    const [{ used }] = await t.dataSource.query(`SELECT used FROM sharing_approvals WHERE id = $1`, [transitApproval]);
    expect(used).toBe(1);
    expect((await t.http.get('/warnings?kind=sharing.volume_exceeded').set('Authorization', auth.city).expect(200)).body.items).toHaveLength(1);
    expect(await logCodes(transitApproval)).toEqual(['APPROVAL_VOLUME_EXCEEDED', 'APPROVAL_VOLUME_EXCEEDED']);
  });

  it('refuses a replayed answer, an answer with another request’s nonce, and one disclosing more than asked', async () => {
    const first = await ask(library, libraryApproval, ['age_over_12']);
    const { resolved } = { resolved: (await resolvePresentationRequest(teen, first.requestUri)).resolved };
    const payload = resolved.authorizationRequestPayload;
    const credential = (await teen.credentials()).find((c) => c.format === 'dc+sd-jwt')!;
    const vp = await present(teen, { credentialId: credential.id, disclose: ['age_over_12'], nonce: payload.nonce, audience: String(payload.client_id) });
    const body = { vp_token: JSON.stringify({ student_identity_sd_jwt: [vp] }), state: String(payload.state) };
    await t.http.post(new URL(String(payload.response_uri)).pathname).type('form').send(body).expect(200);
    const replay = await t.http.post(new URL(String(payload.response_uri)).pathname).type('form').send(body).expect(409);
    expect(replay.body.code).toBe('REQUEST_ALREADY_ANSWERED');

    const second = await ask(library, libraryApproval, ['age_over_12']);
    const foreign = await handMade(teen, second.requestUri, ['age_over_12'], payload.nonce);
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('NONCE_MISMATCH');
    expect((await resultOf(library, second.id)).state).toBe('refused');

    const third = await ask(library, libraryApproval, ['age_over_12']);
    const extra = await handMade(teen, third.requestUri, ['age_over_12', 'name']);
    expect(extra.status).toBe(422);
    expect(extra.body).toMatchObject({ code: 'EXTRA_DISCLOSURE' });
    expect(extra.body.detail).toMatch(/\bname\b/);
    expect(JSON.stringify(extra.body)).not.toMatch(/欧阳/);
    const result = await resultOf(library, third.id);
    expect(result).toMatchObject({ state: 'refused', claims: null, subject: null, refusalCode: 'EXTRA_DISCLOSURE' });
    const fourth = await ask(library, libraryApproval, ['age_over_12']);
    const garbage = await t.http.post(`/sharing/oid4vp/responses/${fourth.id}`).type('form').send({ vp_token: '{"another_query":["x~"]}' }).expect(422);
    expect(garbage.body.code).toBe('PRESENTATION_INVALID');
    // Three failed verifications in an hour: the approving authority is told.
    expect((await t.http.get('/warnings?kind=sharing.verification_failures').set('Authorization', auth.city).expect(200)).body.items).toHaveLength(1);
  });

  it('refuses a presentation made for another audience, and a student outside the approval’s region', async () => {
    const request = await ask(library, libraryApproval, ['age_over_12']);
    const elsewhere = await handMade(teen, request.requestUri, ['age_over_12'], undefined, 'https://library.example');
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.code).toBe('AUDIENCE_MISMATCH');

    const ningbo = await seedTree(t, { province: '330000', city: '330200', county: '330203', school: '3330203001' }, 'nb');
    const ningboCity = await login(t, ningbo.city);
    const approval = await approve(library, ['age_over_12'], 10, { code: '330200', approver: () => ningboCity });
    const outside = await ask(library, approval, ['age_over_12']);
    const refused = await answerPresentationRequest(teen, await resolvePresentationRequest(teen, outside.requestUri));
    expect(refused).toMatchObject({ status: 403, body: { code: 'OUTSIDE_REGION' } });
    const [{ used }] = await t.dataSource.query(`SELECT used FROM sharing_approvals WHERE id = $1`, [approval]);
    expect(used).toBe(0);
    const warnings = (await t.http.get('/warnings?kind=sharing.outside_region').set('Authorization', ningboCity).expect(200)).body.items;
    expect(warnings).toEqual([expect.objectContaining({ subjectId: library.id })]);
  });

  it('refuses an expired request and a request under an expired approval', async () => {
    const request = await ask(library, libraryApproval, ['age_over_12']);
    await t.asOwner((q) => q(`UPDATE sharing_presentation_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [request.id]));
    const late = await handMade(teen, request.requestUri, ['age_over_12']).catch((e: Error) => e);
    // The request object is no longer served, so the wallet cannot even resolve it…
    expect(late).toBeInstanceOf(Error);
    // …and an answer sent anyway is refused.
    const response = await t.http.post(`/sharing/oid4vp/responses/${request.id}`).type('form').send({ vp_token: '{"student_identity_sd_jwt":["x~"]}' }).expect(409);
    expect(response.body.code).toBe('REQUEST_EXPIRED');
    expect(await resultOf(library, request.id)).toMatchObject({ state: 'refused', refusalCode: 'REQUEST_EXPIRED', claims: null });
    await t.asOwner((q) => q(`UPDATE sharing_approvals SET valid_until = '2020-01-01' WHERE id = $1`, [libraryApproval]));
    expect((await ask(library, libraryApproval, ['age_over_12'], 403)).code).toBe('APPROVAL_EXPIRED');
    await t.asOwner((q) => q(`UPDATE sharing_approvals SET valid_until = '2099-06-30' WHERE id = $1`, [libraryApproval]));
  });

  it('refuses answers after the approval is revoked, and new requests under it', async () => {
    const request = await ask(library, libraryApproval, ['age_over_12']);
    const resolved = await resolvePresentationRequest(teen, request.requestUri);
    await t.http.post(`/sharing-approvals/${libraryApproval}/suspension`).set('Authorization', auth.city).send({ reason: '核查' }).expect(200);
    expect((await ask(library, libraryApproval, ['age_over_12'], 403)).code).toBe('APPROVAL_NOT_ACTIVE');
    await t.http.post(`/sharing-approvals/${libraryApproval}/revocation`).set('Authorization', auth.city).send({ reason: '超范围使用' }).expect(200);
    const refused = await answerPresentationRequest(teen, resolved);
    expect(refused).toMatchObject({ status: 403, body: { code: 'APPROVAL_NOT_ACTIVE' } });
    expect((await ask(library, libraryApproval, ['age_over_12'], 403)).code).toBe('APPROVAL_NOT_ACTIVE');
    expect(await logCodes(libraryApproval)).toEqual([
      'CLAIM_NOT_APPROVED',
      'REQUEST_ALREADY_ANSWERED',
      'NONCE_MISMATCH',
      'EXTRA_DISCLOSURE',
      'PRESENTATION_INVALID',
      'AUDIENCE_MISMATCH',
      'REQUEST_EXPIRED',
      'APPROVAL_EXPIRED',
      'APPROVAL_NOT_ACTIVE',
      'APPROVAL_NOT_ACTIVE',
      'APPROVAL_NOT_ACTIVE',
    ]);
  });

  it('lets a student under 14 disclose with a guardian’s consent, and not without one', async () => {
    const approval = await approve(library, ['age_over_12'], 10);
    const allowed = await ask(library, approval, ['age_over_12']);
    expect((await answerPresentationRequest(child, await resolvePresentationRequest(child, allowed.requestUri))).status).toBe(200);
    // The consent is withdrawn (erased from the register).
    await t.asOwner(async (q) => {
      await q(`UPDATE identity_offers SET consent_id = NULL WHERE student_id = $1`, [childId]);
      await q(`DELETE FROM guardian_consents WHERE student_id = $1`, [childId]);
    });
    const request = await ask(library, approval, ['age_over_12']);
    const refused = await answerPresentationRequest(child, await resolvePresentationRequest(child, request.requestUri));
    expect(refused).toMatchObject({ status: 403, body: { code: 'GUARDIAN_CONSENT_REQUIRED' } });
    expect(await logCodes(approval)).toEqual(['GUARDIAN_CONSENT_REQUIRED']);
    // The student sees both answers about them, with who asked and under whose approval.
    const token = await holderSession(child, base);
    const seen = (await t.http.get('/holder/disclosures').set('Authorization', token).expect(200)).body.items;
    expect(seen.filter((e: { event: string }) => e.event === 'presentation.answer').map((e: { outcome: string; code: string | null }) => [e.outcome, e.code])).toEqual([
      ['refused', 'GUARDIAN_CONSENT_REQUIRED'],
      ['allowed', null],
    ]);
  });

  it('refuses a revoked credential', async () => {
    const approval = await approve(library, ['age_over_12'], 10);
    const ids: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM identity_credentials WHERE student_id = $1`, [teenId]);
    for (const { id } of ids) {
      await t.http
        .post('/credentials/status')
        .set('Authorization', auth.county)
        .send({ credentialId: `urn:uuid:${id}`, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, reason: '学籍注销' })
        .expect(200);
    }
    for (const format of ['dc+sd-jwt', 'ldp_vc'] as const) {
      const request = await ask(library, approval, ['age_over_12']);
      const refused = await answerPresentationRequest(teen, await resolvePresentationRequest(teen, request.requestUri), { format });
      expect(refused).toMatchObject({ status: 422, body: { code: 'CREDENTIAL_NOT_VALID' } });
    }
  });

  it('erases a result once it expires, collected or not', async () => {
    await t.asOwner((q) => q(`UPDATE sharing_presentation_requests SET result_expires_at = now() - interval '1 second' WHERE id = $1`, [firstRequest]));
    // Whoever asks next sweeps expired results away.
    await ask(library, await approve(library, ['age_over_12'], 10), ['age_over_12']);
    const [row] = await t.dataSource.query(`SELECT result, subject FROM sharing_presentation_requests WHERE id = $1`, [firstRequest]);
    expect(row).toEqual({ result: null, subject: null });
    const gone = await t.http.get(`/sharing/presentation-requests/${firstRequest}/result`).set('Authorization', await tokenOf(library)).expect(404);
    expect(gone.body.code).toBe('RESULT_EXPIRED');
  });

  it('keeps an append-only access log with pairwise subjects and codes, never names or numbers', async () => {
    const rows = await t.dataSource.query(`SELECT * FROM sharing_access_log ORDER BY id`);
    expect(rows.filter((r: { outcome: string; event: string }) => r.outcome === 'allowed' && r.event === 'presentation.answer').map((r: { subject: string }) => r.subject)).toContain(librarySubject);
    expect(JSON.stringify(rows)).not.toMatch(/欧阳|林小雨|2010040|2014052/);
    await expect(t.dataSource.query(`DELETE FROM sharing_access_log`)).rejects.toThrow();
  });
});

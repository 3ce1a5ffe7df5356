import { bypassingAuditTrigger } from '../support/audit.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The audit trail's signed head (security issue): published by the root authority, kept by
 * anyone, and later checked against the trail — a cut or a rewrite behind it shows, even one by
 * whoever owns the database.
 */
describe('the signed audit head', () => {
  let t: TestApp;
  let national: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ah');
    await t.app.get((await import('../../src/platform/accounts/accounts.service.js')).AccountsService).createBySystem({ username: 'ah.national', password: 'Test-Password-2026', organisationCode: '000000' });
    national = await login(t, 'ah.national');
  });
  afterAll(() => t.close());

  const check = (head: unknown) => t.http.post('/audit/head/check').set('Authorization', national).send({ head }).expect(200);
  const bypassingTrigger = (sql: string, params: unknown[] = []) => bypassingAuditTrigger(t, sql, params);

  it('is public, signed by the root authority, and verifies as any credential does', async () => {
    const res = await t.http.get('/audit/head').expect(200);
    const head = JSON.parse(res.text);
    expect(head.type).toEqual(['VerifiableCredential', 'XuejiAuditHead']);
    expect(head.issuer.id).toMatch(/:issuers:000000$/);
    const [{ seq }] = await t.dataSource.query(`SELECT seq::text AS seq FROM audit_head`);
    expect(head.credentialSubject.auditSeq).toBe(seq);
    const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: head }).expect(200);
    expect(verified.body).toMatchObject({ verified: true, issuer: { trusted: true, level: 'national' } });
  });

  it('agrees with a kept head while the trail grows, and shows a cut or a rewrite behind it', async () => {
    const kept = JSON.parse((await t.http.get('/audit/head').expect(200)).text);
    await login(t, 'ah.national');
    await t.http.post('/auth/logout').set('Authorization', await login(t, 'ah.county')).expect(204); // one more entry
    expect((await check(kept)).body).toMatchObject({ consistent: true, seq: kept.credentialSubject.auditSeq });

    const seq = kept.credentialSubject.auditSeq;
    const [entry] = await t.dataSource.query(`SELECT hash FROM audit_entries WHERE seq = $1`, [seq]);
    await bypassingTrigger(`UPDATE audit_entries SET hash = $2 WHERE seq = $1`, [seq, 'f'.repeat(64)]);
    expect((await check(kept)).body).toMatchObject({ consistent: false, detail: expect.stringMatching(/rewritten/) });
    await bypassingTrigger(`UPDATE audit_entries SET hash = $2 WHERE seq = $1`, [seq, entry.hash]);

    const forged = structuredClone(kept);
    forged.credentialSubject.auditSeq = '1';
    expect((await check(forged)).body).toMatchObject({ consistent: false, detail: expect.stringMatching(/signature/) });

    await bypassingTrigger(`DELETE FROM audit_entries WHERE seq >= $1`, [seq]);
    expect((await check(kept)).body).toMatchObject({ consistent: false, detail: expect.stringMatching(/cut/) });
  });

  it('refuses anything but a signed head, naming the field', async () => {
    await t.http.post('/audit/head/check').set('Authorization', national).send({ head: 'x' }).expect(400);
    expect((await check({ credentialSubject: {} })).body).toMatchObject({ consistent: false });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { present, redeemOffer } from '../../src/wallet/holder.js';
import type { StoredCredential } from '../../src/wallet/wallet-store.js';
import { WalletStore } from '../../src/wallet/wallet-store.js';
import { freePort } from '../support/net.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Identity credentials across the authority's P-256 key lifecycle (issue 6): after a rotation,
 * copies signed before still verify in both formats; after a revocation with compromise time T,
 * a copy the key signed after T fails with the reason, one signed before T still verifies
 * (the register holds its signature from before the compromise).
 */
describe('identity credentials across key rotation and compromise', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;
  let dir: string;
  let store: WalletStore;
  let seq = 0;

  const verify = (verifiablePresentation: unknown, challenge: string, domain: string) =>
    t.http.post('/presentations/verify').send({ verifiablePresentation, options: { challenge, domain } });

  async function presentBoth(copies: StoredCredential[]) {
    const out: Array<{ format: string; body: Record<string, unknown>; status: number }> = [];
    for (const copy of copies) {
      const nonce = `n-${++seq}`;
      const presented = await present(store, { credentialId: copy.id, disclose: ['age_over_12'], nonce, audience: 'https://rp.example' });
      const vp =
        typeof presented === 'string'
          ? { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiablePresentation', id: `data:application/dc+sd-jwt,${presented}` }
          : presented;
      const res = await verify(vp, nonce, 'https://rp.example');
      out.push({ format: copy.format, body: res.body, status: res.status });
    }
    return out;
  }

  async function credentialsFor(birth: string, idSeq: string): Promise<StoredCredential[]> {
    const student = (
      await t.http
        .post('/students')
        .set('Authorization', registrar)
        .send({ idNumber: residentId('330106', birth, idSeq), name: '测试学生', enrolmentDate: '2021-09-01', educationStage: 'primary', grade: 6 })
        .expect(201)
    ).body.id;
    const offer = (await t.http.post(`/students/${student}/identity-offers`).set('Authorization', registrar).send({}).expect(201)).body;
    return redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode });
  }

  beforeAll(async () => {
    const port = await freePort();
    t = await startTestApp({ PUBLIC_URL: `http://127.0.0.1:${port}` });
    await t.app.listen(port, '127.0.0.1');
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ik');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    dir = await mkdtemp(join(tmpdir(), 'xueji-wallet-keys-'));
    store = await new WalletStore(dir).open();
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps verifying what the old key signed after a rotation, and fails what a compromised key signed after T with the reason', async () => {
    const beforeRotation = await credentialsFor('2010-01-05', '011');
    const rotated = await t.http.post('/organisations/330106/keys/rotation').set('Authorization', county).send({ algorithm: 'P-256', reason: 'yearly rotation' }).expect(200);
    const newKey = rotated.body.keys.find((k: { algorithm: string; status: string }) => k.algorithm === 'P-256' && k.status === 'active');
    for (const r of await presentBoth(beforeRotation)) expect([r.format, r.status, r.body.verified]).toEqual([r.format, 200, true]);

    const beforeT = await credentialsFor('2010-02-06', '022');
    await sleep(1100);
    const T = new Date();
    await sleep(1100);
    const afterT = await credentialsFor('2010-03-07', '033');
    await t.http
      .post(`/organisations/330106/keys/${newKey.id}/revocation`)
      .set('Authorization', county)
      .send({ compromisedAt: T.toISOString(), reason: 'signing host broken into' })
      .expect(200);

    for (const r of await presentBoth(beforeT)) expect([r.format, r.status, r.body.verified]).toEqual([r.format, 200, true]);
    for (const r of await presentBoth(afterT)) {
      expect([r.format, r.status, r.body.verified]).toEqual([r.format, 422, false]);
      const titles = JSON.stringify(r.body.problemDetails);
      expect(titles).toContain('Key revoked after compromise');
    }
    // The older key's copies are untouched by the newer key's compromise.
    for (const r of await presentBoth(beforeRotation)) expect([r.format, r.status, r.body.verified]).toEqual([r.format, 200, true]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import type { Page } from 'playwright-core';
import { redeemOffer } from '../../src/wallet/holder.js';
import { answerPresentationRequest, resolvePresentationRequest } from '../../src/wallet/oid4vp.js';
import { WalletStore } from '../../src/wallet/wallet-store.js';
import { describeInBrowser } from '../support/browser.js';
import { changeActors, enrolStudent, type ChangeActors } from '../support/change-requests.js';
import { ConsoleBrowser, type ConsoleTab } from '../support/console-browser.js';
import { freePort } from '../support/net.js';
import { relyingSystemToken } from '../support/relying-systems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const GUARDIAN_PASSWORD = 'Guardian-Pass-2026';
const SYSTEM = '西湖区少年宫报名系统';

/**
 * A mother on a 360 px phone (docs/console/guardian.md): she consents online to her daughter's
 * identity credential, after which the school's offer succeeds; she sees which system learned
 * what about the child once the child's wallet has answered one; she withdraws the consent and
 * the school's next offer is refused. axe on every page and dialog, no horizontal scroll.
 */
describeInBrowser('the console: a guardian’s consents and disclosures', () => {
  let t: TestApp;
  let cb: ConsoleBrowser;
  let tab: ConsoleTab;
  let as: ChangeActors;
  let base: string;
  let dir: string;
  /** A primary pupil born 2017: under 14. */
  let child: string;
  let system: { clientId: string; key: CryptoKey };
  let approvalId: string;

  const offer = () => t.http.post(`/students/${child}/identity-offers`).set('Authorization', as.school).send({});
  const systemToken = () => relyingSystemToken(t, base, system);
  const fitsThePhone = async (page: Page) => expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base });
    as = await changeActors(t, 'cg');
    child = await enrolStudent(t, as.school, '071', 'primary');
    // The mother's account (binding codes are the school's pages).
    const code = (await t.http.post(`/students/${child}/guardian-codes`).set('Authorization', as.school).send({ relation: 'mother' }).expect(201)).body.code;
    await t.http.post('/guardian/accounts').send({ code, phone: '13800138071', password: GUARDIAN_PASSWORD }).expect(201);
    // A relying system approved for the county: what it learns through the child's wallet is a disclosure.
    const pair = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', use: 'sig', alg: 'ES256' };
    const registered = await t.http
      .post('/relying-systems')
      .set('Authorization', as.county)
      .send({ name: SYSTEM, operator: '西湖区少年宫', contact: '办公室 0571-00000000', purpose: '确认在籍状态', responseUris: [], jwks: { keys: [jwk] } })
      .expect(201);
    system = { clientId: registered.body.clientId, key: pair.privateKey };
    const asked = await t.http
      .post(`/relying-systems/${registered.body.id}/approval-requests`)
      .set('Authorization', as.county)
      .send({ claims: ['enrolment_status', 'age_over_12'], purpose: '活动报名资格核对', legalBasis: '区政府批复（测试）', regionCode: '330106', validUntil: '2099-12-31', volumeLimit: 20 })
      .expect(201);
    approvalId = asked.body.id;
    await t.http.post(`/requests/${asked.body.requestId}/steps/0/decision`).set('Authorization', as.county2).send({ outcome: 'approve' }).expect(200);
    dir = await mkdtemp(join(tmpdir(), 'xueji-cg-'));
    cb = await ConsoleBrowser.open(t, 'guardian', port);
    tab = await cb.phone();
  });
  afterAll(async () => {
    await cb?.close();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the mother consents online on her phone, and the school’s offer then succeeds', async () => {
    const { page } = tab;
    await page.goto(`${cb.base}/console/guardian/login`);
    await page.fill('#phone', '13800138071');
    await page.fill('#guardian-password', GUARDIAN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/console\/guardian$/);
    const card = page.locator(`[data-child="${child}"]`);
    await card.getByRole('link', { name: '同意事项（学生身份凭证）' }).waitFor();
    await fitsThePhone(page);
    await cb.expectAccessible(page, 'home');

    await card.getByRole('link', { name: '同意事项（学生身份凭证）' }).click();
    await page.waitForURL(new RegExp(`/console/guardian/children/${child}/consents$`));
    await page.getByText('尚无同意记录').waitFor();
    await expect(page.locator('[data-consent-status]').textContent()).resolves.toContain('孩子未满 14 周岁');
    await fitsThePhone(page);
    await cb.expectAccessible(page, 'consents');
    expect((await offer().expect(422)).body.code).toBe('GUARDIAN_CONSENT_REQUIRED');

    await page.getByRole('button', { name: '在线同意' }).click();
    const dialog = page.getByRole('dialog', { name: '确认同意' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/您同意学校为 测试学生 发放学生可信教育数字身份/);
    await fitsThePhone(page);
    await cb.expectAccessible(page, 'consent-dialog');
    await dialog.getByRole('button', { name: '确认同意' }).click();

    const given = page.locator('[data-consent][data-state="active"]');
    await given.waitFor();
    await expect(given.textContent()).resolves.toContain('由您在线同意');
    await page.getByText('已有有效的同意').waitFor();
    expect(await page.getByRole('button', { name: '在线同意' }).count()).toBe(0);
    await fitsThePhone(page);
    await cb.expectAccessible(page, 'consented');

    const made = (await offer().expect(201)).body;
    const [{ source }] = await t.dataSource.query(`SELECT c.source FROM identity_offers o JOIN guardian_consents c ON c.id = o.consent_id WHERE o.id = $1`, [made.id]);
    expect(source).toBe('online');
    // The child's wallet takes the credential and answers the relying system: a disclosure.
    const store = await new WalletStore(dir).open();
    await redeemOffer(store, { offer: made.credentialOffer, txCode: made.txCode, copies: 1 });
    const request = (await t.http.post('/sharing/presentation-requests').set('Authorization', await systemToken()).send({ approvalId, claims: ['enrolment_status', 'age_over_12'] }).expect(201)).body;
    expect((await answerPresentationRequest(store, await resolvePresentationRequest(store, request.requestUri))).status).toBe(200);
    expect(tab.cspViolations).toEqual([]);
  });

  it('the mother sees which system learned what about her daughter, under whose approval', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: '返回' }).click();
    await page.waitForURL(/\/console\/guardian$/);
    await page.locator(`[data-child="${child}"]`).getByRole('link', { name: '谁获取了孩子的信息' }).click();
    await page.waitForURL(new RegExp(`/console/guardian/children/${child}/disclosures$`));
    const entry = page.locator('[data-disclosure][data-outcome="allowed"]');
    await entry.waitFor();
    const text = (await entry.textContent()) ?? '';
    for (const fact of [SYSTEM, '孩子的钱包作答', '已提供', '学籍状态', '是否已满 12 周岁', '活动报名资格核对', '区政府批复（测试）', 'county 330106 (330106)']) expect(text).toContain(fact);
    expect(await page.locator('[data-disclosure]').count()).toBe(1);
    await fitsThePhone(page);
    await cb.expectAccessible(page, 'disclosures');
    expect(tab.cspViolations).toEqual([]);
  });

  it('the mother withdraws her consent after reading what it means, and the school’s next offer is refused', async () => {
    const { page } = tab;
    await page.goto(`${cb.base}/console/guardian/children/${child}/consents`);
    await page.getByRole('button', { name: '撤回同意' }).click();
    const dialog = page.getByRole('dialog', { name: '确认撤回同意' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('已经发放到孩子钱包中的凭证不会被注销');
    await fitsThePhone(page);
    await cb.expectAccessible(page, 'withdraw-dialog');
    await dialog.getByRole('button', { name: '确认撤回' }).click();

    const withdrawn = page.locator('[data-consent][data-state="withdrawn"]');
    await withdrawn.waitFor();
    await expect(withdrawn.textContent()).resolves.toContain('已撤回');
    await page.getByRole('button', { name: '在线同意' }).waitFor();
    await fitsThePhone(page);
    await cb.expectAccessible(page, 'withdrawn');
    expect((await offer().expect(422)).body.code).toBe('GUARDIAN_CONSENT_REQUIRED');
    expect(tab.cspViolations).toEqual([]);
  });
});

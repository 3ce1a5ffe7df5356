import { createHash } from 'node:crypto';
import { renderPageRefusal, renderVerificationForm, renderVerificationPage, VERIFICATION_PAGE_CSP, VERIFICATION_PAGE_STYLE_HASH, type PageOptions } from './verification-page.js';
import { pageView, type VerificationPageInput } from './verification-page-model.js';
import type { CheckResult } from './verification.service.js';
import { sampleCertificateCredential as credential } from '../../test/support/certificate-fixtures.js';

const REPLACEMENT = '0b9e4a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b';
const ZH: PageOptions = { lang: 'zh', basePath: '/verify' };
const EN: PageOptions = { lang: 'en', basePath: '/verify' };

/** Fresh per test, built the way the service builds it. */

const PASS: CheckResult[] = (['proof', 'issuer', 'validity', 'trustedIssuer', 'statusList', 'revocation', 'suspension'] as const).map((check) => ({ check, ok: true }));
const set = (changes: Partial<Record<CheckResult['check'], boolean | null>>): CheckResult[] =>
  PASS.map((c) => (c.check in changes ? { ...c, ok: changes[c.check]!, detail: `${c.check}: detail` } : c));

/** The trust list's entry of the sample issuer; a report for an untrusted issuer has none. */
const LISTED = { name: '杭州市西湖区教育局' };

function render(overrides: Partial<VerificationPageInput> = {}, options: PageOptions = ZH): string {
  const report = overrides.report === undefined ? { verified: true, status: 'valid' as const, checks: PASS } : overrides.report;
  const trusted = report?.checks.find((c) => c.check === 'trustedIssuer')?.ok !== false;
  return renderVerificationPage(
    pageView({
      credential: credential(),
      register: { status: 'valid', statusReason: null, statusChangedAt: null, replacedBy: null },
      checkedAt: new Date('2026-11-29T01:02:00Z'),
      ...overrides,
      report: report && { issuer: trusted ? LISTED : null, ...report },
    }),
    options,
  );
}

const CHANGED = new Date('2026-10-01T02:00:00Z');
const OUTCOMES: Array<[string, Partial<VerificationPageInput>, string, string, string]> = [
  ['valid', {}, 'valid', '证书有效 Valid certificate', 'Valid certificate'],
  [
    'revoked',
    {
      report: { verified: false, status: 'revoked', checks: set({ revocation: false }) },
      register: { status: 'revoked', statusReason: '证书信息有误', statusChangedAt: CHANGED, replacedBy: null },
    },
    'revoked',
    '证书已撤销 Revoked',
    'Revoked',
  ],
  [
    'suspended',
    {
      report: { verified: false, status: 'suspended', checks: set({ suspension: false }) },
      register: { status: 'suspended', statusReason: '正在核查', statusChangedAt: CHANGED, replacedBy: null },
    },
    'suspended',
    '证书已暂停 Suspended',
    'Suspended',
  ],
  ['tampered', { report: { verified: false, status: 'none', checks: set({ proof: false }).filter((c) => !['statusList', 'revocation', 'suspension'].includes(c.check)) } }, 'tampered', '内容被改动或伪造 Tampered or forged', 'Tampered or forged'],
  ['expired', { report: { verified: false, status: 'valid', checks: set({ validity: false }) } }, 'expired', '不在有效期内', 'Outside its validity period'],
  ['untrusted', { report: { verified: false, status: 'unknown', checks: set({ trustedIssuer: false, statusList: false, revocation: null }) } }, 'untrusted', '签发机关未登记', 'Issuer not registered'],
  ['unknown', { report: { verified: false, status: 'unknown', checks: set({ statusList: false, revocation: null, suspension: null }) } }, 'unknown', '无法确认', 'Cannot be confirmed'],
  ['notFound', { report: null, credential: null, register: null }, 'notfound', '查无此证', 'No such certificate'],
];

describe('renderVerificationPage', () => {
  it.each(OUTCOMES)('gives %s its own colour class and verdict, in both languages', (_, input, cssClass, zhTitle, enTitle) => {
    const zh = render(input);
    expect(zh).toContain(`<section class="verdict ${cssClass}"`);
    expect(zh).toContain(zhTitle);
    expect(zh).toMatch(/<html lang="zh-CN">/);
    const en = render(input, EN);
    expect(en).toContain(`<section class="verdict ${cssClass}"`);
    expect(en).toContain(`<h1 id="verdict">${enTitle}</h1>`);
    expect(en).toMatch(/<html lang="en">/);
  });

  it('gives every outcome a class of its own', () => {
    const classes = OUTCOMES.map(([, input]) => /<section class="verdict (\w+)"/.exec(render(input))![1]);
    expect(new Set(classes).size).toBe(OUTCOMES.length);
  });

  it('shows one row per check, in plain words, passed or not', () => {
    const html = render({ report: { verified: false, status: 'revoked', checks: set({ revocation: false }) } });
    const rows = [...html.matchAll(/<li class="check state-(\w+)" data-check="(\w+)">.*?<span class="says">(.*?)<\/span>/g)].map((m) => [m[2], m[1], m[3]]);
    expect(rows).toEqual([
      ['signature', 'pass', '签名有效，内容自签发以来未被改动'],
      ['issuerKey', 'pass', '签名密钥属于签发机关'],
      ['issuerKnown', 'pass', '已在本系统登记的教育行政部门'],
      ['validity', 'pass', '在有效期内'],
      ['notRevoked', 'fail', '已被撤销'],
      ['notSuspended', 'pass', '未被暂停'],
      ['statusList', 'pass', '可访问，且其签名有效'],
    ]);
    expect(render({}, EN)).toContain('<span class="what">Digital signature</span><span class="says">Valid; the content is exactly what was signed</span>');
  });

  it('says why a revoked or suspended certificate is void: the register’s reason and date', () => {
    const revoked = render(OUTCOMES[1][1]);
    expect(revoked).toContain('<span class="k">原因:</span> 证书信息有误');
    expect(revoked).toContain('2026-10-01 10:00');
    expect(render(OUTCOMES[2][1], EN)).toContain('<span class="k">Reason:</span> 正在核查');
  });

  it('links a superseded certificate to the verification page of its replacement', () => {
    const input: Partial<VerificationPageInput> = {
      report: { verified: false, status: 'revoked', checks: set({ revocation: false }) },
      register: { status: 'revoked', statusReason: 'superseded: 姓名更正', statusChangedAt: CHANGED, replacedBy: REPLACEMENT },
    };
    const zh = render(input);
    expect(zh).toContain('本证书已被更正后的证书取代。');
    expect(zh).toContain(`<a href="/verify/${REPLACEMENT}">查看取代它的证书 →</a>`);
    expect(zh).toContain('姓名更正');
    expect(zh).not.toContain('superseded:');
    expect(render(input, { ...EN, basePath: '/xj/verify' })).toContain(`<a href="/xj/verify/${REPLACEMENT}?lang=en">Verify the certificate that replaced it →</a>`);
  });

  it('shows the issuer, its region from the DID, and the certificate, with the name masked and no personal numbers', () => {
    const zh = render();
    for (const shown of ['欧**娜', '杭州市西湖区文新小学', '330106-2026-000042', '毕业证书', '小学', '2018年9月至2024年7月', '2024年7月5日', '杭州市西湖区教育局', '浙江省 · 行政区划代码 330106', 'did:web:xueji.test:issuers:330106']) {
      expect(zh).toContain(shown);
    }
    for (const hidden of ['欧阳娜娜', 'S330120180000017', '2012-03-15', '2012年3月15日']) expect(zh).not.toContain(hidden);
    const en = render({}, EN);
    expect(en).toContain('Zhejiang (浙江省), division code 330106');
    expect(en).toContain('September 2018 – July 2024');
    expect(en).toContain('Graduation certificate');
  });

  it('never shows an ID number, even one a forged credential carries', () => {
    const forged = { ...credential(), credentialSubject: { ...(credential().credentialSubject as Record<string, unknown>), idNumber: '11010519491231002X' } };
    expect(render({ credential: forged, report: { verified: false, status: 'none', checks: set({ proof: false }) } })).not.toContain('11010519491231002X');
  });

  it('warns that the details of a tampered credential cannot be trusted', () => {
    const html = render(OUTCOMES[3][1]);
    expect(html).toContain('<section class="facts untrusted-data">');
    expect(html).toContain('以下内容与签名不符，不可信');
    expect(html).toContain('<small class="tech">签名无效，未继续检查</small>');
  });

  it('never shows an issuer name that is only claimed: the DID, and that it is not on the trust list', () => {
    const html = render(OUTCOMES[5][1]);
    expect(html).toContain('不在信任列表中');
    expect(html).toContain('did:web:xueji.test:issuers:330106');
    expect(html).not.toContain('杭州市西湖区教育局');
  });

  it('escapes every value taken from the credential, the register or a check', () => {
    const evil = '<script>alert(1)</script>"\'&';
    const html = render({
      credential: credential({
        certificateNumber: `"><img src=x onerror=alert(1)>`,
        issuer: { id: 'did:web:xueji.test:issuers:330106', name: evil },
        school: { code: '3330106001', name: evil },
        student: { studentNumber: 'S1', name: 'Robert <b>Tables</b>', gender: 'male', birthDate: '2012-01-01', educationStage: 'junior' },
      }),
      report: { verified: false, status: 'revoked', checks: set({ revocation: false, statusList: false }).map((c) => (c.check === 'statusList' ? { ...c, detail: evil } : c)) },
      register: { status: 'revoked', statusReason: evil, statusChangedAt: CHANGED, replacedBy: `x"><script>` },
    });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(html).toContain('<dd>R*** &lt;***</dd>');
    expect(html).toContain('/verify/x%22%3E%3Cscript%3E');
  });

  it('has no script, no inline handlers or style attributes, and a CSP that allows only its own style sheet', () => {
    for (const [, input] of OUTCOMES) {
      for (const html of [render(input), render(input, EN)]) {
        expect(html).not.toMatch(/<script|\son\w+=|\sstyle=|javascript:/i);
        const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
        expect(`sha256-${createHash('sha256').update(style).digest('base64')}`).toBe(VERIFICATION_PAGE_STYLE_HASH);
      }
    }
    expect(VERIFICATION_PAGE_CSP).toBe(`default-src 'none'; style-src '${VERIFICATION_PAGE_STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`);
  });

  it('switches language with a link, or for a posted credential by posting it again', () => {
    expect(render()).toContain('<a class="lang" href="?lang=en" hreflang="en" lang="en">English</a>');
    expect(render({}, EN)).toContain('<a class="lang" href="?lang=zh" hreflang="zh" lang="zh-CN">中文</a>');
    const posted = render({}, { ...ZH, repost: '{"a":"<b>"}' });
    expect(posted).toContain('<form class="lang" method="post" action="/verify?lang=en" enctype="multipart/form-data" accept-charset="utf-8">');
    expect(posted).toContain('<input type="hidden" name="credential" value="{&quot;a&quot;:&quot;&lt;b&gt;&quot;}">');
  });

  it('stays far under 100 KB and renders in well under a millisecond', () => {
    const sizes = OUTCOMES.map(([, input]) => Buffer.byteLength(render(input, EN)));
    expect(Math.max(...sizes)).toBeLessThan(100 * 1024);
    const view = pageView({ report: { verified: true, status: 'valid', checks: PASS }, credential: credential(), register: null, checkedAt: new Date() });
    for (let i = 0; i < 200; i++) renderVerificationPage(view, ZH);
    const rounds = 2000;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) renderVerificationPage(view, ZH);
    const perRender = (performance.now() - started) / rounds;
    console.info(`verification page: ${Math.min(...sizes)}–${Math.max(...sizes)} bytes, ${(perRender * 1000).toFixed(1)} µs per render`);
    expect(perRender).toBeLessThan(1);
  });
});

describe('renderVerificationForm', () => {
  it('posts a pasted credential or a file as multipart, with the language kept in the address', () => {
    const html = renderVerificationForm({ lang: 'zh', basePath: '/verify' });
    expect(html).toContain('<form class="upload" method="post" action="/verify?lang=zh" enctype="multipart/form-data" accept-charset="utf-8">');
    expect(html).toContain('<textarea id="credential" name="credential"');
    expect(html).toContain('<input id="file" name="file" type="file"');
    expect(html).toContain('<a class="lang" href="/verify?lang=en"');
    expect(html).not.toMatch(/<script|\son\w+=|\sstyle=/i);
  });

  it.each([
    ['empty', '请粘贴证书内容或选择文件。', 'Paste the credential or choose a file.'],
    ['notJson', '内容不是有效的 JSON。', 'That is not valid JSON.'],
    ['tooLarge', '内容过大（最大 64 KB）。', 'That is too large (at most 64 KB).'],
    ['tooManyValues', '内容包含的数据项过多（最多 2,000 个），无法在此核验。', 'That holds too many values to verify here (at most 2,000).'],
  ] as const)('says what was wrong with the submission: %s', (problem, zh, en) => {
    expect(renderVerificationForm({ lang: 'zh', basePath: '/verify', problem })).toContain(`<p class="problem" role="alert">${zh}</p>`);
    expect(renderVerificationForm({ lang: 'en', basePath: '/verify', problem })).toContain(`<p class="problem" role="alert">${en}</p>`);
  });
});

describe('renderPageRefusal', () => {
  it('says, behind a QR code, that no verdict could be reached now, with a way to try again and no script', () => {
    const zh = renderPageRefusal('busy', { lang: 'zh', basePath: '/verify' });
    expect(zh).toContain('<p class="problem" role="alert">当前核验请求过多，请稍后再试。</p>');
    expect(zh).toContain('<a href="?lang=zh">重试</a>');
    expect(zh).toContain('<a class="lang" href="?lang=en"');
    expect(zh).not.toMatch(/<script|\son\w+=|\sstyle=/i);
    expect(renderPageRefusal('tooCostly', { lang: 'en', basePath: '/verify' })).toContain('Verification took too long');
  });
});

import { maskName } from '../common/privacy/mask.js';
import type { CheckResult } from './verification.service.js';

export interface PageModel {
  verified: boolean;
  status: string | null;
  checks: CheckResult[];
  subject: Record<string, unknown> | null;
  issuer: { id: string; name: string } | null;
  checkedAt: string;
}

const CHECK_LABELS: Record<string, string> = {
  proof: '数字签名 Digital signature (eddsa-rdfc-2022)',
  issuer: '签发机关密钥 Issuer key belongs to the issuer',
  validity: '有效期 Validity period',
  trustedIssuer: '签发机关 Issuer is a registered education authority',
  status: '证书状态 Status in the register',
};

const STAGES: Record<string, string> = { primary: '小学 primary', junior: '初中 junior secondary', senior: '高中 senior secondary' };

/**
 * The public page behind a certificate's QR code: the verdict first, then each check. The
 * graduate's name is masked; whoever holds the paper compares it with the rest.
 */
export function renderVerificationPage(m: PageModel): string {
  const verdict = m.verified
    ? `<p class="verdict ok">✔ 证书有效 Valid certificate</p>`
    : `<p class="verdict bad">✘ 证书无效 Not valid${m.status && m.status !== 'valid' ? ` (${esc(m.status)})` : ''}</p>`;
  const rows = m.checks
    .map((c) => `<tr><td>${c.ok ? '✔' : '✘'}</td><td>${esc(CHECK_LABELS[c.check] ?? c.check)}</td><td>${esc(c.detail ?? '')}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>证书验证 Certificate verification</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
.verdict{font-size:1.5rem;font-weight:bold;padding:.75rem;border-radius:.5rem}.ok{background:#e6f4ea;color:#137333}
.bad{background:#fce8e6;color:#a50e0e}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
dt{font-weight:bold}dd{margin:0 0 .5rem 0}</style></head>
<body><h1>学籍电子证书验证<br><small>Certificate verification</small></h1>
${verdict}
${m.subject ? details(m.subject, m.issuer) : '<p>No certificate with this number is known to this register.</p>'}
<h2>检查项目 What was checked</h2>
<table><thead><tr><th></th><th>Check</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>
<p><small>Checked at ${esc(m.checkedAt)}. The signature was verified on this server against the issuer's published DID document.</small></p>
</body></html>`;
}

function details(subject: Record<string, unknown>, issuer: PageModel['issuer']): string {
  const field = (label: string, value: unknown) => `<dt>${label}</dt><dd>${esc(String(value ?? '—'))}</dd>`;
  return `<dl>
${field('证书编号 Certificate number', subject.certificateNumber)}
${field('姓名 Name', maskName(String(subject.name ?? '')))}
${field('学校 School', subject.school)}
${field('学段 Stage', STAGES[String(subject.educationStage)] ?? subject.educationStage)}
${field('毕业日期 Graduation date', subject.graduationDate)}
${field('签发机关 Issued by', issuer ? `${issuer.name} (${issuer.id})` : '—')}
</dl>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

import { verifyLimitBroken } from '../common/http/body-limits.js';
import { maskName } from '../common/privacy/mask.js';
import { todayInChina } from '../common/time/china-date.js';
import { PROVINCES } from '../registry/domain/resident-id.js';
import type { CertificateStatus } from './certificate.entity.js';
import { issuerIdOf } from './domain/data-integrity.js';
import type { CheckResult, StatusSummary } from './verification.service.js';
import type { Lang, Outcome, RowKey, RowState } from './verification-page-wording.js';

/**
 * What the public verification page shows, decided from the verification report, the credential
 * and the register's record: pure, so every outcome is a table-driven test without a server.
 */

/** What the register says about a certificate it issued. */
export interface RegisterRecord {
  status: CertificateStatus;
  statusReason: string | null;
  statusChangedAt: Date | null;
  /** The id of the certificate that corrected (superseded) this one. */
  replacedBy: string | null;
}

export interface VerificationPageInput {
  /** null: there is no certificate to verify (an unknown id). */
  /** `issuer`: the trust list's entry, the only source of the issuer's name on the page. */
  report: { verified: boolean; status: StatusSummary; checks: CheckResult[]; issuer?: { name: string } | null } | null;
  credential: unknown;
  register: RegisterRecord | null;
  checkedAt: Date;
}

export interface CheckRow {
  key: RowKey;
  state: RowState;
  /** Technical detail for a failed or undecided check, or why it was skipped. */
  detail?: string;
  skipReason?: 'signatureFailed' | 'noStatus';
}

/** Only what a relying party needs to compare with the paper: no ID number, no birth date, the name masked. */
export interface CertificateFacts {
  certificateNumber?: string;
  maskedName?: string;
  school?: string;
  /** primary | junior | senior when recognised, else the credential's own words. */
  stage?: { code?: string; text?: string };
  kind?: { code?: string; text?: string };
  studyFrom?: string;
  studyTo?: string;
  issuedOn?: string;
  issuer: { name?: string; did?: string; divisionCode?: string; province?: { code: string; zh: string } };
}

export interface PageView {
  outcome: Outcome;
  rows: CheckRow[];
  facts: CertificateFacts | null;
  /** The register's reason, for a revoked or suspended certificate (or a reinstated one). */
  reason: string | null;
  changedAt: Date | null;
  superseded: boolean;
  replacedBy: string | null;
  reinstated: boolean;
  issuerRegistered: boolean;
  checkedAt: Date;
}

const ROW_CHECKS: Array<[RowKey, CheckResult['check']]> = [
  ['signature', 'proof'],
  ['issuerKey', 'issuer'],
  ['issuerKnown', 'trustedIssuer'],
  ['validity', 'validity'],
  ['notRevoked', 'revocation'],
  ['notSuspended', 'suspension'],
  ['statusList', 'statusList'],
];
const STATUS_ROWS = new Set<RowKey>(['notRevoked', 'notSuspended', 'statusList']);
const DETAIL_MAX = 200;
const SUPERSEDED_PREFIX = 'superseded: ';

export function pageView(input: VerificationPageInput): PageView {
  const { report, register } = input;
  const outcome = outcomeOf(report);
  const checks = new Map((report?.checks ?? []).map((c) => [c.check, c]));
  const superseded = outcome === 'revoked' && (register?.replacedBy != null || register?.statusReason?.startsWith(SUPERSEDED_PREFIX) === true);
  const registerSays = register && (outcome === 'revoked' || outcome === 'suspended') && register.status === outcome;
  const reinstated = outcome === 'valid' && register?.status === 'valid' && register.statusChangedAt !== null && register.statusReason !== null;
  let reason = registerSays || reinstated ? register!.statusReason : null;
  if (reason?.startsWith(SUPERSEDED_PREFIX)) reason = reason.slice(SUPERSEDED_PREFIX.length);
  return {
    outcome,
    rows: report ? rowsOf(checks) : [],
    facts: report ? factsOf(input.credential, report.issuer ?? null) : null,
    reason: reason?.trim() || null,
    changedAt: registerSays || reinstated ? register!.statusChangedAt : null,
    superseded,
    replacedBy: superseded ? (register?.replacedBy ?? null) : null,
    reinstated,
    issuerRegistered: checks.get('trustedIssuer')?.ok === true,
    checkedAt: input.checkedAt,
  };
}

/** The first answer that settles it, in the order a relying party cares: forged, void, then doubtful. */
export function outcomeOf(report: VerificationPageInput['report']): Outcome {
  if (!report) return 'notFound';
  const ok = (name: CheckResult['check']) => report.checks.find((c) => c.check === name)?.ok;
  if (ok('proof') === false || ok('issuer') === false) return 'tampered';
  // Not from an authority of this register: nothing else it says (status included) is ours to vouch for.
  if (ok('trustedIssuer') === false) return 'untrusted';
  if (report.status === 'revoked') return 'revoked';
  if (report.status === 'suspended') return 'suspended';
  if (ok('validity') === false) return 'expired';
  if (report.verified && ok('proof') === true) return 'valid';
  return 'unknown';
}

function rowsOf(checks: Map<CheckResult['check'], CheckResult>): CheckRow[] {
  const signatureFailed = checks.get('proof')?.ok === false;
  const rows: CheckRow[] = ROW_CHECKS.map(([key, name]) => {
    const check = checks.get(name);
    if (!check) {
      const skipReason = STATUS_ROWS.has(key) ? (signatureFailed ? 'signatureFailed' : 'noStatus') : undefined;
      return { key, state: 'skipped', ...(skipReason ? { skipReason } : {}) };
    }
    const state: RowState = check.ok === true ? 'pass' : check.ok === false ? 'fail' : 'unknown';
    return { key, state, ...(state !== 'pass' && check.detail ? { detail: clip(check.detail) } : {}) };
  });
  // Certificates issued before status lists: the register's own record stands in for them.
  const register = checks.get('status');
  if (register) {
    rows.push({ key: 'register', state: register.ok === true ? 'pass' : register.ok === false ? 'fail' : 'unknown' });
  }
  return rows;
}

function clip(detail: string): string {
  const chars = [...detail];
  return chars.length > DETAIL_MAX ? `${chars.slice(0, DETAIL_MAX - 1).join('')}…` : detail;
}

/**
 * Reads the credential defensively: it may be anything a stranger pasted. Only strings are
 * taken; everything else is as if absent. The issuer's name is the trust list's (`trusted`),
 * never the one the credential gives itself; an issuer not on the list is shown by DID only.
 */
export function factsOf(credential: unknown, trusted: { name: string } | null): CertificateFacts {
  const vc = record(credential);
  const subject = record(vc.credentialSubject);
  const achievement = record(subject.achievement);
  const did = issuerIdOf(vc);
  const name = text(subject.name);
  const codes = /\/achievements\/(primary|junior|senior)\/(graduation|completion|incompletion)$/.exec(text(achievement.id) ?? '');
  const divisionCode = did ? divisionCodeOf(did) : undefined;
  const provinceCode = divisionCode?.slice(0, 2);
  return {
    certificateNumber: text(vc.certificateNumber),
    maskedName: name === undefined ? undefined : maskName(name),
    school: text(record(subject.source).name),
    stage: { code: codes?.[1], text: text(achievement.educationStage) },
    kind: { code: codes?.[2], text: text(achievement.certificateKind) ?? text(vc.name) },
    studyFrom: dayOf(subject.activityStartDate),
    studyTo: dayOf(subject.activityEndDate),
    issuedOn: instantDayInChina(vc.validFrom),
    issuer: {
      name: trusted?.name,
      did,
      divisionCode,
      ...(provinceCode && Object.hasOwn(PROVINCES, provinceCode) ? { province: { code: provinceCode, zh: PROVINCES[provinceCode] } } : {}),
    },
  };
}

/**
 * The administrative division (GB/T 2260) an issuer DID of ours names:
 * did:web:<host>:issuers:330106 → 330106. The organisation's name comes from the trust list.
 */
export function divisionCodeOf(did: string): string | undefined {
  return /^did:web:[^:]+(?::[^:]+)*:issuers:(\d{6}|\d{10})$/.exec(did)?.[1]?.slice(0, 6);
}

/** `?lang=` wins; otherwise the reader's Accept-Language, Chinese unless English is preferred. */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'zh') return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag && l.q > 0 && !Number.isNaN(l.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `2018-09-01T00:00:00+08:00` → 2018-09-01: a day of study, as written. */
function dayOf(value: unknown): string | undefined {
  const s = text(value);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
}

/** An instant (validFrom) as the day it was in China. */
function instantDayInChina(value: unknown): string | undefined {
  const s = text(value);
  const t = s ? Date.parse(s) : Number.NaN;
  return Number.isNaN(t) ? undefined : todayInChina(new Date(t));
}

/** The largest credential the form accepts, pasted or as a file. */
export const SUBMISSION_LIMIT_BYTES = 64 * 1024;

export type Submission = { credential: Record<string, unknown> } | { problem: 'empty' | 'notJson' | 'notObject' | 'tooDeep' | 'tooManyValues' };

/**
 * What someone submitted on the form: a file wins over the text box. A VC API answer
 * (`{ "verifiableCredential": … }`, as our issuing routes return) is unwrapped. The verification
 * routes' depth and value limits apply to what was parsed: to the request limits a paste is one
 * string, while 64 KB of JSON holds some 6,000 values.
 */
export function readSubmission(pasted: unknown, file: Uint8Array | undefined): Submission {
  const fromFile = file && file.length > 0 ? new TextDecoder('utf-8').decode(file) : undefined;
  const raw = (fromFile ?? (typeof pasted === 'string' ? pasted : '')).replace(/^\uFEFF/, '').trim();
  if (raw === '') return { problem: 'empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { problem: 'notJson' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: 'notObject' };
  const broken = verifyLimitBroken(parsed);
  if (broken) return { problem: broken === 'depth' ? 'tooDeep' : 'tooManyValues' };
  const wrapped = (parsed as { verifiableCredential?: unknown }).verifiableCredential;
  if (!('proof' in parsed) && typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped)) {
    return { credential: wrapped as Record<string, unknown> };
  }
  return { credential: parsed as Record<string, unknown> };
}

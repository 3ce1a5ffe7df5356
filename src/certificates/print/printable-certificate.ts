import { ValidationError, type FieldError } from '../../common/errors/domain-error.js';

/**
 * What a printed certificate shows: the 毕业证书 / 结业证书 / 肄业证书 of
 * 《中小学生学籍管理办法》第十九条, with the QR code that leads to its online verification.
 * Plain data, so the HTML and PDF renderers stay pure functions of it.
 */
export interface PrintableCertificate {
  /** 毕业证书 / 结业证书 / 肄业证书 */
  kind: 'graduation' | 'completion' | 'incompletion';
  /** e.g. 330106-2026-000042 */
  certificateNumber: string;
  holder: { name: string; gender: 'male' | 'female'; birthDate: string /* YYYY-MM-DD */ };
  school: { name: string };
  /** 小学 / 初级中学 / 高级中学 */
  stage: 'primary' | 'junior' | 'senior';
  /** YYYY-MM-DD, the years of study */
  studyFrom: string;
  studyTo: string;
  /** The supervising education authority. */
  issuer: { name: string; did: string };
  /** YYYY-MM-DD */
  issuedOn: string;
  /** What the QR code encodes. */
  verificationUrl: string;
  status: 'valid' | 'revoked' | 'suspended';
}

const KINDS = ['graduation', 'completion', 'incompletion'];
const GENDERS = ['male', 'female'];
const STAGES = ['primary', 'junior', 'senior'];
const STATUSES = ['valid', 'revoked', 'suspended'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Tabs, newlines and other controls would break the printed layout or hide text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** A calendar date written YYYY-MM-DD, split into numbers; undefined if it is not a real date. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/**
 * Guards the renderers: every problem is reported at once, by field, so a caller fixing a
 * record sees the whole list. Messages name the rule, never the value (it may be personal data).
 */
export function assertPrintable(model: PrintableCertificate): void {
  const errors: FieldError[] = [];
  const text = (field: string, value: unknown, max: number) => {
    if (typeof value !== 'string' || value.trim() === '') errors.push({ field, message: 'must be a non-empty string' });
    else if (CONTROL.test(value)) errors.push({ field, message: 'must not contain control characters or line breaks' });
    else if ([...value].length > max) errors.push({ field, message: `must be at most ${max} characters` });
  };
  const oneOf = (field: string, value: unknown, allowed: string[]) => {
    if (!allowed.includes(value as string)) errors.push({ field, message: `must be one of ${allowed.join(', ')}` });
  };
  const date = (field: string, value: unknown) => {
    if (typeof value !== 'string' || !parseIsoDate(value)) errors.push({ field, message: 'must be a calendar date YYYY-MM-DD' });
  };

  oneOf('kind', model.kind, KINDS);
  text('certificateNumber', model.certificateNumber, 64);
  text('holder.name', model.holder?.name, 64);
  oneOf('holder.gender', model.holder?.gender, GENDERS);
  date('holder.birthDate', model.holder?.birthDate);
  text('school.name', model.school?.name, 64);
  oneOf('stage', model.stage, STAGES);
  date('studyFrom', model.studyFrom);
  date('studyTo', model.studyTo);
  text('issuer.name', model.issuer?.name, 64);
  text('issuer.did', model.issuer?.did, 200);
  date('issuedOn', model.issuedOn);
  oneOf('status', model.status, STATUSES);
  if (!isWebUrl(model.verificationUrl)) {
    errors.push({ field: 'verificationUrl', message: 'must be an absolute http(s) URL of at most 200 characters' });
  }
  if (typeof model.studyFrom === 'string' && typeof model.studyTo === 'string' && model.studyFrom > model.studyTo) {
    errors.push({ field: 'studyTo', message: 'must not be before studyFrom' });
  }
  if (errors.length > 0) throw new ValidationError(errors, 'CERTIFICATE_NOT_PRINTABLE');
}

/** Longer URLs make a QR code too dense to scan from paper (STACK.md: ~200 characters at level M). */
function isWebUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 200 || CONTROL.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

import { hash as digestOf } from 'node:crypto';
import { OB_V3P0_CONTEXT_URL } from '../../identity/contexts/ob-v3p0-context-3.0.3.js';
import { xuejiCertificateContextUrl } from '../../identity/contexts/xueji-certificate-v1.js';

/**
 * The unsigned e-certificate of 《中小学生学籍管理办法》第十九条 (毕业/结业/肄业证书) as an Open Badges
 * 3.0 OpenBadgeCredential on VC 2.0. It names the holder as the paper certificate does, but
 * carries no ID number: the lifelong student number identifies the record.
 *
 * Shape rules, for a template-based canonicaliser: every node has a `type` (OB 3.0 terms apply
 * only under their class) and an IRI `id` — credential, issuer, subject, school, achievement,
 * criteria, status entries — so the stock RDF has no blank node at all.
 */

const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';

export type CertificateKind = 'graduation' | 'completion' | 'incompletion';
export type EducationStage = 'primary' | 'junior' | 'senior';

export const CERTIFICATE_KINDS: readonly CertificateKind[] = ['graduation', 'completion', 'incompletion'];
export const EDUCATION_STAGES: readonly EducationStage[] = ['primary', 'junior', 'senior'];

export interface CertificateFacts {
  certificateId: string;
  certificateNumber: string;
  kind: CertificateKind;
  issuer: { id: string; name: string };
  issuedAt: Date;
  student: {
    studentNumber: string;
    name: string;
    gender: 'male' | 'female';
    birthDate: string;
    educationStage: EducationStage;
  };
  school: { code: string; name: string };
  /** First and last day of study at this stage, YYYY-MM-DD (China Standard Time). */
  studyFrom: string;
  studyTo: string;
  /** BitstringStatusListEntry objects, each with an `id`; included as given. */
  credentialStatus?: object[];
  /** `urn:uuid:…` of the certificate this one corrects. */
  replaces?: string;
}

export interface CertificateCredentialOptions {
  publicUrl: string;
}

const STAGES: Record<EducationStage, { zh: string; en: string }> = {
  primary: { zh: '小学', en: 'Primary School' },
  junior: { zh: '初中', en: 'Junior High School' },
  senior: { zh: '高中', en: 'Senior High School' },
};

/** achievementType from OB 3.0's AchievementType vocabulary. */
const KINDS: Record<CertificateKind, { zh: string; en: string; outcomeEn: string; achievementType: string }> = {
  graduation: { zh: '毕业', en: 'Graduation Certificate', outcomeEn: 'Graduation', achievementType: 'Diploma' },
  completion: { zh: '结业', en: 'Certificate of Completion', outcomeEn: 'Completion', achievementType: 'CertificateOfCompletion' },
  incompletion: { zh: '肄业', en: 'Certificate of Incomplete Study', outcomeEn: 'Incomplete Study', achievementType: 'Certificate' },
};

const GENDERS: Record<CertificateFacts['student']['gender'], string> = { male: '男', female: '女' };

export function buildCertificateCredential(facts: CertificateFacts, options: CertificateCredentialOptions) {
  checkFacts(facts);
  const publicUrl = checkedPublicUrl(options.publicUrl);
  const kind = KINDS[facts.kind];
  return {
    '@context': [VC_V2_CONTEXT_URL, OB_V3P0_CONTEXT_URL, xuejiCertificateContextUrl(publicUrl)],
    id: `urn:uuid:${facts.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${kind.zh}证书 ${kind.en}`,
    issuer: { id: facts.issuer.id, type: ['Profile'], name: facts.issuer.name },
    validFrom: facts.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    certificateNumber: facts.certificateNumber,
    ...(facts.replaces === undefined ? {} : { replaces: facts.replaces }),
    credentialSubject: {
      id: `urn:uuid:${holderUuid(facts.student.studentNumber)}`,
      type: ['AchievementSubject'],
      name: facts.student.name,
      gender: GENDERS[facts.student.gender],
      birthDate: facts.student.birthDate,
      studentNumber: facts.student.studentNumber,
      // OB 3.0's JSON Schema wants date-times here; a day of study in China Standard Time.
      activityStartDate: `${facts.studyFrom}T00:00:00+08:00`,
      activityEndDate: `${facts.studyTo}T00:00:00+08:00`,
      source: {
        id: `${publicUrl}/schools/${facts.school.code}`,
        type: ['Profile'],
        name: facts.school.name,
        schoolCode: facts.school.code,
      },
      achievement: achievement(publicUrl, facts.student.educationStage, facts.kind),
    },
    ...credentialStatusOf(facts.credentialStatus),
  };
}

export type CertificateCredential = ReturnType<typeof buildCertificateCredential>;

/** The same node for every holder of one stage and kind, so its id is a stable URL. */
function achievement(publicUrl: string, stageCode: EducationStage, kindCode: CertificateKind) {
  const stage = STAGES[stageCode];
  const kind = KINDS[kindCode];
  const id = `${publicUrl}/achievements/${stageCode}/${kindCode}`;
  return {
    id,
    type: ['Achievement'],
    achievementType: kind.achievementType,
    name: `${stage.zh}${kind.zh} ${stage.en} ${kind.outcomeEn}`,
    description: DESCRIPTIONS[kindCode](stage),
    educationStage: stage.zh,
    certificateKind: `${kind.zh}证书`,
    criteria: {
      id: `${id}#criteria`,
      type: ['Criteria'],
      narrative:
        `依据《中小学生学籍管理办法》第十九条发给${kind.zh}证书。` +
        ` Issued under Article 19 of the Measures for the Administration of Primary and Secondary School Student Registration.`,
    },
  };
}

const DESCRIPTIONS: Record<CertificateKind, (stage: { zh: string; en: string }) => string> = {
  graduation: (stage) =>
    `完成${stage.zh}阶段规定学业，考核合格，准予毕业。` +
    ` Completed the prescribed ${stage.en.toLowerCase()} programme and passed its assessments.`,
  completion: (stage) =>
    `修完${stage.zh}阶段规定学习年限，未达到毕业要求，准予结业。` +
    ` Completed the prescribed years of ${stage.en.toLowerCase()} study without meeting the graduation requirements.`,
  incompletion: (stage) =>
    `曾在${stage.zh}阶段学习，未修完规定学业即离校。` +
    ` Studied at ${stage.en.toLowerCase()} level and left before completing the prescribed programme.`,
};

/**
 * OB 3.0's JSON Schema allows one status object, VC 2.0 one or more: a single entry is written
 * as an object (the same RDF as a one-element array), several as an array.
 */
function credentialStatusOf(entries: object[] | undefined): { credentialStatus?: object } {
  if (entries === undefined || entries.length === 0) return {};
  return { credentialStatus: entries.length === 1 ? entries[0] : entries };
}

/**
 * The holder's id: a name-based (v5) UUID of the student number. OB 3.0 requires the subject
 * to have an id or an identifier; an IdentityObject would be a blank node, this is not. It is
 * the same for all certificates of one student and reveals nothing the student number doesn't.
 */
const HOLDER_NAMESPACE = '35bfddc7-25aa-4fcc-b43b-e55ba55e56b6';
const HOLDER_NAMESPACE_BYTES = Buffer.from(HOLDER_NAMESPACE.replaceAll('-', ''), 'hex');

export function holderUuid(studentNumber: string): string {
  // One-shot: no Hash object per certificate (the signing thread makes one per certificate).
  const hash = digestOf('sha1', Buffer.concat([HOLDER_NAMESPACE_BYTES, Buffer.from(studentNumber, 'utf8')]), 'buffer');
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DID = /^did:[a-z0-9]+:\S+$/;
/** 18 characters that could be a resident ID number (身份证号), e.g. inside a national G-number. */
const RESIDENT_ID_LIKE = /\d{17}[\dXx]/;

function checkFacts(facts: CertificateFacts): void {
  if (!UUID.test(facts.certificateId)) throw new Error(`certificateId must be a lower-case UUID: "${facts.certificateId}".`);
  if (!Object.hasOwn(KINDS, facts.kind)) throw new Error(`Unknown certificate kind: "${facts.kind}".`);
  if (!Object.hasOwn(STAGES, facts.student.educationStage)) {
    throw new Error(`Unknown education stage: "${facts.student.educationStage}".`);
  }
  if (!Object.hasOwn(GENDERS, facts.student.gender)) throw new Error(`Unknown gender: "${facts.student.gender}".`);
  if (!DID.test(facts.issuer.id)) throw new Error(`The issuer id must be a DID: "${facts.issuer.id}".`);
  if (Number.isNaN(facts.issuedAt.getTime())) throw new Error('issuedAt is not a valid date.');
  if (!/^\d{10}$/.test(facts.school.code)) throw new Error(`The school code must be 10 digits: "${facts.school.code}".`);
  if (RESIDENT_ID_LIKE.test(facts.student.studentNumber)) {
    throw new Error('The student number looks like it contains a resident ID number; certificates never carry one.');
  }
  for (const field of ['birthDate', 'studyFrom', 'studyTo'] as const) {
    const value = field === 'birthDate' ? facts.student.birthDate : facts[field];
    // Never the value: a birth date is personal data, and an unexpected error's message is logged.
    if (!isCalendarDate(value)) throw new Error(`${field} must be a calendar date YYYY-MM-DD.`);
  }
  if (facts.studyFrom > facts.studyTo) throw new Error('studyFrom is after studyTo.');
  if (facts.replaces !== undefined && !/^urn:uuid:[0-9a-f-]{36}$/.test(facts.replaces)) {
    throw new Error(`replaces must be a urn:uuid: "${facts.replaces}".`);
  }
  for (const entry of facts.credentialStatus ?? []) {
    const { id, type } = entry as { id?: unknown; type?: unknown };
    // An entry without an id would be a blank node, which the canonical template cannot hold.
    if (typeof id !== 'string' || type !== 'BitstringStatusListEntry') {
      throw new Error('Every credentialStatus entry must be a BitstringStatusListEntry with an "id".');
    }
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD naming a day of the proleptic Gregorian calendar (as Date reads it), by arithmetic: three per certificate. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]);
}

/** The last public URL checked and its answer: a batch builds every certificate with the same one. */
let lastPublicUrl: { given: string; checked: string } | undefined;

/** An http(s) origin (and optional path) without a trailing slash, as ids are built from it. */
function checkedPublicUrl(publicUrl: string): string {
  if (lastPublicUrl?.given === publicUrl) return lastPublicUrl.checked;
  const checked = parsedPublicUrl(publicUrl);
  lastPublicUrl = { given: publicUrl, checked };
  return checked;
}

function parsedPublicUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`Public URL is not a valid URL: "${publicUrl}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Public URL must be http(s): "${publicUrl}".`);
  return publicUrl.replace(/\/+$/, '');
}

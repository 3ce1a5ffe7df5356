/**
 * `npm run vectors`: test/vectors/certificates/*.json, produced by the service itself.
 *
 * Starts the whole service on an in-memory store, sets up the demo region, and takes students
 * through the real HTTP routes (enrol → propose → confirm → issue, then revoke, suspend,
 * correct). Each vector holds a credential exactly as the service answered it, plus what a
 * verifier needs offline: the issuers' DID documents and the status list credentials as the
 * service serves them. The bad cases start from an issued credential and change one thing.
 *
 * Nothing is reproducible byte for byte: issuer keys, certificate ids, status list indices and
 * timestamps are fresh on every run (a fixed master key would not change that: it only seals
 * the random keys). So every file is rewritten together, and the expected verdicts are stated
 * here per case, never computed by the code the vectors test.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config/config.js';
import { DocumentLoaderService } from '../src/identity/document-loader.service.js';
import { IssuerSignerService } from '../src/identity/issuer-signer.service.js';
import { OrganisationsService } from '../src/platform/organisations/organisations.service.js';
import { DEMO_PASSWORD, install } from '../src/platform/setup/install.js';
import { residentIdCheckCharacter } from '../src/registry/domain/resident-id.js';

const PUBLIC_URL = 'https://xueji.example';
const OUT_DIR = new URL('../../test/vectors/certificates/', import.meta.url);
const DAY_MS = 86_400_000;

/** A second county of the demo city: its key is the "foreign" one. */
const OTHER_COUNTY = { parentCode: '330100', code: '330105', name: '杭州市拱墅区教育局' };

const PROBLEM = {
  cryptographicSecurity: 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR',
  range: 'https://www.w3.org/TR/vc-data-model#RANGE_ERROR',
  invalidVerificationMethod: 'https://w3id.org/security#INVALID_VERIFICATION_METHOD',
};
const CLEAR = { revocation: 'clear', suspension: 'clear' };

/** JSON answers of the service, read field by field. */
type Json = Record<string, any>;

interface Expected {
  verified: boolean;
  failedChecks: string[];
  problemTypes: string[];
  /** Verdict per status purpose; null when the proof fails (a status of an unproven credential means nothing). */
  status: Record<string, string> | null;
}

interface Case {
  name: string;
  description: string;
  credential: Json;
  /** Verification time; defaults to a day after the credential's validFrom. */
  now?: Date;
  issuerCodes: string[];
  expected: Expected;
}

interface StudentPlan {
  name: string;
  birth: string;
  seq: string;
  stage: 'primary' | 'junior' | 'senior';
  grade: number;
  enrolmentDate: string;
  leavingDate: string;
  kind: 'graduation' | 'completion' | 'incompletion';
}

const STUDENTS = {
  primary: { name: '王小明', birth: '2012-03-15', seq: '123', stage: 'primary', grade: 1, enrolmentDate: '2018-09-01', leavingDate: '2024-07-01', kind: 'graduation' },
  junior: { name: '李华', birth: '2009-05-12', seq: '002', stage: 'junior', grade: 7, enrolmentDate: '2021-09-01', leavingDate: '2024-07-01', kind: 'completion' },
  senior: { name: '张伟', birth: '2006-11-02', seq: '015', stage: 'senior', grade: 10, enrolmentDate: '2021-09-01', leavingDate: '2023-01-10', kind: 'incompletion' },
  revoked: { name: '陈静', birth: '2012-08-20', seq: '044', stage: 'primary', grade: 1, enrolmentDate: '2018-09-01', leavingDate: '2024-07-01', kind: 'graduation' },
  suspended: { name: '刘洋', birth: '2012-01-09', seq: '071', stage: 'primary', grade: 1, enrolmentDate: '2018-09-01', leavingDate: '2024-07-01', kind: 'graduation' },
  corrected: { name: '赵敏', birth: '2012-06-30', seq: '086', stage: 'primary', grade: 1, enrolmentDate: '2018-09-01', leavingDate: '2024-07-01', kind: 'graduation' },
} satisfies Record<string, StudentPlan>;

/** The service over HTTP on a loopback port; PUBLIC_URL stays the public name, as behind a proxy. */
class Service {
  private constructor(
    readonly app: INestApplication,
    private readonly base: string,
  ) {}

  static async start(): Promise<Service> {
    const config = parseConfig({ DATA_DIR: ':memory:', PUBLIC_URL, LOG_LEVEL: 'error' });
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new Service(app, `http://127.0.0.1:${port}`);
  }

  /** `path` may be a public URL of ours; it is fetched from the local listener. */
  async call(method: 'GET' | 'POST', path: string, token?: string, body?: object): Promise<Json> {
    const url = this.base + (path.startsWith(PUBLIC_URL) ? path.slice(PUBLIC_URL.length) : path);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) };
    const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Json;
  }

  async login(username: string): Promise<string> {
    const { accessToken } = await this.call('POST', '/auth/login', undefined, { username, password: DEMO_PASSWORD });
    return `Bearer ${accessToken}`;
  }
}

function residentId(birth: string, seq: string): string {
  const body = `330106${birth.replaceAll('-', '')}${seq}`;
  return body + residentIdCheckCharacter(body);
}

/** Enrol → propose leaving → county confirms → county issues; answers the certificate view. */
async function issueFor(service: Service, registrar: string, county: string, plan: StudentPlan): Promise<Json> {
  const { name, birth, seq, stage, grade, enrolmentDate, leavingDate, kind } = plan;
  const enrolment = { idNumber: residentId(birth, seq), name, enrolmentDate, educationStage: stage, grade };
  const { id } = await service.call('POST', '/students', registrar, enrolment);
  await service.call('POST', `/students/${id}/graduation`, registrar, { graduationDate: leavingDate, leavingKind: kind });
  await service.call('POST', `/students/${id}/graduation/confirmation`, county, {});
  return service.call('POST', `/students/${id}/certificates`, county, { kind });
}

/** The credential without its proof, signed again (validly) with another authority's key. */
async function signedWithForeignKey(app: INestApplication, credential: Json): Promise<Json> {
  const other = await app.get(OrganisationsService).findVisible(null, OTHER_COUNTY.code);
  const issuer = await app.get(IssuerSignerService).forOrganisation(other!.id, OTHER_COUNTY.code, OTHER_COUNTY.name);
  const { proof: _proof, ...unsigned } = structuredClone(credential);
  const suite = new DataIntegrityProof({ signer: issuer.signer, date: credential.proof.created, cryptosuite: eddsaRdfc2022 });
  return vc.issue({ credential: unsigned, suite, documentLoader: app.get(DocumentLoaderService).load });
}

type Credentials = Record<keyof typeof STUDENTS | 'correction' | 'foreignKey', Json>;

/** Everything the cases start from, issued, revoked, suspended and corrected over HTTP. */
async function issueAll(service: Service): Promise<Credentials> {
  await install(service.app, true);
  await service.app.get(OrganisationsService).create(null, OTHER_COUNTY);
  const registrar = await service.login('xihu.school');
  const county = await service.login('xihu.admin');
  const views = {} as Record<keyof typeof STUDENTS, Json>;
  for (const [key, plan] of Object.entries(STUDENTS)) {
    views[key as keyof typeof STUDENTS] = await issueFor(service, registrar, county, plan);
  }
  const reason = { reason: '学籍信息核查 register check' };
  await service.call('POST', `/certificates/${views.revoked.id}/revocation`, county, reason);
  await service.call('POST', `/certificates/${views.suspended.id}/suspension`, county, reason);
  const correction = await service.call('POST', `/certificates/${views.corrected.id}/correction`, county, { reason: '姓名更正 name corrected' });
  const credentials = Object.fromEntries(Object.entries(views).map(([key, view]) => [key, view.verifiableCredential as Json]));
  return {
    ...(credentials as Record<keyof typeof STUDENTS, Json>),
    correction: correction.verifiableCredential,
    foreignKey: await signedWithForeignKey(service.app, credentials.primary),
  };
}

const OWN = ['330106'];
const BOTH = [...OWN, OTHER_COUNTY.code];
const VALID: Expected = { verified: true, failedChecks: [], problemTypes: [], status: CLEAR };

function cases(c: Credentials): Case[] {
  const renamed = structuredClone(c.primary);
  renamed.credentialSubject.name = '王小名';
  const reissued = structuredClone(c.primary);
  reissued.issuer.id = reissued.issuer.id.replace(':330106', `:${OTHER_COUNTY.code}`);
  const dayBefore = new Date(Date.parse(c.primary.validFrom) - DAY_MS);
  return [
    { name: 'graduation-primary-valid', description: '毕业证书 of primary school, as issued.', credential: c.primary, issuerCodes: OWN, expected: VALID },
    { name: 'completion-junior-valid', description: '结业证书 of junior high school, as issued.', credential: c.junior, issuerCodes: OWN, expected: VALID },
    {
      name: 'incompletion-senior-valid', description: '肄业证书 of senior high school (left before the end of the stage), as issued.',
      credential: c.senior, issuerCodes: OWN, expected: VALID,
    },
    {
      name: 'graduation-corrected-valid', description: 'Issued by POST /certificates/:id/correction: it names the certificate it replaces.',
      credential: c.correction, issuerCodes: OWN, expected: VALID,
    },
    {
      name: 'graduation-revoked', description: 'Revoked through POST /certificates/:id/revocation: the proof holds, the revocation bit is set.',
      credential: c.revoked, issuerCodes: OWN,
      expected: { verified: false, failedChecks: ['revocation'], problemTypes: [], status: { revocation: 'set', suspension: 'clear' } },
    },
    {
      name: 'graduation-suspended', description: 'Suspended through POST /certificates/:id/suspension: the proof holds, the suspension bit is set.',
      credential: c.suspended, issuerCodes: OWN,
      expected: { verified: false, failedChecks: ['suspension'], problemTypes: [], status: { revocation: 'clear', suspension: 'set' } },
    },
    {
      name: 'graduation-not-yet-valid', description: 'The primary certificate checked a day before its validFrom; the proof itself is sound.',
      credential: c.primary, now: dayBefore, issuerCodes: OWN,
      expected: { verified: false, failedChecks: ['validity'], problemTypes: [PROBLEM.range], status: CLEAR },
    },
    {
      name: 'graduation-tampered-name', description: 'The primary certificate with credentialSubject.name changed by one character after signing.',
      credential: renamed, issuerCodes: OWN,
      expected: { verified: false, failedChecks: ['proof'], problemTypes: [PROBLEM.cryptographicSecurity], status: null },
    },
    {
      name: 'graduation-tampered-issuer', description: `The primary certificate with issuer.id changed to ${OTHER_COUNTY.code}'s DID after signing.`,
      credential: reissued, issuerCodes: BOTH,
      expected: { verified: false, failedChecks: ['proof', 'issuer'], problemTypes: [PROBLEM.cryptographicSecurity, PROBLEM.invalidVerificationMethod], status: null },
    },
    {
      name: 'graduation-foreign-key', description: `Names 330106 as issuer but is signed (validly) with ${OTHER_COUNTY.code}'s key; both DID documents included.`,
      credential: c.foreignKey, issuerCodes: BOTH,
      expected: { verified: false, failedChecks: ['proof', 'issuer'], problemTypes: [PROBLEM.invalidVerificationMethod], status: null },
    },
  ];
}

/** The file for one case: the credential and everything needed to verify it offline. */
async function vectorFor(service: Service, vectorCase: Case): Promise<Json> {
  const { credential, issuerCodes, expected } = vectorCase;
  const didDocuments = await Promise.all(issuerCodes.map((code) => service.call('GET', `/issuers/${code}/did.json`)));
  const listUrls = [...new Set((credential.credentialStatus as Json[]).map((entry) => entry.statusListCredential as string))];
  const statusListCredentials = await Promise.all(listUrls.map((url) => service.call('GET', url)));
  const now = vectorCase.now ?? new Date(Date.parse(credential.validFrom) + DAY_MS);
  return {
    description: vectorCase.description,
    generatedBy: 'npm run vectors (scripts/generate-vectors.ts)',
    publicUrl: PUBLIC_URL,
    now: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credential,
    didDocuments,
    statusListCredentials,
    expected,
  };
}

async function main(): Promise<void> {
  const service = await Service.start();
  try {
    const vectors = await Promise.all(cases(await issueAll(service)).map(async (c) => [c.name, await vectorFor(service, c)] as const));
    for (const file of readdirSync(OUT_DIR).filter((f) => f.endsWith('.json'))) rmSync(new URL(file, OUT_DIR));
    for (const [name, vector] of vectors) {
      writeFileSync(new URL(`${name}.json`, OUT_DIR), `${JSON.stringify(vector, null, 2)}\n`);
      process.stdout.write(`wrote test/vectors/certificates/${name}.json\n`);
    }
  } finally {
    await service.app.close();
  }
}

main().catch((error) => {
  process.stderr.write(`generating vectors failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from '../../identity/contexts/xueji-certificate-v1.js';
import { buildDidDocument, didWebForPath, verificationMethodId } from '../../identity/domain/did-web.js';
import { createDocumentLoader, type DocumentLoader } from '../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import {
  buildCertificateCredential,
  CERTIFICATE_KINDS,
  EDUCATION_STAGES,
  holderUuid,
  type CertificateFacts,
  type CertificateKind,
  type EducationStage,
} from './certificate-credential.js';
import { issueCredential, verifyCredential } from './data-integrity.js';
import { conformanceProblems } from './vc-conformance.js';

/** jsonld ships no types; only what these tests call. */
interface JsonLd {
  expand(input: object, options: { documentLoader: DocumentLoader; safe: boolean }): Promise<ExpandedNode[]>;
  toRDF(input: object, options: { documentLoader: DocumentLoader; safe: boolean; format: 'application/n-quads' }): Promise<string>;
}
type ExpandedNode = Record<string, unknown>;
const jsonld = createRequire(import.meta.url)('jsonld') as JsonLd;

const PUBLIC_URL = 'https://xueji.example.cn';
const NOW = new Date('2022-07-01T08:00:00Z');
const CERTIFICATE_ID = '6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21';
const STUDENT_NUMBER = 'S3320160000000420';

function makeIssuer() {
  const did = didWebForPath(PUBLIC_URL, ['issuers', '330106']);
  const keys = generateEd25519KeyPair();
  const didDocument = buildDidDocument({
    did,
    name: '杭州市西湖区教育局',
    verificationMethods: [{ id: 'key-1', publicKeyMultibase: keys.publicKeyMultibase }],
  });
  const signer = createEd25519Signer({ id: verificationMethodId(did, 'key-1'), secretKeyMultibase: keys.secretKeyMultibase });
  const resolveDid = async (requested: string) => (requested === did ? didDocument : null);
  const documentLoader = createDocumentLoader({
    contexts: { [xuejiCertificateContextUrl(PUBLIC_URL)]: XUEJI_CERTIFICATE_CONTEXT_V1 },
    resolveDid,
  });
  return { did, signer, documentLoader, resolveDid };
}

function certificateFacts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    certificateId: CERTIFICATE_ID,
    certificateNumber: '330106-2022-000123',
    kind: 'graduation',
    issuer: { id: didWebForPath(PUBLIC_URL, ['issuers', '330106']), name: '杭州市西湖区教育局' },
    issuedAt: new Date('2022-06-30T02:00:00.000Z'),
    student: { studentNumber: STUDENT_NUMBER, name: '张小明', gender: 'male', birthDate: '2010-03-07', educationStage: 'primary' },
    school: { code: '3133001234', name: '杭州市西湖区学军小学' },
    studyFrom: '2016-09-01',
    studyTo: '2022-06-30',
    ...overrides,
  };
}

function factsFor(stage: EducationStage, kind: CertificateKind): CertificateFacts {
  const base = certificateFacts({ kind });
  return { ...base, student: { ...base.student, educationStage: stage } };
}

function statusEntry(purpose: 'revocation' | 'suspension', index = 7) {
  const list = `${PUBLIC_URL}/status-lists/1/${purpose}`;
  return { id: `${list}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: String(index), statusListCredential: list };
}

const ALL_CERTIFICATES = EDUCATION_STAGES.flatMap((stage) => CERTIFICATE_KINDS.map((kind) => ({ stage, kind })));

const OB_SCHEMA = JSON.parse(readFileSync(new URL('../../../test/vectors/schemas/ob_v3p0_achievementcredential_schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validateOpenBadgeCredential = ajv.compile(OB_SCHEMA);

function schemaErrors(credential: object): string[] {
  return validateOpenBadgeCredential(credential)
    ? []
    : (validateOpenBadgeCredential.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** Compact properties, recursively, other than @context/id/type: each must become one expanded property. */
function compactPropertyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + compactPropertyCount(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value)
    .filter(([key]) => !['@context', 'id', 'type'].includes(key))
    .reduce((sum, [, child]) => sum + 1 + compactPropertyCount(child), 0);
}

function expandedProperties(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => expandedProperties(item, found));
  else if (typeof value === 'object' && value !== null && !('@value' in value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('@')) continue;
      found.push(key);
      expandedProperties(child, found);
    }
  }
  return found;
}

async function blankNodeLabels(credential: object, documentLoader: DocumentLoader): Promise<string[]> {
  const nquads = await jsonld.toRDF(credential, { documentLoader, safe: true, format: 'application/n-quads' });
  return [...new Set(nquads.match(/_:[A-Za-z0-9]+/g) ?? [])];
}

describe('buildCertificateCredential', () => {
  it('builds a primary graduation certificate as the paper one reads, in OB 3.0 terms', () => {
    const credential = buildCertificateCredential(
      certificateFacts({ credentialStatus: [statusEntry('revocation')], replaces: 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100' }),
      { publicUrl: PUBLIC_URL },
    );

    expect(credential).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://xueji.example.cn/contexts/xueji-certificate/v1',
      ],
      id: `urn:uuid:${CERTIFICATE_ID}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: '毕业证书 Graduation Certificate',
      issuer: { id: 'did:web:xueji.example.cn:issuers:330106', type: ['Profile'], name: '杭州市西湖区教育局' },
      validFrom: '2022-06-30T02:00:00Z',
      certificateNumber: '330106-2022-000123',
      replaces: 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100',
      credentialSubject: {
        id: 'urn:uuid:8c216412-d136-5ff5-9f70-9348a691d105',
        type: ['AchievementSubject'],
        name: '张小明',
        gender: '男',
        birthDate: '2010-03-07',
        studentNumber: STUDENT_NUMBER,
        activityStartDate: '2016-09-01T00:00:00+08:00',
        activityEndDate: '2022-06-30T00:00:00+08:00',
        source: { id: 'https://xueji.example.cn/schools/3133001234', type: ['Profile'], name: '杭州市西湖区学军小学', schoolCode: '3133001234' },
        achievement: {
          id: 'https://xueji.example.cn/achievements/primary/graduation',
          type: ['Achievement'],
          achievementType: 'Diploma',
          name: '小学毕业 Primary School Graduation',
          description: '完成小学阶段规定学业，考核合格，准予毕业。 Completed the prescribed primary school programme and passed its assessments.',
          educationStage: '小学',
          certificateKind: '毕业证书',
          criteria: {
            id: 'https://xueji.example.cn/achievements/primary/graduation#criteria',
            type: ['Criteria'],
            narrative:
              '依据《中小学生学籍管理办法》第十九条发给毕业证书。 Issued under Article 19 of the Measures for the Administration of Primary and Secondary School Student Registration.',
          },
        },
      },
      credentialStatus: statusEntry('revocation'),
    });
  });

  it.each([
    { stage: 'junior', kind: 'completion', name: '结业证书 Certificate of Completion', achievement: '初中结业 Junior High School Completion', type: 'CertificateOfCompletion' },
    { stage: 'senior', kind: 'incompletion', name: '肄业证书 Certificate of Incomplete Study', achievement: '高中肄业 Senior High School Incomplete Study', type: 'Certificate' },
    { stage: 'senior', kind: 'graduation', name: '毕业证书 Graduation Certificate', achievement: '高中毕业 Senior High School Graduation', type: 'Diploma' },
  ] as const)('names a $stage $kind certificate "$name"', ({ stage, kind, name, achievement, type }) => {
    const credential = buildCertificateCredential(factsFor(stage, kind), { publicUrl: PUBLIC_URL });

    expect(credential.name).toBe(name);
    expect(credential.credentialSubject.achievement).toMatchObject({
      id: `${PUBLIC_URL}/achievements/${stage}/${kind}`,
      name: achievement,
      achievementType: type,
    });
  });

  it('gives every certificate of one student the same holder id, a v5 UUID of the student number', () => {
    const first = buildCertificateCredential(certificateFacts(), { publicUrl: PUBLIC_URL });
    const corrected = buildCertificateCredential(certificateFacts({ certificateId: 'b3e7c9a0-1d2e-4f3a-8b4c-5d6e7f8a9b0c' }), { publicUrl: PUBLIC_URL });

    expect(corrected.credentialSubject.id).toBe(first.credentialSubject.id);
    // Computed independently with Python's uuid.uuid5 and the same namespace.
    expect(holderUuid('S3320190000000073')).toBe('6e11ed17-ff5a-561c-9015-6965e8d32806');
  });

  it('writes several status entries as an array, verbatim', () => {
    const entries = [statusEntry('revocation'), statusEntry('suspension')];

    const credential = buildCertificateCredential(certificateFacts({ credentialStatus: entries }), { publicUrl: PUBLIC_URL });

    expect(credential.credentialStatus).toEqual(entries);
  });

  it('never carries an ID number, even when the facts object smuggles one in', () => {
    const facts = { ...certificateFacts(), idNumber: '330106201003071234' } as CertificateFacts;
    facts.student = { ...facts.student, idNumber: '330106201003071234' } as CertificateFacts['student'];

    const text = JSON.stringify(buildCertificateCredential(facts, { publicUrl: PUBLIC_URL }));

    expect(text).not.toContain('330106201003071234');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it.each([
    { case: 'a national G-number (G + ID number) as student number', facts: { student: { ...certificateFacts().student, studentNumber: 'G330106201003071234' } }, error: 'The student number looks like it contains a resident ID number; certificates never carry one.' },
    { case: 'a status entry without id (a blank node)', facts: { credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }] }, error: 'Every credentialStatus entry must be a BitstringStatusListEntry with an "id".' },
    { case: 'replaces that is not a urn:uuid', facts: { replaces: 'certificate 42' }, error: 'replaces must be a urn:uuid: "certificate 42".' },
    { case: 'an impossible study date', facts: { studyTo: '2022-02-30' }, error: 'studyTo must be a calendar date YYYY-MM-DD.' },
    { case: 'an impossible birth date, without echoing it', facts: { student: { ...certificateFacts().student, birthDate: '2010-02-30' } }, error: 'birthDate must be a calendar date YYYY-MM-DD.' },
    { case: 'study dates in the wrong order', facts: { studyFrom: '2022-09-01' }, error: 'studyFrom is after studyTo.' },
    { case: 'a 6-digit school code', facts: { school: { code: '330106', name: '学校' } }, error: 'The school code must be 10 digits: "330106".' },
    { case: 'an issuer that is not a DID', facts: { issuer: { id: 'https://example.org/issuer', name: '教育局' } }, error: 'The issuer id must be a DID: "https://example.org/issuer".' },
    { case: 'an unknown kind', facts: { kind: 'honours' as CertificateKind }, error: 'Unknown certificate kind: "honours".' },
    { case: 'a certificate id that is not a UUID', facts: { certificateId: '42' }, error: 'certificateId must be a lower-case UUID: "42".' },
  ])('refuses $case', ({ facts, error }) => {
    expect(() => buildCertificateCredential(certificateFacts(facts as Partial<CertificateFacts>), { publicUrl: PUBLIC_URL })).toThrow(new Error(error));
  });
});

describe.each(ALL_CERTIFICATES)('a $stage $kind certificate', ({ stage, kind }) => {
  const facts = () => factsFor(stage, kind);

  it('is signed with stock eddsa-rdfc-2022 and verifies in safe mode', async () => {
    const issuer = makeIssuer();
    // Without credentialStatus: verifyCredential leaves status lists to the status module.
    const credential = buildCertificateCredential({ ...facts(), issuer: { id: issuer.did, name: '杭州市西湖区教育局' } }, { publicUrl: PUBLIC_URL });

    const signed = await issueCredential({ credential, signer: issuer.signer, documentLoader: issuer.documentLoader, now: NOW });
    const outcome = await verifyCredential({ credential: signed, documentLoader: issuer.documentLoader, now: NOW });

    expect(outcome).toEqual({ verified: true, checks: expect.any(Array), problems: [] });
    const tampered = structuredClone(signed) as typeof signed & { credentialSubject: { name: string } };
    tampered.credentialSubject.name = '张小亮';
    expect((await verifyCredential({ credential: tampered, documentLoader: issuer.documentLoader, now: NOW })).verified).toBe(false);
  });

  it('expands in safe mode without dropping a property, each to a defined IRI', async () => {
    const { documentLoader } = makeIssuer();
    const credential = buildCertificateCredential({ ...facts(), replaces: 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100' }, { publicUrl: PUBLIC_URL });

    const expanded = await jsonld.expand(credential, { documentLoader, safe: true });
    const properties = expandedProperties(expanded);

    expect(properties).toHaveLength(compactPropertyCount(credential));
    expect(properties.filter((iri) => !/^https?:\/\/[^/]+\/\S+$/.test(iri) || iri.includes('issuer-dependent'))).toEqual([]);
  });

  it('validates against the OB 3.0 JSON Schema and the VC 2.0 rules', () => {
    const credential = buildCertificateCredential({ ...facts(), credentialStatus: [statusEntry('revocation')] }, { publicUrl: PUBLIC_URL });

    expect(schemaErrors(credential)).toEqual([]);
    expect(conformanceProblems(credential)).toEqual([]);
  });

  it('has no blank node in its RDF, so a canonical template fits it', async () => {
    const { documentLoader } = makeIssuer();
    const credential = buildCertificateCredential(
      { ...facts(), credentialStatus: [statusEntry('revocation'), statusEntry('suspension')] },
      { publicUrl: PUBLIC_URL },
    );

    expect((await blankNodeLabels(credential, documentLoader)).length).toBeLessThanOrEqual(1);
    expect(await blankNodeLabels(credential, documentLoader)).toEqual([]);
  });
});

describe('the checks above can fail', () => {
  it('safe-mode expansion refuses a property no context defines', async () => {
    const { documentLoader } = makeIssuer();
    const credential = { ...buildCertificateCredential(certificateFacts(), { publicUrl: PUBLIC_URL }), idNumber: '330106201003071234' };

    await expect(jsonld.expand(credential, { documentLoader, safe: true })).rejects.toThrow(/[Ss]afe mode/);
  });

  it('the schema refuses an achievement without criteria', () => {
    const credential = buildCertificateCredential(certificateFacts(), { publicUrl: PUBLIC_URL });
    const { criteria: _criteria, ...achievement } = credential.credentialSubject.achievement;

    expect(schemaErrors({ ...credential, credentialSubject: { ...credential.credentialSubject, achievement } })).toContain(
      "/credentialSubject/achievement must have required property 'criteria'",
    );
  });

  it('the blank-node count sees nodes without ids', async () => {
    const { documentLoader } = makeIssuer();
    const credential = buildCertificateCredential(certificateFacts(), { publicUrl: PUBLIC_URL });
    const { id: _subjectId, ...subject } = credential.credentialSubject;

    expect(await blankNodeLabels({ ...credential, credentialSubject: subject }, documentLoader)).toHaveLength(1);
  });

  it('verification fails without our context: a loader must be given it', async () => {
    const issuer = makeIssuer();
    const signed = await issueCredential({
      credential: buildCertificateCredential({ ...certificateFacts(), issuer: { id: issuer.did, name: '教育局' } }, { publicUrl: PUBLIC_URL }),
      signer: issuer.signer,
      documentLoader: issuer.documentLoader,
      now: NOW,
    });

    const withoutOurContext = createDocumentLoader({ resolveDid: issuer.resolveDid });

    const outcome = await verifyCredential({ credential: signed, documentLoader: withoutOurContext, now: NOW });

    expect(outcome.verified).toBe(false);
    expect(JSON.stringify(outcome.problems)).toContain(xuejiCertificateContextUrl(PUBLIC_URL));
  });
});

describe('a certificate with status entries and a correction', () => {
  it('signs, and its proof verifies with the stock library (status lists left to a stub)', async () => {
    const issuer = makeIssuer();
    const credential = buildCertificateCredential(
      {
        ...certificateFacts(),
        issuer: { id: issuer.did, name: '杭州市西湖区教育局' },
        credentialStatus: [statusEntry('revocation'), statusEntry('suspension')],
        replaces: 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100',
      },
      { publicUrl: PUBLIC_URL },
    );
    const signed = await issueCredential({ credential, signer: issuer.signer, documentLoader: issuer.documentLoader, now: NOW });
    const verifyWithStatus = vc.verifyCredential as (options: object) => Promise<vc.VerifyCredentialResult>;
    const verify = (document: object) =>
      verifyWithStatus({
        credential: document,
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        documentLoader: issuer.documentLoader,
        checkStatus: async () => ({ verified: true }),
        now: NOW,
      });

    expect((await verify(signed)).verified).toBe(true);
    expect((await verify({ ...signed, replaces: 'urn:uuid:00000000-0000-4000-8000-000000000000' })).verified).toBe(false);
  });
});

describe('OB 3.0 JSON Schema shapes that differ from VC 2.0', () => {
  it('accepts a signed certificate once its proof is written as a one-element array, which still verifies', async () => {
    const issuer = makeIssuer();
    const credential = buildCertificateCredential({ ...certificateFacts(), issuer: { id: issuer.did, name: '杭州市西湖区教育局' } }, { publicUrl: PUBLIC_URL });
    const signed = await issueCredential({ credential, signer: issuer.signer, documentLoader: issuer.documentLoader, now: NOW });

    const proofAsArray = { ...signed, proof: [signed.proof].flat() };

    expect(schemaErrors(signed)).toEqual(['/proof must be array']);
    expect(schemaErrors(proofAsArray)).toEqual([]);
    expect((await verifyCredential({ credential: proofAsArray, documentLoader: issuer.documentLoader, now: NOW })).verified).toBe(true);
  });

  it('refuses two status entries (revocation and suspension), which VC 2.0 allows', () => {
    const credential = buildCertificateCredential(
      certificateFacts({ credentialStatus: [statusEntry('revocation'), statusEntry('suspension')] }),
      { publicUrl: PUBLIC_URL },
    );

    expect(conformanceProblems(credential)).toEqual([]);
    expect(schemaErrors(credential)).toContain('/credentialStatus must be object');
  });
});

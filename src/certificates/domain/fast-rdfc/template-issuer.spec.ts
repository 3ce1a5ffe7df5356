import { XUEJI_CONTEXT_URL } from '../../../identity/domain/document-loader.js';
import { jest } from '@jest/globals';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { buildDidDocument, didWebForPath, verificationMethodId } from '../../../identity/domain/did-web.js';
import { createDocumentLoader } from '../../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../../identity/domain/ed25519-keys.js';
import { issueCredential, verifyCredential, type Credential } from '../data-integrity.js';
import { createTemplateIssuer } from './template-issuer.js';

/**
 * The template path must produce the stock path's bytes: for thousands of generated records
 * with hostile strings, its canonical N-Quads equal rdf-canonize's over stock toRDF, its proof
 * equals the stock issuer's (Ed25519 is deterministic: equal signatures, equal signed bytes),
 * its issued text is the stock credential's JSON.stringify, and the stock verifier accepts what
 * it issues.
 */

const RECORDS = 2_000;
const PUBLIC_URL = 'http://localhost:3000';
const ISSUED_AT = Date.parse('2024-07-01T08:00:00Z');
/** After every generated validFrom, before every validUntil. */
const VERIFY_AT = new Date('2025-01-01T00:00:00Z');
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const VOCAB = 'https://example.org/vocab#';

function makeIssuer(code: string) {
  const did = didWebForPath(PUBLIC_URL, ['issuers', code]);
  const keys = generateEd25519KeyPair();
  const didDocument = buildDidDocument({ did, name: `教育局 ${code}`, verificationMethods: [{ id: 'key-1', publicKeyMultibase: keys.publicKeyMultibase }] });
  const signer = createEd25519Signer({ id: verificationMethodId(did, 'key-1'), secretKeyMultibase: keys.secretKeyMultibase });
  return { did, didDocument, signer };
}

/** Seeded, so a failing record can be regenerated. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof randomSource>;

const PIECES = [
  '张小明', '杭州市西湖区学军小学', '毕业证书', '«引号»', '"quoted"', "it's", '\\', '\\"', '\\n', 'C:\\temp\\', '\n', '\r\n', '\t',
  '\b', '\f', '\u0000', '\u0001', '\u001f', '\u007f', '\u0080', '\u009f', '\u00a0', '\u200b', '\u200f', '\u2028', '\ufeff', '😀',
  '👩‍🎓', '🇨🇳', '\ud800', '\udfff', 'é', 'Ω', 'ß', 'a', 'Z', '0', ' ', '  ', '<b>', '{x}', '|^`', '.', ' .', '_:b0', '@en',
  '^^<http://www.w3.org/2001/XMLSchema#string>', 'urn:uuid:1', 'https://example.org/x#y', 'true', '1.5', '\u0000\u0000',
];

function hostileString(random: Random): string {
  const roll = random.next();
  if (roll < 0.03) return '';
  if (roll < 0.05) return '学'.repeat(2_000 + random.int(3_000)) + '"\n' + 'x'.repeat(random.int(5_000));
  if (roll < 0.3) return ` ${random.pick(PIECES)}${random.pick(PIECES)} `;
  let text = '';
  for (let n = 1 + random.int(8); n > 0; n--) text += random.pick(PIECES);
  return text;
}

/** Lexical forms of xsd:date as people write them (the stock path keeps them as written). */
function dateLike(random: Random): string {
  const year = String(1990 + random.int(30));
  return random.pick([
    `${year}-03-07`, `${year}-12-31Z`, `${year}-01-01+08:00`, `${year}-06-30-05:00`, `-0044-03-15`, `12345-01-01`, `${year}-2-3`, hostileString(random),
  ]);
}

/** XML Schema dateTimeStamps, all before VERIFY_AT. */
function validFrom(random: Random): string {
  const day = String(1 + random.int(28)).padStart(2, '0');
  return random.pick([`2024-06-${day}T00:00:00Z`, `2023-11-${day}T08:30:00+08:00`, `2024-01-${day}T23:59:59.123456789-05:00`, `2020-02-${day}T12:00:00.5Z`]);
}

interface GraduationFacts {
  certificateId: string;
  certificateNumber: string;
  issuer: { id: string; name: string };
  issuedAt: Date;
  student: {
    studentNumber: string;
    name: string;
    gender: 'male' | 'female';
    birthDate: string;
    educationStage: string;
    enrolmentDate: string;
    graduationDate: string;
  };
  school: { code: string; name: string };
}

/**
 * The shape certificates had before Open Badges 3.0 (VC 2.0 + the old bundled Xueji context):
 * no longer issued, but such credentials exist and still verify, and it is a second shape here.
 */
function buildGraduationCredential(f: GraduationFacts) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', XUEJI_CONTEXT_URL],
    id: `urn:uuid:${f.certificateId}`,
    type: ['VerifiableCredential', 'GraduationCertificate'],
    name: '毕业证书 Graduation Certificate',
    issuer: { id: f.issuer.id, name: f.issuer.name },
    validFrom: f.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      type: 'Graduate',
      studentNumber: f.student.studentNumber,
      name: f.student.name,
      gender: f.student.gender,
      birthDate: f.student.birthDate,
      educationStage: f.student.educationStage,
      enrolmentDate: f.student.enrolmentDate,
      graduationDate: f.student.graduationDate,
      school: f.school.name,
      schoolCode: f.school.code,
      certificateNumber: f.certificateNumber,
      certificateKind: 'graduation',
    },
  };
}

function graduationFacts(random: Random, issuer: { did: string }): GraduationFacts {
  const uuidish = random.pick(['6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21', '00000000-0000-0000-0000-000000000000', `x{${random.int(1e9)}}|^\`\\`, 'é学😀']);
  return {
    certificateId: `${uuidish}-${random.int(1e9)}`,
    certificateNumber: random.next() < 0.5 ? `330106-2022-${String(random.int(1e6)).padStart(6, '0')}` : hostileString(random),
    issuer: { id: issuer.did, name: hostileString(random) },
    issuedAt: new Date(ISSUED_AT - random.int(365 * 24 * 3600) * 1000),
    student: {
      studentNumber: hostileString(random),
      name: hostileString(random),
      gender: random.pick(['male', 'female'] as const),
      birthDate: dateLike(random),
      educationStage: hostileString(random),
      enrolmentDate: dateLike(random),
      graduationDate: dateLike(random),
    },
    school: { code: hostileString(random), name: hostileString(random) },
  };
}

/**
 * VC 2.0 context only (no @vocab there: other properties and types are absolute IRIs), nested
 * nodes with ids, one node (the assessment) without, language- and direction-tagged values.
 */
function courseCredential(random: Random, issuer: { did: string }): Credential {
  const token = random.int(1e9);
  const tag = hostileString(random);
  return {
    '@context': [VC_V2],
    id: `urn:uuid:${random.pick(['0d5b8a7c', 'é学', '{|}'])}-${token}`,
    type: ['VerifiableCredential', `${VOCAB}CourseCompletionCredential`],
    issuer: { id: issuer.did, name: hostileString(random), description: hostileString(random) },
    name: hostileString(random),
    description: hostileString(random),
    validFrom: validFrom(random),
    validUntil: random.pick(['2030-01-01T00:00:00Z', '2099-12-31T23:59:59.999+14:00', '2026-06-30T00:00:00-12:00']),
    credentialSubject: {
      id: random.pick([`did:example:${token}`, `did:key:z6Mk${token}`, `mailto:student${token}@example.edu`, `https://example.edu/people/${token}?q=a#b`]),
      type: 'https://schema.org/Person',
      name: hostileString(random),
      'https://schema.org/alternateName': { '@value': hostileString(random), '@language': 'zh-Hans' },
      'https://schema.org/slogan': { '@value': hostileString(random), '@language': 'ar', '@direction': 'rtl' },
      [`${VOCAB}completed`]: {
        id: `https://courses.example.edu/c/${token}`,
        type: 'https://schema.org/Course',
        name: hostileString(random),
        'https://schema.org/numberOfCredits': 4.5,
        [`${VOCAB}mandatory`]: true,
        'https://schema.org/provider': { id: `https://example.edu/orgs/${random.int(5)}`, name: hostileString(random) },
        [`${VOCAB}assessment`]: {
          description: hostileString(random),
          [`${VOCAB}score`]: 97,
          [`${VOCAB}passed`]: false,
          // Equal keywords collapse into one quad on the stock path: so must they here.
          'https://schema.org/keywords': [tag, random.next() < 0.5 ? tag : hostileString(random), hostileString(random)],
        },
      },
    },
    evidence: [{ id: `https://evidence.example/${token}`, type: [`${VOCAB}Evidence`], name: hostileString(random) }],
    relatedResource: [{ id: `https://example.edu/syllabus/${token}.pdf`, digestSRI: hostileString(random), mediaType: 'application/pdf' }],
  };
}

describe.each([
  { shape: 'graduation certificate (VC 2.0 + Xueji context)', seed: 20241, build: (r: Random, i: { did: string }) => buildGraduationCredential(graduationFacts(r, i)) as Credential },
  { shape: 'VC 2.0-only credential with nested nodes', seed: 20242, build: courseCredential },
])('template issuance of the $shape', ({ seed, build }) => {
  it(`matches the stock path on ${RECORDS} varied records: canonical N-Quads, proof, verification`, async () => {
    const issuers = [makeIssuer('330106'), makeIssuer('330108')];
    const byDid = new Map(issuers.map((issuer) => [issuer.did, issuer.didDocument]));
    const documentLoader = createDocumentLoader({ resolveDid: async (did) => byDid.get(did) ?? null });
    const templates = createTemplateIssuer({ documentLoader });
    const random = randomSource(seed);
    const mismatches: string[] = [];
    // Counts JSON-LD canonicalisations; the template path runs one per (signer, second) only, for the proof options.
    const stockCanonize = jest.spyOn(eddsaRdfc2022, 'canonize');
    const proofOptionsSeen = new Set<string>();
    let canonizedDuringTemplateIssue = 0;

    for (let record = 0; record < RECORDS; record++) {
      const issuer = issuers[record % issuers.length];
      const credential = build(random, issuer);
      // Several issuances share a second (one cached proof hash), some fall on the next.
      const now = new Date(ISSUED_AT + Math.floor(record / 3) * 370);

      const stockNQuads = await eddsaRdfc2022.canonize(credential, { documentLoader, base: null, safe: true });
      const templateNQuads = await templates.canonize(credential);
      const stockVc = await issueCredential({ credential, signer: issuer.signer, documentLoader, now });
      const callsBefore = stockCanonize.mock.calls.length;
      const templateVc = await templates.issue(credential, issuer.signer, now);
      canonizedDuringTemplateIssue += stockCanonize.mock.calls.length - callsBefore;
      proofOptionsSeen.add(`${issuer.signer.id} ${stockVc.proof && (stockVc.proof as { created: string }).created}`);

      if (templateNQuads !== stockNQuads) mismatches.push(`record ${record}: N-Quads differ\n${templateNQuads}\n---\n${stockNQuads}`);
      if (JSON.stringify(templateVc) !== JSON.stringify(stockVc)) mismatches.push(`record ${record}: issued credentials differ`);
      // The text a signing thread hands over, written from the shape's JSON: the same characters.
      if ((await templates.issueText(credential, issuer.signer, now)) !== JSON.stringify(stockVc)) mismatches.push(`record ${record}: issued texts differ`);
      // Equal to stock's output already; verifying every 4th keeps the run short and still checks both issuers and all seconds.
      if (record % 4 === 0) {
        const outcome = await verifyCredential({ credential: templateVc, documentLoader, now: VERIFY_AT });
        if (!outcome.verified) mismatches.push(`record ${record}: not verified: ${JSON.stringify(outcome.problems)}`);
      }
      if (mismatches.length > 0) break;
    }

    stockCanonize.mockRestore();
    expect(mismatches).toEqual([]);
    expect(canonizedDuringTemplateIssue).toBe(proofOptionsSeen.size);
  });
});

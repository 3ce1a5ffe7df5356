import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { buildDidDocument, didWebForPath, verificationMethodId, type DidDocument } from '../../identity/domain/did-web.js';
import { createDocumentLoader, XUEJI_CONTEXT_URL } from '../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import {
  issueCredential,
  PROBLEM_TYPES,
  verifyCredential,
  type Credential,
  type VerifiableCredential,
  type VerificationOutcome,
} from './data-integrity.js';

const PUBLIC_URL = 'http://localhost:3000';
const NOW = new Date('2024-07-01T08:00:00Z');
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

function makeIssuer(code: string) {
  const did = didWebForPath(PUBLIC_URL, ['issuers', code]);
  const keys = generateEd25519KeyPair();
  const didDocument = buildDidDocument({
    did,
    name: `教育局 ${code}`,
    verificationMethods: [{ id: 'key-1', publicKeyMultibase: keys.publicKeyMultibase }],
  });
  const signer = createEd25519Signer({ id: verificationMethodId(did, 'key-1'), secretKeyMultibase: keys.secretKeyMultibase });
  return { did, keys, didDocument, signer };
}

function loaderFor(...didDocuments: DidDocument[]) {
  const byDid = new Map(didDocuments.map((document) => [document.id, document]));
  return createDocumentLoader({ resolveDid: async (did) => byDid.get(did) ?? null });
}

function graduationCredential(issuer: string, overrides: Partial<Credential> = {}): Credential {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', XUEJI_CONTEXT_URL],
    id: 'urn:uuid:6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21',
    type: ['VerifiableCredential', 'GraduationCertificate'],
    issuer,
    validFrom: '2024-06-30T00:00:00Z',
    credentialSubject: {
      type: 'Graduate',
      name: '张小明',
      studentNumber: 'G330106201003071234',
      gender: '男',
      birthDate: '2010-03-07',
      school: { type: 'EducationalOrganization', name: '杭州市西湖区学军小学', schoolCode: '3301061001' },
      educationStage: '小学',
      enrolmentDate: '2016-09-01',
      graduationDate: '2022-06-30',
      certificateNumber: '330106-2022-000123',
      certificateKind: '毕业证书',
      issuingAuthority: '杭州市西湖区教育局',
    },
    ...overrides,
  };
}

/** Replaces the last character, so the value differs by exactly one character. */
function changeOneCharacter(value: string): string {
  const last = value.at(-1) === 'X' ? 'Y' : 'X';
  return value.slice(0, -1) + last;
}

async function issuedByFreshIssuer(overrides: Partial<Credential> = {}) {
  const issuer = makeIssuer('330106');
  const documentLoader = loaderFor(issuer.didDocument);
  const credential = await issueCredential({
    credential: graduationCredential(issuer.did, overrides),
    signer: issuer.signer,
    documentLoader,
    now: NOW,
  });
  return { issuer, documentLoader, credential };
}

function failedChecks(outcome: VerificationOutcome): string[] {
  return outcome.checks.filter((check) => !check.ok).map((check) => check.check);
}

function problemTypes(outcome: VerificationOutcome): string[] {
  return outcome.problems.map((problem) => problem.type);
}

describe('issueCredential', () => {
  it('adds an eddsa-rdfc-2022 DataIntegrityProof made by the signer at `now`', async () => {
    const { issuer, credential } = await issuedByFreshIssuer();

    expect(credential.proof).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2024-07-01T08:00:00Z',
      verificationMethod: `${issuer.did}#key-1`,
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
    });
  });

  it('leaves the credential it was given untouched', async () => {
    const issuer = makeIssuer('330106');
    const unsigned = graduationCredential(issuer.did);
    const before = structuredClone(unsigned);

    await issueCredential({ credential: unsigned, signer: issuer.signer, documentLoader: loaderFor(issuer.didDocument), now: NOW });

    expect(unsigned).toEqual(before);
  });

  it('refuses a signer whose key does not belong to the issuer', async () => {
    const issuer = makeIssuer('330106');
    const other = makeIssuer('330108');

    await expect(
      issueCredential({
        credential: graduationCredential(issuer.did),
        signer: other.signer,
        documentLoader: loaderFor(issuer.didDocument, other.didDocument),
        now: NOW,
      }),
    ).rejects.toThrow(`Signer "${other.did}#key-1" does not belong to issuer "${issuer.did}".`);
  });
});

describe('verifyCredential', () => {
  it('verifies a credential issued with our signer', async () => {
    const { credential, documentLoader } = await issuedByFreshIssuer();

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(outcome).toEqual({
      verified: true,
      checks: [
        { check: 'proof', ok: true },
        { check: 'issuer', ok: true },
        { check: 'validity', ok: true },
      ],
      problems: [],
    });
  });

  it.each([
    {
      change: 'one character of credentialSubject.name',
      tamper: (c: VerifiableCredential) => {
        const subject = c.credentialSubject as { name: string };
        subject.name = changeOneCharacter(subject.name);
      },
      failed: ['proof'],
      problems: [PROBLEM_TYPES.cryptographicSecurity],
    },
    {
      change: 'one character of issuer',
      tamper: (c: VerifiableCredential) => {
        c.issuer = changeOneCharacter(c.issuer as string);
      },
      failed: ['proof', 'issuer'],
      problems: [PROBLEM_TYPES.cryptographicSecurity, PROBLEM_TYPES.invalidVerificationMethod],
    },
    {
      change: 'one digit of graduationDate',
      tamper: (c: VerifiableCredential) => {
        (c.credentialSubject as { graduationDate: string }).graduationDate = '2022-06-29';
      },
      failed: ['proof'],
      problems: [PROBLEM_TYPES.cryptographicSecurity],
    },
    {
      change: 'one character of the proofValue',
      tamper: (c: VerifiableCredential) => {
        const proof = c.proof as { proofValue: string };
        proof.proofValue = changeOneCharacter(proof.proofValue);
      },
      failed: ['proof'],
      problems: [PROBLEM_TYPES.cryptographicSecurity],
    },
  ])('fails after changing $change', async ({ tamper, failed, problems }) => {
    const { credential, documentLoader } = await issuedByFreshIssuer();
    tamper(credential);

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(outcome.verified).toBe(false);
    expect(failedChecks(outcome)).toEqual(failed);
    expect(problemTypes(outcome)).toEqual(problems);
  });

  it('fails a credential signed by a key that is not the issuer’s, even though the signature holds', async () => {
    const issuer = makeIssuer('330106');
    const impostor = makeIssuer('990000');
    const documentLoader = loaderFor(issuer.didDocument, impostor.didDocument);
    // Signed with the library directly: our issueCredential refuses to make such a credential.
    const forged = (await vc.issue({
      credential: graduationCredential(issuer.did),
      suite: new DataIntegrityProof({ signer: impostor.signer, date: NOW, cryptosuite: eddsaRdfc2022 }),
      documentLoader,
      now: NOW,
    })) as VerifiableCredential;

    const outcome = await verifyCredential({ credential: forged, documentLoader, now: NOW });

    expect(outcome.verified).toBe(false);
    expect(failedChecks(outcome)).toEqual(['proof', 'issuer']);
    expect(problemTypes(outcome)).toEqual([PROBLEM_TYPES.invalidVerificationMethod]);
  });

  it('fails a credential that names the issuer’s key but was signed with another key', async () => {
    const issuer = makeIssuer('330106');
    const thief = generateEd25519KeyPair();
    const documentLoader = loaderFor(issuer.didDocument);
    const claimingIssuerKey = createEd25519Signer({ id: `${issuer.did}#key-1`, secretKeyMultibase: thief.secretKeyMultibase });
    const credential = await issueCredential({ credential: graduationCredential(issuer.did), signer: claimingIssuerKey, documentLoader, now: NOW });

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(failedChecks(outcome)).toEqual(['proof']);
    expect(problemTypes(outcome)).toEqual([PROBLEM_TYPES.cryptographicSecurity]);
  });

  it('fails a credential whose verification method is not in the issuer’s DID document', async () => {
    const issuer = makeIssuer('330106');
    const documentLoader = loaderFor(issuer.didDocument);
    const unlistedKey = createEd25519Signer({ id: `${issuer.did}#key-2`, secretKeyMultibase: issuer.keys.secretKeyMultibase });
    const credential = await issueCredential({ credential: graduationCredential(issuer.did), signer: unlistedKey, documentLoader, now: NOW });

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(failedChecks(outcome)).toEqual(['proof']);
    expect(outcome.problems).toEqual([
      {
        type: PROBLEM_TYPES.invalidVerificationMethod,
        title: 'Verification method not found',
        detail: `Document not found offline: ${issuer.did}#key-2`,
      },
    ]);
  });

  it('reports a DID document filed under another DID as a problem of the issuer', async () => {
    const { issuer, credential } = await issuedByFreshIssuer();
    const misfiled = { ...issuer.didDocument, id: 'did:web:localhost%3A3000:issuers:330108' };
    const documentLoader = createDocumentLoader({ resolveDid: async () => misfiled });

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(failedChecks(outcome)).toEqual(['proof']);
    expect(problemTypes(outcome)).toEqual([PROBLEM_TYPES.invalidControllerDocumentId]);
  });

  it('throws, rather than blaming the credential, when DID resolution itself breaks', async () => {
    const { credential } = await issuedByFreshIssuer();
    const documentLoader = createDocumentLoader({
      resolveDid: async () => {
        throw new Error('connection to database lost');
      },
    });

    await expect(verifyCredential({ credential, documentLoader, now: NOW })).rejects.toThrow('connection to database lost');
  });

  it.each([
    {
      period: 'not yet valid (validFrom a day after now)',
      overrides: { validFrom: new Date(NOW.getTime() + ONE_DAY_MS).toISOString() },
      title: 'Credential not yet valid',
    },
    {
      period: 'expired (validUntil a second before now)',
      overrides: { validFrom: '2024-01-01T00:00:00Z', validUntil: new Date(NOW.getTime() - 1000).toISOString() },
      title: 'Credential expired',
    },
  ])('fails a credential that is $period, while reporting the proof as sound', async ({ overrides, title }) => {
    const { credential, documentLoader } = await issuedByFreshIssuer(overrides);

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(outcome.verified).toBe(false);
    expect(outcome.checks).toEqual([
      { check: 'proof', ok: true },
      { check: 'issuer', ok: true },
      { check: 'validity', ok: false, detail: expect.any(String) },
    ]);
    expect(outcome.problems).toEqual([{ type: PROBLEM_TYPES.range, title, detail: expect.any(String) }]);
  });

  it('accepts a credential exactly at its validFrom and validUntil bounds', async () => {
    const at = NOW.toISOString();
    const { credential, documentLoader } = await issuedByFreshIssuer({ validFrom: at, validUntil: at });

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(outcome.verified).toBe(true);
  });

  it.each([
    { input: 'null', credential: null },
    { input: 'a string', credential: 'eyJhbGciOi…' },
    { input: 'an array', credential: [] },
    { input: 'an object without proof', credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] } },
  ])('reports $input as malformed instead of throwing', async ({ credential }) => {
    const outcome = await verifyCredential({ credential, documentLoader: createDocumentLoader(), now: NOW });

    expect(outcome.verified).toBe(false);
    expect(failedChecks(outcome)).toEqual(['proof']);
    expect(problemTypes(outcome)).toEqual([PROBLEM_TYPES.malformedValue]);
  });

  it.each([
    {
      change: 'a term no context defines',
      tamper: (c: VerifiableCredential) => {
        (c.credentialSubject as Record<string, unknown>).nickname = '小明';
      },
    },
    {
      change: 'a context that is not available offline',
      tamper: (c: VerifiableCredential) => {
        c['@context'].push('https://example.org/contexts/unknown/v1');
      },
    },
    {
      change: 'a credential context that is not first',
      tamper: (c: VerifiableCredential) => {
        c['@context'].reverse();
      },
    },
  ])('reports a credential with $change as malformed', async ({ tamper }) => {
    const { credential, documentLoader } = await issuedByFreshIssuer();
    tamper(credential);

    const outcome = await verifyCredential({ credential, documentLoader, now: NOW });

    expect(outcome.verified).toBe(false);
    expect(failedChecks(outcome)).toEqual(['proof']);
    expect(problemTypes(outcome)).toEqual([PROBLEM_TYPES.malformedValue]);
  });
});

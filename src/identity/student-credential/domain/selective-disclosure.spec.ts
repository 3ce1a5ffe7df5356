import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { XUEJI_IDENTITY_CONTEXT_V1, xuejiIdentityContextUrl } from '../../contexts/xueji-identity-v1.js';
import { createDocumentLoader, type DocumentLoader } from '../../domain/document-loader.js';
import { validityPeriod } from './identity-claims.js';
import { PROBLEM_TYPES as PRESENTATION_PROBLEM_TYPES } from '../../../common/verification/problems.js';
import { verifyPresentation, type StatusChecker } from './presentation-verification.js';
import {
  createPresentation,
  deriveDisclosure,
  issueSelectiveCredential,
  MANDATORY_POINTERS,
  VC_V2_CONTEXT_URL,
  type HolderSigner,
  type SignedCredential,
} from './selective-disclosure.js';
import {
  ed25519Holder,
  issuerFixture,
  loaderFor,
  p256Holder,
  PUBLIC_URL,
  statusEntriesFixture,
  studentFacts,
  type Holder,
  type Issuer,
} from './student-credential.fixtures.js';
import { buildStudentIdentityCredential } from './student-identity-credential.js';

const NOW = new Date('2026-03-02T01:00:00Z');
const LATER = new Date('2026-03-02T01:05:00Z');
const CHALLENGE = 'c0ffee-2026-03-02-9f1b';
const DOMAIN = 'https://verifier.example.cn';
const AGE_AND_CITY = ['/credentialSubject/age_over_14', '/credentialSubject/school/city'];

let issuer: Issuer;
let holder: Holder;
let documentLoader: DocumentLoader;
let baseCredential: SignedCredential;

beforeAll(async () => {
  issuer = issuerFixture();
  holder = ed25519Holder();
  documentLoader = loaderFor(issuer);
  baseCredential = await issueFor(holder);
});

async function issueFor(someHolder: Holder, birthDate?: string): Promise<SignedCredential> {
  const credential = buildStudentIdentityCredential(studentFacts({ birthDate }), {
    publicUrl: PUBLIC_URL,
    ...validityPeriod(NOW),
    holderDid: someHolder.did,
    credentialStatus: statusEntriesFixture(),
  });
  return issueSelectiveCredential({ credential: { ...credential }, signer: issuer.signer, documentLoader, now: NOW });
}

async function present(selectivePointers: string[], options: { by?: Holder; credential?: SignedCredential } = {}) {
  const by = options.by ?? holder;
  const derived = await deriveDisclosure({ verifiableCredential: options.credential ?? baseCredential, selectivePointers, documentLoader });
  return createPresentation({ derived, holderSigner: by.signer, challenge: CHALLENGE, domain: DOMAIN, documentLoader, now: LATER });
}

function verify(presentation: unknown, overrides: { challenge?: string; domain?: string; now?: Date; checkStatus?: StatusChecker } = {}) {
  return verifyPresentation({ presentation, challenge: CHALLENGE, domain: DOMAIN, documentLoader, now: LATER, ...overrides });
}

/** Signs any presentation with any key: what an attacker or a careless wallet could send. */
async function signAs(signer: HolderSigner, presentation: Record<string, unknown>) {
  const suite = new DataIntegrityProof({ signer, date: LATER, cryptosuite: eddsaRdfc2022 });
  return vc.signPresentation({ presentation, suite, documentLoader, challenge: CHALLENGE, domain: DOMAIN });
}

function credentialIn(presentation: Record<string, unknown>): Record<string, unknown> & { credentialSubject: Record<string, unknown> } {
  return (presentation.verifiableCredential as Array<Record<string, unknown> & { credentialSubject: Record<string, unknown> }>)[0];
}

function checksOf(outcome: { checks: Array<{ check: string; ok: boolean }> }) {
  return Object.fromEntries(outcome.checks.map(({ check, ok }) => [check, ok]));
}

describe('a presentation disclosing only age_over_14 and the school’s city (done when)', () => {
  it('verifies, and its bytes hold neither the name, nor the birth date, nor the student number', async () => {
    const presentation = await present(AGE_AND_CITY);
    const outcome = await verify(presentation);
    const bytes = JSON.stringify(presentation);

    expect(outcome).toMatchObject({ verified: true, problems: [] });
    expect(checksOf(outcome)).toEqual({ disclosure: true, presentation: true, holder: true, proof: true, issuer: true, validity: true });
    expect(bytes).not.toContain('李小明');
    expect(bytes).not.toContain('2011-05-20');
    expect(bytes).not.toContain('S3320240000000420');
    expect(bytes).not.toContain('文三中学');
    expect(bytes).not.toContain('3133001234');
    expect(bytes).not.toContain('"西湖区"');
    expect(bytes).toContain('"age_over_14":true');
    expect(bytes).toContain('"city":{"divisionCode":"330100","name":"杭州市"}');
  });

  it('reveals exactly the mandatory claims and the two chosen ones', async () => {
    const presentation = await present(AGE_AND_CITY);
    const { proof: _proof, ...credential } = credentialIn(presentation);

    expect(credential).toEqual({
      '@context': baseCredential['@context'],
      type: ['VerifiableCredential', 'StudentIdentityCredential'],
      issuer: { id: issuer.did, name: '杭州市西湖区教育局' },
      validFrom: '2026-03-02T01:00:00Z',
      validUntil: '2026-08-31T15:59:59Z',
      credentialSubject: { id: holder.did, age_over_14: true, school: { city: { divisionCode: '330100', name: '杭州市' } } },
      credentialStatus: statusEntriesFixture(),
    });
    expect(presentation).toMatchObject({ '@context': [VC_V2_CONTEXT_URL], type: ['VerifiablePresentation'], holder: holder.did });
  });

  it('stays small enough to pass in one request: under 4 KB of JSON', async () => {
    const size = Buffer.byteLength(JSON.stringify(await present(AGE_AND_CITY)));

    expect(size).toBeGreaterThan(1_500);
    expect(size).toBeLessThan(4_000);
  });
});

describe('holder keys', () => {
  it('a P-256 holder presents with an ecdsa-rdfc-2019 proof', async () => {
    const p256 = p256Holder();
    const presentation = await present(AGE_AND_CITY, { by: p256, credential: await issueFor(p256) });

    expect((presentation.proof as { cryptosuite: string }).cryptosuite).toBe('ecdsa-rdfc-2019');
    expect(await verify(presentation)).toMatchObject({ verified: true, problems: [] });
  });

  it('an Ed25519 holder presents with an eddsa-rdfc-2022 proof', async () => {
    const presentation = await present(AGE_AND_CITY);

    expect(presentation.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: CHALLENGE, domain: DOMAIN });
  });
});

describe('tampering', () => {
  it('a changed disclosed value fails the credential proof, even in a presentation the holder re-signs', async () => {
    const presentation = await present(AGE_AND_CITY);
    const derived = structuredClone(credentialIn(presentation)) as SignedCredential & { credentialSubject: { school: { city: { name: string } } } };
    derived.credentialSubject.school.city.name = '宁波市';

    const resigned = await createPresentation({ derived, holderSigner: holder.signer, challenge: CHALLENGE, domain: DOMAIN, documentLoader, now: LATER });
    const outcome = await verify(resigned);

    expect(outcome.verified).toBe(false);
    expect(checksOf(outcome)).toMatchObject({ presentation: true, holder: true, proof: false });
    expect(outcome.problems).toContainEqual(expect.objectContaining({ type: PRESENTATION_PROBLEM_TYPES.cryptographicSecurity }));
  });

  it('an age claim flipped from false to true fails', async () => {
    const presentation = await present(['/credentialSubject/age_over_16']);
    const derived = structuredClone(credentialIn(presentation)) as SignedCredential & { credentialSubject: Record<string, unknown> };
    expect(derived.credentialSubject.age_over_16).toBe(false);
    derived.credentialSubject.age_over_16 = true;

    const resigned = await createPresentation({ derived, holderSigner: holder.signer, challenge: CHALLENGE, domain: DOMAIN, documentLoader, now: LATER });

    expect(await verify(resigned)).toMatchObject({ verified: false, checks: expect.arrayContaining([{ check: 'proof', ok: false, detail: 'Invalid signature.' }]) });
  });

  it('a value changed after the holder signed fails the presentation proof as well', async () => {
    const presentation = structuredClone(await present(AGE_AND_CITY));
    credentialIn(presentation).credentialSubject.age_over_14 = false;

    const outcome = await verify(presentation);

    expect(outcome.verified).toBe(false);
    expect(checksOf(outcome)).toMatchObject({ presentation: false, proof: false });
  });

  it('a claim the holder did not disclose cannot be added', async () => {
    const presentation = await present(['/credentialSubject/age_over_14']);
    const derived = structuredClone(credentialIn(presentation)) as SignedCredential & { credentialSubject: Record<string, unknown> };
    derived.credentialSubject.age_over_18 = true;

    const resigned = await createPresentation({ derived, holderSigner: holder.signer, challenge: CHALLENGE, domain: DOMAIN, documentLoader, now: LATER });

    expect(checksOf(await verify(resigned))).toMatchObject({ proof: false });
  });
});

describe('challenge and domain', () => {
  it('a presentation made for another challenge fails', async () => {
    const outcome = await verify(await present(AGE_AND_CITY), { challenge: 'another-challenge' });

    expect(outcome.verified).toBe(false);
    expect(outcome.problems).toEqual([expect.objectContaining({ type: PRESENTATION_PROBLEM_TYPES.invalidChallenge })]);
  });

  it('a presentation made for another domain fails', async () => {
    const outcome = await verify(await present(AGE_AND_CITY), { domain: 'https://other-verifier.example.cn' });

    expect(outcome.verified).toBe(false);
    expect(outcome.problems).toEqual([expect.objectContaining({ type: PRESENTATION_PROBLEM_TYPES.invalidDomain })]);
  });

  it('a verifier that passes no challenge or domain gets a refusal, not a weaker check', async () => {
    const presentation = await present(AGE_AND_CITY);

    expect((await verify(presentation, { challenge: '' })).verified).toBe(false);
    expect((await verify(presentation, { domain: '' })).verified).toBe(false);
  });
});

describe('holder binding', () => {
  it('a presentation signed by another key, as its own holder, fails', async () => {
    const thief = ed25519Holder();
    const derived = await deriveDisclosure({ verifiableCredential: baseCredential, selectivePointers: AGE_AND_CITY, documentLoader });
    const presentation = await signAs(thief.signer, { '@context': [VC_V2_CONTEXT_URL], type: ['VerifiablePresentation'], holder: thief.did, verifiableCredential: [derived] });

    const outcome = await verify(presentation);

    expect(outcome.verified).toBe(false);
    expect(checksOf(outcome)).toMatchObject({ presentation: true, holder: false, proof: true });
    expect(outcome.problems).toEqual([expect.objectContaining({ type: PRESENTATION_PROBLEM_TYPES.invalidVerificationMethod })]);
  });

  it('a presentation naming the real holder but signed by another key fails', async () => {
    const thief = ed25519Holder();
    const derived = await deriveDisclosure({ verifiableCredential: baseCredential, selectivePointers: AGE_AND_CITY, documentLoader });
    const presentation = await signAs(thief.signer, { '@context': [VC_V2_CONTEXT_URL], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: [derived] });

    expect(checksOf(await verify(presentation))).toMatchObject({ holder: false });
  });

  it('the holder library refuses to sign a credential bound to someone else', async () => {
    const derived = await deriveDisclosure({ verifiableCredential: baseCredential, selectivePointers: AGE_AND_CITY, documentLoader });

    await expect(
      createPresentation({ derived, holderSigner: ed25519Holder().signer, challenge: CHALLENGE, domain: DOMAIN, documentLoader, now: LATER }),
    ).rejects.toThrow(`The credential is bound to "${holder.did}"`);
  });
});

describe('the base credential', () => {
  it('is refused by the verifier when presented as it is', async () => {
    const presentation = await signAs(holder.signer, { '@context': [VC_V2_CONTEXT_URL], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: [baseCredential] });

    const outcome = await verify(presentation);

    expect(outcome).toMatchObject({ verified: false, checks: [{ check: 'disclosure', ok: false }] });
    expect(outcome.problems[0]).toMatchObject({ title: 'Base credential presented' });
  });

  it('cannot be wrapped by createPresentation', async () => {
    await expect(
      createPresentation({ derived: baseCredential, holderSigner: holder.signer, challenge: CHALLENGE, domain: DOMAIN, documentLoader, now: LATER }),
    ).rejects.toThrow('Only a derived disclosure can be presented');
  });
});

describe('mandatory claims', () => {
  const ALL_CLAIMS = ['name', 'gender', 'birthDate', 'studentNumber', 'school', 'educationStage', 'grade', 'enrolmentStatus', 'age_over_12', 'age_over_14', 'age_over_16', 'age_over_18'];

  it.each([
    ['nothing selected', []],
    ['one age claim', ['/credentialSubject/age_over_18']],
    ['the county name only', ['/credentialSubject/school/county/name']],
    ['every claim', ALL_CLAIMS.map((claim) => `/credentialSubject/${claim}`)],
  ])('are in every derivation (%s), and it verifies', async (_case, selectivePointers) => {
    const presentation = await present(selectivePointers);
    const credential = credentialIn(presentation);

    expect(credential).toMatchObject({
      issuer: baseCredential.issuer,
      type: baseCredential.type,
      validFrom: baseCredential.validFrom,
      validUntil: baseCredential.validUntil,
      credentialStatus: baseCredential.credentialStatus,
      credentialSubject: { id: holder.did },
    });
    expect(Object.keys(credential.credentialSubject).sort()).toEqual(['id', ...selectivePointers.map((pointer) => pointer.split('/')[2])].sort());
    expect((await verify(presentation)).verified).toBe(true);
  });

  it('cannot be left out by the issuer', async () => {
    const credential = { ...baseCredential };
    delete (credential as Record<string, unknown>).proof;

    await expect(
      issueSelectiveCredential({ credential, signer: issuer.signer, mandatoryPointers: ['/issuer', '/type'], documentLoader, now: NOW }),
    ).rejects.toThrow('Mandatory pointers must include /validFrom, /validUntil, /credentialStatus, /credentialSubject/id.');
  });
});

describe('issuing', () => {
  it('signs with the issuer’s P-256 key only', async () => {
    const { proof: _proof, ...credential } = baseCredential;
    const stranger = p256Holder();

    await expect(issueSelectiveCredential({ credential, signer: stranger.signer, documentLoader, now: NOW })).rejects.toThrow('does not belong to issuer');
    await expect(issueSelectiveCredential({ credential, signer: ed25519Holder().signer, documentLoader, now: NOW })).rejects.toThrow('signs with P-256');
  });

  it('writes a base proof by the issuer’s key, created now', () => {
    expect(baseCredential.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'ecdsa-sd-2023',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${issuer.did}#sd-1`,
      created: '2026-03-02T01:00:00Z',
    });
    expect(baseCredential.proof.proofValue.startsWith('u2V0A')).toBe(true);
  });
});

describe('validity and status', () => {
  it('an expired credential fails the validity check only', async () => {
    const outcome = await verify(await present(AGE_AND_CITY), { now: new Date('2026-09-01T00:00:00Z') });

    expect(checksOf(outcome)).toMatchObject({ presentation: true, holder: true, proof: true, validity: false });
    expect(outcome.problems).toEqual([expect.objectContaining({ type: PRESENTATION_PROBLEM_TYPES.range, title: 'Credential expired' })]);
  });

  it('runs the caller’s status check on the disclosed credential', async () => {
    const presentation = await present(AGE_AND_CITY);
    const seen: unknown[] = [];
    const clear: StatusChecker = async (credential) => {
      seen.push(credential.credentialStatus);
      return [
        { statusPurpose: 'revocation', verdict: 'clear', detail: 'index 40321' },
        { statusPurpose: 'suspension', verdict: 'clear', detail: 'index 40321' },
      ];
    };
    const revoked: StatusChecker = async () => [{ statusPurpose: 'revocation', verdict: 'set', detail: 'index 40321' }];

    expect(await verify(presentation, { checkStatus: clear })).toMatchObject({ verified: true, checks: expect.arrayContaining([{ check: 'status', ok: true }]) });
    expect(seen).toEqual([statusEntriesFixture()]);
    expect(await verify(presentation, { checkStatus: revoked })).toMatchObject({
      verified: false,
      problems: [{ type: PRESENTATION_PROBLEM_TYPES.statusVerification, title: 'Credential revoked', detail: 'index 40321' }],
    });
  });
});

describe('bad input', () => {
  it.each([
    ['null', null],
    ['a string', 'eyJhbGciOi'],
    ['an empty object', {}],
    ['a presentation without a credential', { '@context': [VC_V2_CONTEXT_URL], type: ['VerifiablePresentation'], proof: {} }],
  ])('is reported, never thrown: %s', async (_case, presentation) => {
    const outcome = await verify(presentation);

    expect(outcome).toMatchObject({ verified: false, problems: [expect.objectContaining({ type: PRESENTATION_PROBLEM_TYPES.malformedValue })] });
  });

  it('a presentation with an unknown context is reported, never thrown', async () => {
    const presentation = structuredClone(await present(AGE_AND_CITY));
    (presentation['@context'] as string[]).push('https://evil.example/context');

    const outcome = await verify(presentation);

    expect(outcome.verified).toBe(false);
    expect(checksOf(outcome)).toMatchObject({ presentation: false });
  });

  it('a loader failure that is not the presentation’s fault is thrown, not reported as a bad presentation', async () => {
    const presentation = await present(AGE_AND_CITY);
    const failing = createDocumentLoader({
      contexts: { [xuejiIdentityContextUrl(PUBLIC_URL)]: XUEJI_IDENTITY_CONTEXT_V1 },
      resolveDid: async () => {
        throw new Error('database unavailable');
      },
    });

    await expect(verifyPresentation({ presentation, challenge: CHALLENGE, domain: DOMAIN, documentLoader: failing, now: LATER })).rejects.toThrow();
  });
});

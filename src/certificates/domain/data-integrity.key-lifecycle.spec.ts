import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { buildDidDocument, didWebForPath, verificationMethodId, type DidDocument, type DidKeyEntry } from '../../identity/domain/did-web.js';
import { createDocumentLoader, XUEJI_CONTEXT_URL } from '../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import { issueCredential, PROBLEM_TYPES, verifyCredential, type Credential, type VerifiableCredential } from './data-integrity.js';

/*
 * Key rotation and revocation as a verifier sees them: the issuer's DID document lists an old key
 * as retired (rotation) or revoked at a compromise time; credentials signed before keep
 * verifying, those after (or not vouched for by the register) fail with the reason.
 */

const DID = didWebForPath('http://localhost:3000', ['issuers', '330106']);
const BEFORE = new Date('2026-02-01T08:00:00Z');
const COMPROMISE = '2026-03-01T00:00:00.000Z';
const AFTER = new Date('2026-03-02T08:00:00Z');

const oldKey = generateEd25519KeyPair();
const newKey = generateEd25519KeyPair();
const signerOf = (key: typeof oldKey) =>
  createEd25519Signer({ id: verificationMethodId(DID, key.publicKeyMultibase), secretKeyMultibase: key.secretKeyMultibase });
const entry = (key: typeof oldKey, more: Partial<DidKeyEntry> = {}): DidKeyEntry => ({ id: key.publicKeyMultibase, publicKeyMultibase: key.publicKeyMultibase, ...more });

function loaderFor(document: DidDocument) {
  return createDocumentLoader({ resolveDid: async (did) => (did === document.id ? document : null) });
}

const ONLY_OLD = buildDidDocument({ did: DID, verificationMethods: [entry(oldKey)] });
const ROTATED = buildDidDocument({ did: DID, verificationMethods: [entry(oldKey, { status: 'retired' }), entry(newKey)] });
const COMPROMISED = buildDidDocument({ did: DID, verificationMethods: [entry(oldKey, { status: 'revoked', revoked: COMPROMISE }), entry(newKey)] });

function credential(): Credential {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', XUEJI_CONTEXT_URL],
    id: 'urn:uuid:0b3a9f5e-6c1d-4e2a-8f7b-1c2d3e4f5a6b',
    type: ['VerifiableCredential', 'GraduationCertificate'],
    issuer: DID,
    validFrom: '2024-06-30T00:00:00Z',
    credentialSubject: { type: 'Graduate', name: '张小明', certificateNumber: '330106-2024-000001' },
  };
}

async function signedWithOldKeyAt(now: Date): Promise<VerifiableCredential> {
  return issueCredential({ credential: credential(), signer: signerOf(oldKey), documentLoader: loaderFor(ONLY_OLD), now });
}

const register = (answer: boolean) => async () => answer;

describe('verification across key rotation', () => {
  it('keeps verifying a credential signed with a key since retired, with any verifier', async () => {
    const vcBefore = await signedWithOldKeyAt(BEFORE);

    const ours = await verifyCredential({ credential: vcBefore, documentLoader: loaderFor(ROTATED), now: AFTER });
    const stock = await vc.verifyCredential({
      credential: vcBefore,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: loaderFor(ROTATED),
      checkStatus: async () => ({ verified: true }),
    });

    expect(ours.verified).toBe(true);
    expect(stock.verified).toBe(true);
  });
});

describe('verification after a key is revoked with a compromise time', () => {
  it('accepts a proof made before the compromise that the register vouches for, and says so', async () => {
    const vcBefore = await signedWithOldKeyAt(BEFORE);

    const outcome = await verifyCredential({ credential: vcBefore, documentLoader: loaderFor(COMPROMISED), now: AFTER, recordedBefore: register(true) });

    expect(outcome.verified).toBe(true);
    expect(outcome.checks.find((c) => c.check === 'proof')).toEqual({
      check: 'proof',
      ok: true,
      detail: `Signed at ${vcBefore.proof && (vcBefore.proof as { created: string }).created} with key ${DID}#${oldKey.publicKeyMultibase}, before its compromise at ${COMPROMISE}, as the register records.`,
    });
  });

  it('refuses a proof made after the compromise, naming the key and the time', async () => {
    const vcAfter = await signedWithOldKeyAt(AFTER);

    const outcome = await verifyCredential({ credential: vcAfter, documentLoader: loaderFor(COMPROMISED), now: AFTER, recordedBefore: register(true) });

    expect(outcome.verified).toBe(false);
    expect(outcome.problems).toEqual([
      {
        type: PROBLEM_TYPES.invalidVerificationMethod,
        title: 'Key revoked after compromise',
        detail: `Signed with key ${DID}#${oldKey.publicKeyMultibase}, revoked after compromise at ${COMPROMISE}: the proof was made at ${(vcAfter.proof as { created: string }).created}, after the compromise.`,
      },
    ]);
  });

  it('refuses a proof claiming an earlier time that the register does not vouch for (backdating)', async () => {
    const backdated = await signedWithOldKeyAt(BEFORE);

    const outcome = await verifyCredential({ credential: backdated, documentLoader: loaderFor(COMPROMISED), now: AFTER, recordedBefore: register(false) });

    expect(outcome.verified).toBe(false);
    expect(outcome.problems[0].title).toBe('Key revoked after compromise');
    expect(outcome.problems[0].detail).toMatch(/but the register holds no record of it made before the compromise\.$/);
  });

  it('refuses every proof by a revoked key when no register is consulted', async () => {
    const outcome = await verifyCredential({ credential: await signedWithOldKeyAt(BEFORE), documentLoader: loaderFor(COMPROMISED), now: AFTER });

    expect(outcome.verified).toBe(false);
    expect(outcome.problems[0].title).toBe('Key revoked after compromise');
  });

  it('refuses a revoked key even where its DID document still lists it as an assertion method', async () => {
    const lax = { ...COMPROMISED, assertionMethod: [...COMPROMISED.assertionMethod, `${DID}#${oldKey.publicKeyMultibase}`] };

    const outcome = await verifyCredential({ credential: await signedWithOldKeyAt(AFTER), documentLoader: loaderFor(lax), now: AFTER, recordedBefore: register(true) });

    expect(outcome.verified).toBe(false);
    expect(outcome.problems[0].title).toBe('Key revoked after compromise');
  });

  it('still checks the signature of a vouched-for proof: a changed credential fails', async () => {
    const vcBefore = await signedWithOldKeyAt(BEFORE);
    const changed = { ...vcBefore, credentialSubject: { ...(vcBefore.credentialSubject as object), name: '张小亮' } };

    const outcome = await verifyCredential({ credential: changed, documentLoader: loaderFor(COMPROMISED), now: AFTER, recordedBefore: register(true) });

    expect(outcome.verified).toBe(false);
    expect(outcome.problems[0].type).toBe(PROBLEM_TYPES.cryptographicSecurity);
  });

  it('is refused by a stock verifier too, which knows no register: the key is in no relationship any more', async () => {
    const result = await vc.verifyCredential({
      credential: await signedWithOldKeyAt(BEFORE),
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: loaderFor(COMPROMISED),
      checkStatus: async () => ({ verified: true }),
    });

    expect(result.verified).toBe(false);
    expect(JSON.stringify(result.error?.errors?.map((e: Error) => e.message))).toContain('not authorized by controller for proof purpose');
  });

  it('verifies what the replacement key signs', async () => {
    const signed = await issueCredential({ credential: credential(), signer: signerOf(newKey), documentLoader: loaderFor(COMPROMISED), now: AFTER });

    expect((await verifyCredential({ credential: signed, documentLoader: loaderFor(COMPROMISED), now: AFTER })).verified).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { createDocumentLoader } from '../../identity/domain/document-loader.js';
import { serviceContexts } from '../../identity/contexts/service-contexts.js';
import { didKeyDocument } from '../../identity/domain/did-key.js';
import { createP256Signer, generateP256KeyPair, p256DidKey } from '../../identity/domain/p256-keys.js';
import { deriveDisclosure, issueSdCredential, type SignedCredential } from '../../identity/student-credential/domain/selective-disclosure.js';
import { baseSignatureOf, sdJwtSignatureDigest, sdProofSignatureDigest } from './signature-digest.js';

const loader = createDocumentLoader({ contexts: serviceContexts('https://xueji.example', false), resolveDid: async (did) => didKeyDocument(did) });

describe('issuer signature digests', () => {
  it('finds the same base signature in a base proof and in every disclosure derived from it', async () => {
    const keys = generateP256KeyPair();
    const { did, verificationMethodId } = p256DidKey(keys.publicKeyMultibase);
    const base = await issueSdCredential({
      credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: did, credentialSubject: { id: 'did:example:a', name: 'A', description: 'B' } },
      signer: createP256Signer({ id: verificationMethodId, secretKeyMultibase: keys.secretKeyMultibase }),
      mandatoryPointers: ['/issuer'],
      documentLoader: loader,
      now: new Date('2026-11-30T00:00:00Z'),
    });
    const derivedA = await deriveDisclosure({ verifiableCredential: base as SignedCredential, selectivePointers: ['/credentialSubject/name'], documentLoader: loader });
    const derivedB = await deriveDisclosure({ verifiableCredential: base as SignedCredential, selectivePointers: ['/credentialSubject/description'], documentLoader: loader });
    const digest = sdProofSignatureDigest(base.proof.proofValue);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(sdProofSignatureDigest(derivedA.proof.proofValue)).toBe(digest);
    expect(sdProofSignatureDigest(derivedB.proof.proofValue)).toBe(digest);
  });

  it('answers null for anything that is not an ecdsa-sd-2023 proof value', () => {
    expect(baseSignatureOf('z3abc')).toBeNull();
    expect(baseSignatureOf(`u${Buffer.from([0xd9, 0x5d, 0x02, 0x85, 0x58, 0x40]).toString('base64url')}`)).toBeNull();
    expect(baseSignatureOf(`u${Buffer.from([0xd9, 0x5d, 0x00, 0x85, 0x58, 0x40, 1, 2]).toString('base64url')}`)).toBeNull();
    expect(baseSignatureOf(42)).toBeNull();
  });

  it('takes an SD-JWT’s issuer signature, whatever disclosures and key binding follow', () => {
    const jwt = `${Buffer.from('{}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.${Buffer.alloc(64, 7).toString('base64url')}`;
    expect(sdJwtSignatureDigest(`${jwt}~WyJzIiwiYSIsMV0~`)).toBe(sdJwtSignatureDigest(`${jwt}~kb.jwt.sig`));
    expect(sdJwtSignatureDigest('not-a-jwt~')).toBeNull();
  });
});

import { buildDidDocument, didWebForPath, verificationMethodId } from '../../identity/domain/did-web.js';
import { createDocumentLoader, XUEJI_CONTEXT_URL } from '../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import { issueCredential, verifyCredential, type Credential, type DataIntegrityProofValue } from './data-integrity.js';

const NOW = new Date('2024-07-01T08:00:00Z');

/** Data Integrity proof sets: every proof must verify, or the credential is refused (security issue). */
describe('a credential with a proof set', () => {
  const did = didWebForPath('http://localhost:3000', ['issuers', '330106']);
  const keys = [generateEd25519KeyPair(), generateEd25519KeyPair()];
  const didDocument = buildDidDocument({
    did,
    verificationMethods: keys.map((k, i) => ({ id: `key-${i + 1}`, publicKeyMultibase: k.publicKeyMultibase })),
  });
  const documentLoader = createDocumentLoader({ resolveDid: async (d) => (d === did ? didDocument : null) });
  const credential: Credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', XUEJI_CONTEXT_URL],
    type: ['VerifiableCredential', 'GraduationCertificate'],
    issuer: did,
    validFrom: '2024-06-30T00:00:00Z',
    credentialSubject: { type: 'Graduate', name: '张小明' },
  };
  const sign = (i: number) =>
    issueCredential({ credential, signer: createEd25519Signer({ id: verificationMethodId(did, `key-${i + 1}`), secretKeyMultibase: keys[i].secretKeyMultibase }), documentLoader, now: NOW });
  const proofOf = async (i: number) => (await sign(i)).proof as DataIntegrityProofValue;

  it('verifies when every proof verifies', async () => {
    const both = { ...credential, proof: [await proofOf(0), await proofOf(1)] };
    expect((await verifyCredential({ credential: both, documentLoader, now: NOW })).verified).toBe(true);
  });

  it('is refused when one proof of the set does not verify, whatever the other says', async () => {
    const good = await proofOf(0);
    const garbage = { ...(await proofOf(1)), proofValue: `z${'1'.repeat(86)}` };
    for (const proof of [[good, garbage], [garbage, good]]) {
      const outcome = await verifyCredential({ credential: { ...credential, proof }, documentLoader, now: NOW });
      expect(outcome.verified).toBe(false);
      expect(outcome.checks.find((c) => c.check === 'proof')?.ok).toBe(false);
    }
  });
});

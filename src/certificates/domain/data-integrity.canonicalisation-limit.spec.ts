import { didKeyDocument } from '../../identity/domain/did-key.js';
import { createDocumentLoader } from '../../identity/domain/document-loader.js';
import { generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import { valuesExceed } from '../../common/http/body-limits.js';
import { PROBLEM_TYPES, verifyCredential } from './data-integrity.js';

const loader = createDocumentLoader({ resolveDid: async (did) => didKeyDocument(did) });
const NOW = new Date('2026-02-01T00:00:00Z');

/**
 * A ring of `size` blank nodes, each pointing to the next: every node has the same first-degree
 * hash, so RDFC-1.0 can only tell them apart by N-degree hashing, whose cost grows without bound
 * on such graphs (the "poison graph" of the RDF canonicalisation spec's security section).
 * The proof is never reached: canonicalisation comes first.
 */
function blankNodeRing(size: number) {
  const keys = generateEd25519KeyPair();
  const did = `did:key:${keys.publicKeyMultibase}`;
  const items = Array.from({ length: size }, (_, i) => ({ '@id': `_:b${i}`, next: { '@id': `_:b${(i + 1) % size}` } }));
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', { ex: 'https://example.org/#', items: 'ex:items', next: 'ex:next' }],
    type: ['VerifiableCredential'],
    issuer: did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:holder', items },
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2026-01-02T00:00:00Z',
      verificationMethod: `${did}#${keys.publicKeyMultibase}`,
      proofPurpose: 'assertionMethod',
      proofValue: `z${'1'.repeat(86)}`,
    },
  };
}

describe('verifyCredential: canonicalisation work limit', () => {
  it.each([4, 64, 400])('refuses a ring of %i look-alike blank nodes quickly, saying why', async (size) => {
    const credential = blankNodeRing(size);
    expect(valuesExceed({ verifiableCredential: credential }, 2_000)).toBe(false); // the request limits let it through
    const started = performance.now();
    const outcome = await verifyCredential({ credential, documentLoader: loader, now: NOW });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(outcome.verified).toBe(false);
    expect(outcome.problems).toEqual([
      expect.objectContaining({ type: PROBLEM_TYPES.malformedValue, title: 'The credential is too costly to canonicalise' }),
    ]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import type { DidDocument } from '../../identity/domain/did-web.js';
import { createDocumentLoader } from '../../identity/domain/document-loader.js';
import { verifyCredential } from './data-integrity.js';

/**
 * Stored credentials (test/vectors/certificates/*.json) with the DID documents and the time to
 * verify them at. They were signed once with throw-away keys; they guard the wire format:
 * a library upgrade that changes canonicalization or proof handling breaks them.
 */

interface TestVector {
  description: string;
  now: string;
  didDocuments: DidDocument[];
  credential: unknown;
  expected: { verified: boolean; failedChecks: string[]; problemTypes: string[] };
}

function loaderFor(didDocuments: DidDocument[]) {
  const byDid = new Map(didDocuments.map((document) => [document.id, document]));
  return createDocumentLoader({ resolveDid: async (did) => byDid.get(did) ?? null });
}

const VECTORS_DIR = new URL('../../../test/vectors/certificates/', import.meta.url);
const vectors = readdirSync(VECTORS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, vector: JSON.parse(readFileSync(new URL(file, VECTORS_DIR), 'utf8')) as TestVector }));

describe('verifyCredential against stored test vectors', () => {
  it('finds the vectors', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)('$file', async ({ vector }) => {
    const outcome = await verifyCredential({
      credential: vector.credential,
      documentLoader: loaderFor(vector.didDocuments),
      now: new Date(vector.now),
    });

    expect({
      verified: outcome.verified,
      failedChecks: outcome.checks.filter((check) => !check.ok).map((check) => check.check),
      problemTypes: outcome.problems.map((problem) => problem.type),
    }).toEqual(vector.expected);
  });
});

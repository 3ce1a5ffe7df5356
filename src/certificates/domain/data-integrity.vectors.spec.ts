import { readdirSync, readFileSync } from 'node:fs';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from '../../identity/contexts/xueji-certificate-v1.js';
import type { DidDocument } from '../../identity/domain/did-web.js';
import { createDocumentLoader, type DocumentLoader } from '../../identity/domain/document-loader.js';
import { checkCredentialStatuses } from '../status/domain/status-check.js';
import { verifyCredential } from './data-integrity.js';

/**
 * Credentials the service issued (test/vectors/certificates/*.json, written by `npm run vectors`),
 * each with the DID documents and status list credentials it needs, verified offline. They
 * guard the wire format: a change to the contexts, canonicalization or proof handling that
 * would stop issued certificates from verifying breaks them. Our certificate context comes
 * from the code, not from the file, so that editing the frozen context fails here too.
 */

interface TestVector {
  description: string;
  publicUrl: string;
  now: string;
  credential: Record<string, unknown>;
  didDocuments: DidDocument[];
  statusListCredentials: Array<{ id: string }>;
  expected: {
    verified: boolean;
    failedChecks: string[];
    problemTypes: string[];
    status: Record<string, string> | null;
  };
}

function loaderFor(vector: TestVector): DocumentLoader {
  const byDid = new Map(vector.didDocuments.map((document) => [document.id, document]));
  const lists = new Map(vector.statusListCredentials.map((list) => [list.id, list]));
  const load = createDocumentLoader({
    contexts: { [xuejiCertificateContextUrl(vector.publicUrl)]: XUEJI_CERTIFICATE_CONTEXT_V1 },
    resolveDid: async (did) => byDid.get(did) ?? null,
  });
  return async (url) => {
    const list = lists.get(url);
    return list ? { contextUrl: null, documentUrl: url, document: list } : load(url);
  };
}

/** Proof, issuer and validity as verifyCredential says; then, once the proof holds, each status entry. */
async function verdictOf(vector: TestVector) {
  const documentLoader = loaderFor(vector);
  const outcome = await verifyCredential({ credential: vector.credential, documentLoader, now: new Date(vector.now) });
  const proofHolds = outcome.checks.some((check) => check.check === 'proof' && check.ok);
  // A status list is read when the check runs, as the service reads it: verified as of the real time.
  const verifyList = async (list: Record<string, unknown>) => {
    const listOutcome = await verifyCredential({ credential: list, documentLoader, now: new Date() });
    return listOutcome.verified ? null : (listOutcome.problems[0]?.detail ?? 'the status list credential did not verify');
  };
  const statuses = proofHolds ? await checkCredentialStatuses(vector.credential, documentLoader, verifyList) : null;
  const notClear = (statuses ?? []).filter((entry) => entry.verdict !== 'clear').map((entry) => entry.statusPurpose);
  return {
    verified: outcome.verified && notClear.length === 0,
    failedChecks: [...outcome.checks.filter((check) => !check.ok).map((check) => check.check), ...notClear],
    problemTypes: outcome.problems.map((problem) => problem.type),
    status: statuses && Object.fromEntries(statuses.map((entry) => [entry.statusPurpose, entry.verdict])),
  };
}

const VECTORS_DIR = new URL('../../../test/vectors/certificates/', import.meta.url);
const vectors = readdirSync(VECTORS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, vector: JSON.parse(readFileSync(new URL(file, VECTORS_DIR), 'utf8')) as TestVector }));

describe('issued certificates (test vectors) verified offline', () => {
  it('finds the vectors, valid and invalid ones', () => {
    expect(vectors.filter(({ vector }) => vector.expected.verified).length).toBeGreaterThan(0);
    expect(vectors.filter(({ vector }) => !vector.expected.verified).length).toBeGreaterThan(0);
  });

  it('carries what a verifier needs offline in every vector', () => {
    for (const { vector } of vectors) {
      const statusLists = (vector.credential.credentialStatus as Array<{ statusListCredential: string }>).map((s) => s.statusListCredential);
      expect(vector.statusListCredentials.map((list) => list.id).sort()).toEqual([...new Set(statusLists)].sort());
      const issuer = (vector.credential.issuer as { id: string }).id;
      const signer = (vector.credential.proof as { verificationMethod: string }).verificationMethod.split('#')[0];
      expect(vector.didDocuments.map((document) => document.id)).toEqual(expect.arrayContaining([issuer, signer]));
    }
  });

  it.each(vectors)('$file', async ({ vector }) => {
    expect(await verdictOf(vector)).toEqual(vector.expected);
  });
});

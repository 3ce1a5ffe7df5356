import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { DocumentLoader } from '@digitalbazaar/vc';

/**
 * Checks every `credentialStatus` entry of a credential, each on its own, so that one list
 * that cannot be loaded makes that entry unknown without hiding what the others say. "Unknown"
 * is never "valid": a verifier that cannot read the list cannot vouch for the credential.
 * Pure: the document loader decides which lists are reachable (ours, offline).
 */
export type StatusVerdict = 'clear' | 'set' | 'unknown';

export interface EntryStatus {
  statusPurpose: string;
  verdict: StatusVerdict;
  /** Why it is unknown; for set/clear, which list said so. */
  detail: string;
}

/** Verifies a loaded status list credential (signature, issuer's key, validity): null when it holds, else why not. */
export type ListVerifier = (listCredential: Record<string, unknown>) => Promise<string | null>;

export async function checkCredentialStatuses(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
  verifyList: ListVerifier,
): Promise<EntryStatus[]> {
  const entries = asArray(credential.credentialStatus);
  return Promise.all(entries.map((entry) => checkEntry(credential, entry, documentLoader, verifyList)));
}

async function checkEntry(credential: Record<string, unknown>, entry: unknown, documentLoader: DocumentLoader, verifyList: ListVerifier): Promise<EntryStatus> {
  const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const statusPurpose = typeof fields.statusPurpose === 'string' ? fields.statusPurpose : 'unknown';
  if (fields.type !== 'BitstringStatusListEntry') {
    return { statusPurpose, verdict: 'unknown', detail: `status type ${JSON.stringify(fields.type ?? null)} is not supported` };
  }
  const url = String(fields.statusListCredential);
  let listCredential: Record<string, unknown>;
  try {
    listCredential = (await documentLoader(url)).document as Record<string, unknown>;
  } catch (error) {
    return { statusPurpose, verdict: 'unknown', detail: `status list not loaded: ${(error as Error).message}` };
  }
  const listProblem = await verifyList(listCredential);
  if (listProblem) return { statusPurpose, verdict: 'unknown', detail: `status list not verified: ${listProblem}` };
  // The list is verified above (and may be cached there); the library reads the bit and checks
  // purpose, type and that the list's issuer is the credential's.
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const loaded: DocumentLoader = async (u) => (u === url ? { contextUrl: null, documentUrl: url, document: listCredential } : documentLoader(u));
  const result = await checkStatus({
    credential: { ...credential, credentialStatus: fields },
    documentLoader: loaded,
    suite,
    verifyBitstringStatusListCredential: false,
    verifyMatchingIssuers: true,
  });
  const outcome = result.verified ? result.results?.[0] : undefined;
  if (!outcome) {
    return { statusPurpose, verdict: 'unknown', detail: `status list not checked: ${result.error?.message ?? 'no result'}` };
  }
  return { statusPurpose, verdict: outcome.status ? 'set' : 'clear', detail: `${url} index ${String(fields.statusListIndex)}` };
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import { PROBLEM_TYPES, problemsFromLibraryError, type VerificationProblem } from '../../common/verification/problems.js';
import { unverifiedProofs, VERIFY_CRYPTOSUITES } from './data-integrity.js';

export interface PresentationProofOptions {
  challenge?: string;
  domain?: string;
}

/** Loader errors that are the presentation's fault; any other loader error is rethrown. */
const PRESENTATION_FAULT_LOADER_ERRORS = new Set(['DocumentNotFoundError', 'InvalidDidDocumentError']);

/**
 * A presentation's own Data Integrity proof(s), through @digitalbazaar/vc (eddsa-rdfc-2022 or
 * ecdsa-rdfc-2019, canonicalisation bounded); its credentials are checked separately. Pure: the
 * loader and the clock come in. Empty when every proof holds; a failing document store is rethrown.
 */
export async function checkPresentationProof(options: {
  presentation: Record<string, unknown>;
  proofOptions: PresentationProofOptions;
  documentLoader: DocumentLoader;
  now: Date;
}): Promise<VerificationProblem[]> {
  const { presentation, proofOptions, documentLoader, now } = options;
  const failures: unknown[] = [];
  const loader: DocumentLoader = async (url) => {
    try {
      return await documentLoader(url);
    } catch (error) {
      if (!PRESENTATION_FAULT_LOADER_ERRORS.has((error as Error)?.name)) failures.push(error);
      throw error;
    }
  };
  const suite = [new DataIntegrityProof({ cryptosuite: VERIFY_CRYPTOSUITES.eddsaRdfc2022 }), new DataIntegrityProof({ cryptosuite: VERIFY_CRYPTOSUITES.ecdsaRdfc2019 })];
  let result: vc.VerifyPresentationResult;
  try {
    // The library also runs each embedded credential through these suites; that result is
    // ignored (VerificationService checks them, status included). The caller has already made
    // sure proofOptions.challenge is given and is the proof's; the library checks it again.
    result = await vc.verify({
      presentation,
      suite,
      challenge: proofOptions.challenge ?? '',
      domain: proofOptions.domain,
      documentLoader: loader,
      now,
      maxClockSkew: Infinity,
      checkStatus: async () => ({ verified: true }),
    });
  } catch (error) {
    result = { verified: false, error: error as Error };
  }
  if (failures.length > 0) throw failures[0];
  const proofResult = result.presentationResult;
  if (proofResult?.verified) {
    const unverified = unverifiedProofs(presentation.proof, proofResult as { results?: Array<{ verified?: boolean }> });
    if (unverified === 0) return [];
    const detail = `${unverified} of the presentation's proofs did not verify; every proof of a proof set must`;
    return [{ type: PROBLEM_TYPES.cryptographicSecurity, title: 'A proof of the set does not verify', detail }];
  }
  return problemsFromLibraryError(proofResult?.error ?? result.error, 'presentation');
}

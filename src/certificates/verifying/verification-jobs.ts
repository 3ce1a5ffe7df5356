/**
 * The verification work a thread runs, and the messages it exchanges with the main thread about
 * it. `runJob` is the one code path, whether the job runs on a verification thread or (with
 * VERIFY_THREADS=0) on the main thread: the pure domain functions, given a document loader. Besides
 * verification proper, the derivation of a selective disclosure: public, and as costly.
 */
import type { DocumentLoader, RemoteDocument } from '@digitalbazaar/vc';
import { DocumentNotFoundError, InvalidDidDocumentError } from '../../identity/domain/document-loader.js';
import { verifyCredential, type DataIntegrityProofValue, type RecordedBefore, type VerificationOutcome } from '../domain/data-integrity.js';
import { checkPresentationProof, type PresentationProofOptions } from '../domain/presentation-proof.js';
import type { VerificationProblem } from '../../common/verification/problems.js';
import { deriveDisclosure, type SignedCredential } from '../../identity/student-credential/domain/selective-disclosure.js';

export type VerificationJob =
  | { kind: 'credential'; credential: unknown; now: Date }
  | { kind: 'presentation'; presentation: Record<string, unknown>; proofOptions: PresentationProofOptions; now: Date }
  /** An ecdsa-sd-2023 disclosure (POST /credentials/derive): the same canonicalisation cost as a verification. */
  | { kind: 'derive'; verifiableCredential: SignedCredential; selectivePointers: string[] };

export type JobResult<J extends VerificationJob> = J extends { kind: 'credential' }
  ? VerificationOutcome
  : J extends { kind: 'presentation' }
    ? VerificationProblem[]
    : SignedCredential;

export async function runJob<J extends VerificationJob>(job: J, documentLoader: DocumentLoader, recordedBefore?: RecordedBefore): Promise<JobResult<J>> {
  if (job.kind === 'credential') {
    return (await verifyCredential({ credential: job.credential, documentLoader, now: job.now, recordedBefore })) as JobResult<J>;
  }
  if (job.kind === 'derive') {
    return (await deriveDisclosure({ verifiableCredential: job.verifiableCredential, selectivePointers: job.selectivePointers, documentLoader })) as JobResult<J>;
  }
  return (await checkPresentationProof({ presentation: job.presentation, proofOptions: job.proofOptions, documentLoader, now: job.now })) as JobResult<J>;
}

/** Main → thread. */
export type ToThread =
  | { type: 'job'; seq: number; job: VerificationJob; withRecords: boolean }
  | { type: 'loaded'; seq: number; call: number; document?: RemoteDocument; fault?: LoaderFault }
  | { type: 'recorded'; seq: number; call: number; recorded: boolean; failed?: boolean };

/** Thread → main. A failure travels as its error's name only: a library message may quote the document. */
export type FromThread =
  | { type: 'ready' }
  | { type: 'load'; seq: number; call: number; url: string }
  | { type: 'recordedBefore'; seq: number; call: number; proof: DataIntegrityProofValue; revokedAt: number }
  | { type: 'done'; seq: number; result: unknown }
  | { type: 'failed'; seq: number; name: string };

/** A document loader's failure, as it crosses threads. */
export interface LoaderFault {
  name: string;
  message?: string;
  url?: string;
}

/** The credential's faults keep their message (it names the URL or DID, as the reports do); a store's failure only its name. */
export function loaderFaultOf(error: unknown): LoaderFault {
  if (error instanceof DocumentNotFoundError) return { name: error.name, url: error.url };
  if (error instanceof InvalidDidDocumentError) return { name: error.name, message: error.message };
  return { name: error instanceof Error ? error.name : 'Error' };
}

/** The error the loader threw on the main thread, rebuilt on the verification thread. */
export function loaderErrorOf(fault: LoaderFault): Error {
  if (fault.name === 'DocumentNotFoundError') return new DocumentNotFoundError(fault.url ?? '');
  if (fault.name === 'InvalidDidDocumentError') return new InvalidDidDocumentError(fault.message ?? '');
  return Object.assign(new Error('the document store failed'), { name: fault.name });
}

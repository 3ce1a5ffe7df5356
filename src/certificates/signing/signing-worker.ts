/**
 * A signing thread: builds and signs certificates for the main thread, which meanwhile streams
 * the previous ones to the store and runs the other chunk's statements. It holds no state but
 * its templates and its last signer; the key comes with each request (a KeyObject is cloned, not
 * exported) and its signer is kept while requests name the same key (libsodium's copy of the key
 * is made once per signer, not once per request).
 */
import type { KeyObject } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { serviceContexts } from '../../identity/contexts/service-contexts.js';
import { createDocumentLoader } from '../../identity/domain/document-loader.js';
import { ed25519SignerOf, type Ed25519Signer } from '../../identity/domain/ed25519-keys.js';
import type { CertificateFacts } from '../domain/certificate-credential.js';
import { createTemplateIssuer } from '../domain/fast-rdfc/template-issuer.js';
import { signCertificateBytes } from './certificate-signing.js';

export interface SigningThreadData {
  publicUrl: string;
  conformance: boolean;
}

export interface SignRequest {
  seq: number;
  signerId: string;
  key: KeyObject;
  facts: CertificateFacts[];
  now: number;
}

/**
 * The certificates' JSON texts as UTF-8 bytes in one transferred buffer, with where each ends.
 * A failure travels as its error's name only: a builder's message may quote a field of the record.
 */
export type SignReply = { seq: number; utf8: ArrayBuffer; ends: number[] } | { seq: number; error: { name: string } };

const { publicUrl, conformance } = workerData as SigningThreadData;
const issuer = createTemplateIssuer({ documentLoader: createDocumentLoader({ contexts: serviceContexts(publicUrl, conformance) }) });
const port = parentPort!;

// One request at a time, in arrival order: replies come back in the order they were asked.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: SignRequest) => {
  queue = queue.then(() => answer(request));
});

let last: Ed25519Signer | undefined;

function signerFor(request: SignRequest): Ed25519Signer {
  if (last?.id !== request.signerId || !last.key!.equals(request.key)) last = ed25519SignerOf(request.signerId, request.key);
  return last;
}

async function answer(request: SignRequest): Promise<void> {
  let reply: SignReply;
  try {
    const { utf8, ends } = await signCertificateBytes(issuer, signerFor(request), {
      facts: request.facts,
      publicUrl,
      now: new Date(request.now),
    });
    reply = { seq: request.seq, utf8, ends };
  } catch (error) {
    reply = { seq: request.seq, error: { name: (error as Error)?.name ?? 'Error' } };
  }
  port.postMessage(reply, 'utf8' in reply ? [reply.utf8] : []);
}

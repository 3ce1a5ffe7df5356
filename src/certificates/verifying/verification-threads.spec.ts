import type { Worker } from 'node:worker_threads';
import type { AppConfig } from '../../config/config.js';
import type { DocumentLoaderService } from '../../identity/document-loader.service.js';
import { didKeyDocument } from '../../identity/domain/did-key.js';
import { createDocumentLoader, type DocumentLoader } from '../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import { createP256Signer, generateP256KeyPair, p256DidKey } from '../../identity/domain/p256-keys.js';
import { deriveDisclosure, issueSdCredential, type SignedCredential } from '../../identity/student-credential/domain/selective-disclosure.js';
import { heavyCredential } from '../../../test/support/heavy-credential.js';
import { issueCredential, verifyCredential, type VerifiableCredential } from '../domain/data-integrity.js';
import { VerificationBusyError, VerificationThreadLostError, VerificationTimeoutError } from './verification-errors.js';
import { VerificationThreads } from './verification-threads.service.js';

const NOW = new Date('2026-02-01T00:00:00Z');
const keys = generateEd25519KeyPair();
const DID = `did:key:${keys.publicKeyMultibase}`;
const signer = createEd25519Signer({ id: `${DID}#${keys.publicKeyMultibase}`, secretKeyMultibase: keys.secretKeyMultibase });

/** The main thread's loader: bundled contexts and did:key, counting the DIDs it was asked for. */
function mainLoader() {
  const asked: string[] = [];
  const inner = createDocumentLoader({ resolveDid: async (did) => didKeyDocument(did) });
  const load: DocumentLoader = async (url) => {
    if (url.startsWith('did:')) asked.push(url);
    return inner(url);
  };
  return { asked, load };
}

const sdKeys = generateP256KeyPair();
const SD = p256DidKey(sdKeys.publicKeyMultibase);
const sdSigner = createP256Signer({ id: SD.verificationMethodId, secretKeyMultibase: sdKeys.secretKeyMultibase });

/** An ecdsa-sd-2023 base credential, as a holder brings it to POST /credentials/derive. */
async function sdBase(items: number): Promise<SignedCredential> {
  const credential = heavyCredential(SD.did, items);
  return issueSdCredential({ credential, signer: sdSigner, mandatoryPointers: ['/issuer'], documentLoader: mainLoader().load, now: new Date('2026-01-02T00:00:00Z') });
}

async function signed(credential: Record<string, unknown>): Promise<VerifiableCredential> {
  return issueCredential({ credential: credential as never, signer, documentLoader: mainLoader().load, now: new Date('2026-01-02T00:00:00Z') });
}

function pool(settings: Partial<AppConfig> = {}, loader = mainLoader()) {
  const config = { publicUrl: 'http://xueji.test', conformanceIssuerSeed: null, verifyThreads: 1, verifyTimeoutMs: 5_000, verifyQueue: 8, ...settings } as AppConfig;
  return new VerificationThreads(config, { load: loader.load } as DocumentLoaderService);
}

const workerOf = (threads: VerificationThreads) => (threads as unknown as { threads: Array<{ worker: Worker } | undefined> }).threads[0]!.worker;

describe('verification threads', () => {
  let small: VerifiableCredential;
  let heavy: VerifiableCredential;
  let threads: VerificationThreads;
  beforeAll(async () => {
    small = await signed({ ...heavyCredential(DID, 3) });
    heavy = await signed(heavyCredential(DID));
  });
  afterEach(() => threads?.onApplicationShutdown());

  it('verifies on a thread exactly as on the calling thread, asking the main thread for the DID document', async () => {
    const loader = mainLoader();
    threads = pool({}, loader);
    const pooled = await threads.run({ kind: 'credential', credential: small, now: NOW });
    const inline = await verifyCredential({ credential: small, documentLoader: loader.load, now: NOW });
    expect(pooled).toEqual(inline);
    expect(pooled.verified).toBe(true);
    expect(loader.asked.some((url) => url.startsWith(DID))).toBe(true);
    const forged = { ...small, credentialSubject: { ...(small.credentialSubject as object), id: 'did:example:other' } };
    expect(await threads.run({ kind: 'credential', credential: forged, now: NOW })).toEqual(await verifyCredential({ credential: forged, documentLoader: loader.load, now: NOW }));
  });

  it("rethrows the main thread's store failure as it was, not as a bad credential", async () => {
    const down = Object.assign(new Error('connection refused'), { name: 'QueryFailedError' });
    const loader = { asked: [], load: (async (url: string) => (url.startsWith('did:') ? Promise.reject(down) : mainLoader().load(url))) as DocumentLoader };
    threads = pool({}, loader);
    await expect(threads.run({ kind: 'credential', credential: small, now: NOW })).rejects.toBe(down);
  });

  it('abandons a verification past the time limit, replaces the thread, and verifies the next one', async () => {
    // The limit is read per task: tight for the heavy credential only, so that neither a fast
    // machine (heavy done in time) nor a slow one (a fresh thread's first small check too late)
    // decides the outcome.
    threads = pool({ verifyTimeoutMs: 5_000 });
    await threads.run({ kind: 'credential', credential: small, now: NOW }); // the thread is up
    (threads as unknown as { config: { verifyTimeoutMs: number } }).config.verifyTimeoutMs = 10;
    const started = performance.now();
    await expect(threads.run({ kind: 'credential', credential: heavy, now: NOW })).rejects.toBeInstanceOf(VerificationTimeoutError);
    expect(performance.now() - started).toBeLessThan(1_000);
    (threads as unknown as { config: { verifyTimeoutMs: number } }).config.verifyTimeoutMs = 5_000;
    expect((await threads.run({ kind: 'credential', credential: small, now: NOW })).verified).toBe(true);
  });

  it('answers busy at once when every thread works and the queue is full', async () => {
    threads = pool({ verifyQueue: 1 });
    await threads.run({ kind: 'credential', credential: small, now: NOW });
    const running = threads.run({ kind: 'credential', credential: heavy, now: NOW });
    const queued = threads.run({ kind: 'credential', credential: small, now: NOW });
    const refused = await threads.run({ kind: 'credential', credential: small, now: NOW }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(VerificationBusyError);
    expect((refused as VerificationBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await running).verified).toBe(true);
    expect((await queued).verified).toBe(true);
  });

  it('fails the job of a thread that dies, and starts a new thread for the next', async () => {
    threads = pool();
    await threads.run({ kind: 'credential', credential: small, now: NOW });
    const held = threads.run({ kind: 'credential', credential: heavy, now: NOW });
    // Killed as soon as it holds the job (the heavy one takes it ~60 ms; a fixed wait raced it).
    while (threads.load.running === 0) await new Promise((resolve) => setImmediate(resolve));
    await workerOf(threads).terminate();
    await expect(held).rejects.toBeInstanceOf(VerificationThreadLostError);
    expect((await threads.run({ kind: 'credential', credential: small, now: NOW })).verified).toBe(true);
  });

  it('fails waiting jobs, rather than restarting in a loop, when a thread cannot even start', async () => {
    threads = pool({ publicUrl: 42 as unknown as string }); // the thread throws while loading its contexts
    const jobs = [1, 2].map(() => threads.run({ kind: 'credential', credential: small, now: NOW }));
    for (const job of jobs) await expect(job).rejects.toBeInstanceOf(VerificationThreadLostError);
    expect(threads.load).toEqual({ queued: 0, running: 0 });
  });

  it('derives a selective disclosure on a thread exactly as on the calling thread', async () => {
    threads = pool();
    const base = await sdBase(3);
    const selectivePointers = ['/credentialSubject/items/1'];
    const pooled = await threads.run({ kind: 'derive', verifiableCredential: base, selectivePointers });
    expect(pooled).toEqual(await deriveDisclosure({ verifiableCredential: base, selectivePointers, documentLoader: mainLoader().load }));
    expect((pooled.credentialSubject as { items: unknown[] }).items).toEqual([(base.credentialSubject as { items: unknown[] }).items[1]]);
    await expect(threads.run({ kind: 'derive', verifiableCredential: base, selectivePointers: ['/nowhere'] })).rejects.toThrow();
  });

  it('abandons a derivation past the time limit, as a verification', async () => {
    threads = pool({ verifyTimeoutMs: 5_000 });
    const [small, heavy] = [await sdBase(3), await sdBase(1_900)];
    await threads.run({ kind: 'derive', verifiableCredential: small, selectivePointers: ['/credentialSubject/id'] }); // the thread is up
    (threads as unknown as { config: { verifyTimeoutMs: number } }).config.verifyTimeoutMs = 10;
    await expect(threads.run({ kind: 'derive', verifiableCredential: heavy, selectivePointers: ['/credentialSubject/items/0'] })).rejects.toBeInstanceOf(VerificationTimeoutError);
  });

  it('runs the same job on the calling thread with VERIFY_THREADS=0', async () => {
    threads = pool({ verifyThreads: 0 });
    expect((await threads.run({ kind: 'credential', credential: small, now: NOW })).verified).toBe(true);
    expect(threads.load).toEqual({ queued: 0, running: 0 });
  });
});

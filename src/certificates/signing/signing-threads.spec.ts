import type { AppConfig } from '../../config/config.js';
import { jsonText } from '../certificate-rows.js';
import { serviceContexts } from '../../identity/contexts/service-contexts.js';
import { createDocumentLoader } from '../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import type { CredentialSignerService } from '../credential-signer.service.js';
import type { CertificateFacts } from '../domain/certificate-credential.js';
import { createTemplateIssuer } from '../domain/fast-rdfc/template-issuer.js';
import { signCertificates } from './certificate-signing.js';
import { SigningThreads } from './signing-threads.service.js';

const PUBLIC_URL = 'http://xueji.test';
const ISSUER = 'did:web:xueji.test:issuers:330106';
const NOW = new Date('2026-07-01T02:00:00Z');

function facts(count: number): CertificateFacts[] {
  return Array.from({ length: count }, (_, i) => ({
    certificateId: `6f1c2a4e-1d2b-4c3d-8e9f-${String(i).padStart(12, '0')}`,
    certificateNumber: `330106-2026-${String(i + 1).padStart(6, '0')}`,
    kind: 'graduation',
    issuer: { id: ISSUER, name: '杭州市西湖区教育局' },
    issuedAt: NOW,
    student: { studentNumber: `S3301201800${String(i).padStart(5, '0')}`, name: `学生${i}`, gender: i % 2 ? 'male' : 'female', birthDate: '2012-03-15', educationStage: 'primary' },
    school: { code: '3330106001', name: '杭州市西湖区文新小学' },
    studyFrom: '2018-09-01',
    studyTo: '2024-07-05',
  }));
}

/** The service's signing threads, started from the TypeScript sources as in every test run. */
describe('signing threads', () => {
  const keys = generateEd25519KeyPair();
  const signer = createEd25519Signer({ id: `${ISSUER}#key-1`, secretKeyMultibase: keys.secretKeyMultibase });
  const templates = createTemplateIssuer({ documentLoader: createDocumentLoader({ contexts: serviceContexts(PUBLIC_URL, false) }) });
  const config = { publicUrl: PUBLIC_URL, conformanceIssuerSeed: null, signingThreads: 1 } as AppConfig;
  let threads: SigningThreads;

  beforeEach(() => {
    threads = new SigningThreads(config, { templates } as CredentialSignerService);
  });
  afterEach(() => threads.onApplicationShutdown());

  it('signs a batch on a thread with the very bytes the calling thread would produce, in order', async () => {
    const batch = facts(100);
    const slices = threads.sign(batch, signer, NOW);
    expect(slices).toHaveLength(4); // 32 per message
    const fromThread = (await Promise.all(slices)).flat();
    // Only the text's UTF-8 bytes cross back: the object is the calling thread's privilege.
    expect(fromThread.every((s) => s.credential === undefined && Buffer.isBuffer(s.json))).toBe(true);
    const here = await signCertificates(templates, signer, { facts: batch, publicUrl: PUBLIC_URL, now: NOW });
    expect(fromThread.map((s) => jsonText(s.json))).toEqual(here.map((s) => s.json));
  });

  it('signs small batches, and keys that cannot leave their store, on the calling thread', async () => {
    const [small] = threads.sign(facts(3), signer, NOW);
    expect((await small).every((s) => s.credential !== undefined)).toBe(true);
    const { key: _key, ...bound } = signer;
    const [unportable] = threads.sign(facts(64), bound, NOW);
    expect((await unportable)[0].credential).toBeDefined();
  });

  it('fails what a thread held when it dies, by error name only, and starts a new one', async () => {
    const slices = threads.sign(facts(64), signer, NOW);
    const held = (threads as unknown as { workers: Array<{ worker: { terminate(): Promise<number> } }> }).workers[0];
    await held.worker.terminate();
    await expect(Promise.all(slices)).rejects.toThrow(/signing thread exited/);
    const again = await Promise.all(threads.sign(facts(64), signer, NOW));
    expect(again.flat()).toHaveLength(64);
  });

  it('answers a certificate that cannot be built with its error name, never the record', async () => {
    const [bad, ...rest] = facts(64);
    const slices = threads.sign([{ ...bad, student: { ...bad.student, birthDate: 'not a date 欧阳娜娜' } }, ...rest], signer, NOW);
    const failure = await Promise.all(slices).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toContain('欧阳娜娜');
    expect((failure as Error).message).not.toContain('not a date');
  });
});

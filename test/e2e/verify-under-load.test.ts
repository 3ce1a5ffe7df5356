import { DidService } from '../../src/identity/did.service.js';
import { VerificationThreads } from '../../src/certificates/verifying/verification-threads.service.js';
import { assertWithinVerifyLimits, heavyCredential } from '../support/heavy-credential.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Public verification under abuse: the heaviest credential the request limits accept, verified
 * on the verification threads while the main thread keeps answering; a time limit, a bounded
 * queue, and a pool that recovers from a lost thread. (VERIFY_THREADS=0 fails the first test: each
 * heavy verification then holds the main thread, for about a second under jest.)
 */
async function withHeavyCredential(env: Record<string, string>) {
  const t = await startTestApp(env);
  const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'load');
  const county = await login(t, users.county);
  const did = t.app.get(DidService).didForCode('330106');
  const issued = await t.http.post('/credentials/issue').set('Authorization', county).send({ credential: heavyCredential(did) }).expect(201);
  const heavy = { verifiableCredential: issued.body.verifiableCredential };
  assertWithinVerifyLimits(heavy);
  const small = await t.http.post('/credentials/issue').set('Authorization', county).send({ credential: heavyCredential(did, 3) }).expect(201);
  return { t, heavy, small: { verifiableCredential: small.body.verifiableCredential } };
}

async function healthLatencies(t: TestApp, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    await t.http.get('/health').expect(200);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies.sort((a, b) => a - b);
}

describe('verification under load', () => {
  describe('with the default pool', () => {
    let app: Awaited<ReturnType<typeof withHeavyCredential>>;
    beforeAll(async () => {
      app = await withHeavyCredential({ VERIFY_THREADS: '1', VERIFY_TIMEOUT_MS: '20000' });
    });
    afterAll(() => app.t.close());

    it('keeps /health fast while four of the heaviest credentials are verified at once, and verifies them', async () => {
      const { t, heavy } = app;
      await t.http.post('/credentials/verify').send(heavy).expect(200); // threads up, status lists cached
      const flood = Promise.all(Array.from({ length: 4 }, () => t.http.post('/credentials/verify').send(heavy)));
      const latencies = await healthLatencies(t, flood);
      const answers = await flood;
      expect(answers.map((r) => [r.status, r.body.verified])).toEqual(Array(4).fill([200, true]));
      expect(latencies.length).toBeGreaterThanOrEqual(5);
      console.info(`/health during the flood: ${latencies.length} samples, median ${latencies[latencies.length >> 1].toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
      expect(latencies[latencies.length >> 1]).toBeLessThan(100);
      expect(latencies.at(-1)).toBeLessThan(250);
    });

    it('answers 503 for a verification whose thread is lost, and verifies the next on a new thread', async () => {
      const { t, heavy, small } = app;
      const threads = t.app.get(VerificationThreads);
      const pending = t.http.post('/credentials/verify').send(heavy).then((r) => r);
      while (threads.load.running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await (threads as unknown as { threads: Array<{ worker: { terminate(): Promise<number> } }> }).threads[0].worker.terminate();
      const lost = await pending;
      expect([lost.status, lost.body.code, lost.headers['retry-after']]).toEqual([503, 'VERIFICATION_UNAVAILABLE', '1']);
      await t.http.post('/credentials/verify').send(small).expect(200);
    });
  });

  // The heavy credential takes its thread ~100 ms here, a small one ~5 ms: 60 ms is between.
  describe('with a short time limit and a queue of one', () => {
    let app: Awaited<ReturnType<typeof withHeavyCredential>>;
    beforeAll(async () => {
      app = await withHeavyCredential({ VERIFY_THREADS: '1', VERIFY_TIMEOUT_MS: '60', VERIFY_QUEUE: '1' });
    });
    afterAll(() => app.t.close());

    it('abandons a verification past the limit with 422 VERIFICATION_TIMEOUT, then verifies the next', async () => {
      const { t, heavy, small } = app;
      await t.http.post('/credentials/verify').send(small).expect(200); // the thread is up
      const started = performance.now();
      const res = await t.http.post('/credentials/verify').send(heavy).expect(422).expect('content-type', /application\/problem\+json/);
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(res.body).toMatchObject({ status: 422, code: 'VERIFICATION_TIMEOUT' });
      await t.http.post('/credentials/verify').send(small).expect(200);
    });

    it('says so on the form when a credential pasted into /verify is too costly to verify (64 KB, 6,000 values)', async () => {
      const { t, small } = app;
      const costly = { ...small.verifiableCredential, credentialSubject: { id: 'did:example:holder', items: Array.from({ length: 6_000 }, (_, i) => `i${i}`) } };
      expect(Buffer.byteLength(JSON.stringify(costly))).toBeLessThan(64 * 1024);
      const res = await t.http.post('/verify?lang=en').field('credential', JSON.stringify(costly)).expect(422).expect('content-type', /text\/html/);
      expect(res.text).toContain('Verification took too long');
    });

    it('answers 503 VERIFICATION_BUSY with Retry-After when the thread works and the queue is full, never 500', async () => {
      const { t, heavy } = app;
      const answers = await Promise.all(Array.from({ length: 4 }, () => t.http.post('/credentials/verify').send(heavy)));
      const busy = answers.filter((r) => r.status === 503);
      expect(busy.length).toBeGreaterThanOrEqual(1);
      for (const r of busy) {
        expect(r.body.code).toBe('VERIFICATION_BUSY');
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      expect(answers.map((r) => r.status).filter((status) => ![200, 422, 503].includes(status))).toEqual([]);
    });
  });
});

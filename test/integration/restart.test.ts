import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graduate, issueCertificate } from '../support/flows.js';
import { freshDatabase } from '../support/test-database.js';
import { login, residentId, seedTree, startTestApp } from '../support/test-app.js';

const CODES = { province: '330000', city: '330100', county: '330106', school: '3330106001' };

/** Students, issuer keys and certificates outlive the process, on either store. */
const STORES = [['the embedded store in a data folder', 'embedded']];
if (process.env.DATABASE_URL) STORES.push(['the PostgreSQL server', 'server']);

describe.each(STORES)('restarting the service on %s', (_label, kind) => {
  const onServer = kind === 'server';
  let dataDir: string;
  let env: Record<string, string>;
  let drop = async () => {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xueji-restart-'));
    env = { DATA_DIR: dataDir, XUEJI_MASTER_KEY: '', DATABASE_URL: '' };
    if (onServer) {
      const db = await freshDatabase();
      env.DATABASE_URL = db.databaseUrl!;
      drop = db.drop;
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps students, keys and certificates, and still verifies what it signed', async () => {
    const first = await startTestApp(env);
    const users = await seedTree(first, CODES, 'rs');
    const studentId = await graduate(first, await login(first, users.school), await login(first, users.county), residentId('330106', '2012-05-01', '042'));
    const cert = await issueCertificate(first, await login(first, users.county), studentId);
    const didBefore = (await first.http.get('/issuers/330106/did.json').expect(200)).body;
    await first.app.close();
    expect(first.logs.some((l) => l.includes('master key read from the data folder'))).toBe(true);
    // Without XUEJI_MASTER_KEY the key was created in the data folder, readable by its owner only.
    expect(statSync(join(dataDir, 'master.key')).mode & 0o077).toBe(0);

    const second = await startTestApp(env);
    try {
      const county = await login(second, users.county);
      const student = await second.http.get(`/students/${studentId}`).set('Authorization', county).expect(200);
      expect(student.body.status).toBe('graduated');
      expect((await second.http.get('/issuers/330106/did.json').expect(200)).body).toEqual(didBefore);
      const stored = await second.http.get(`/certificates/${cert.id}`).set('Authorization', county).expect(200);
      expect(stored.body.verifiableCredential).toEqual(cert.verifiableCredential);
      const verified = await second.http.post('/credentials/verify').send({ verifiableCredential: cert.verifiableCredential }).expect(200);
      expect(verified.body.verified).toBe(true);
      // The sealed private key opens after the restart: a new certificate is signed by the same key.
      const other = await graduate(second, await login(second, users.school), county, residentId('330106', '2012-06-01', '052'));
      const next = await issueCertificate(second, county, other);
      expect((next.verifiableCredential.proof as { verificationMethod: string }).verificationMethod).toBe(
        (cert.verifiableCredential.proof as { verificationMethod: string }).verificationMethod,
      );
    } finally {
      await second.app.close();
    }
  });
});

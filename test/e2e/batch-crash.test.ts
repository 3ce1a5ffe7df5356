import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '../../src/platform/audit/audit.service.js';
import { CLASS_LEAVING_DATE, seedClass } from '../support/classes.js';
import { freePort } from '../support/net.js';
import { freshDatabase } from '../support/test-database.js';
import { assertBuilt, loginAs, pollUntil, startService as start, stopService } from '../support/service-process.js';
import { login, seedTree, startTestApp } from '../support/test-app.js';

/** A few thousand on a server (five chunks of 1,000); fewer on the embedded store, which boots four times here and signs slower. */
const CLASS_SIZE = process.env.DATABASE_URL ? 5000 : 1000;
const SCHOOL = '3330106001';

interface Progress {
  state: string;
  total: number;
  done: number;
  failed: number;
}

/**
 * The signing job survives kill -9: the built service (as `npm start` runs it) is killed while
 * a class of thousands is half signed, started again, and finishes the class with exactly one
 * certificate, one number and one status entry per graduate. On PostgreSQL when DATABASE_URL
 * is set, else on the embedded store in a folder. `npm test` builds first.
 */
describe('a class killed midway and run again', () => {
  let server: ChildProcess | undefined;
  let dataDir: string;

  beforeAll(() => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'xueji-batch-crash-'));
  });
  afterEach(() => server?.kill('SIGKILL'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves exactly one certificate and one number per graduate, without gaps', async () => {
    const db = await freshDatabase();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, DATABASE_URL: db.databaseUrl ?? '', XUEJI_MASTER_KEY: randomBytes(32).toString('base64'), PUBLIC_URL: base, LOG_LEVEL: 'warn' };
    try {
      const listId = await proposeClass(env);
      server = await start({ ...process.env, ...env, PORT: String(port) }, base);
      const county = await loginAs(base, 'crash.county');
      const approval = await fetch(`${base}/leaver-lists/${listId}/approval`, { method: 'POST', headers: { Authorization: county } });
      expect(approval.status).toBe(200);

      const atKill = await waitFor(base, county, listId, (p) => p.done > 0);
      await stopService(server, 'SIGKILL');
      expect(atKill.done).toBeGreaterThan(0);
      expect(atKill.done).toBeLessThan(CLASS_SIZE);

      server = await start({ ...process.env, ...env, PORT: String(port) }, base);
      const finished = await waitFor(base, county, listId, (p) => p.state === 'issued', 120_000);
      expect(finished).toMatchObject({ total: CLASS_SIZE, done: CLASS_SIZE, failed: 0 });
      await stopService(server, 'SIGTERM');

      await expectOneCertificateEach(env, listId);
    } finally {
      await db.drop();
    }
  }, 240_000);
});

/** Seeds the region and a class in the store, and the school proposes the class. */
async function proposeClass(env: Record<string, string>): Promise<string> {
  const t = await startTestApp(env);
  try {
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: SCHOOL }, 'crash');
    const students = await seedClass(t.app, SCHOOL, CLASS_SIZE);
    const registrar = await login(t, users.school);
    const proposed = await t.http
      .post('/leaver-lists')
      .set('Authorization', registrar)
      .send({ leavingDate: CLASS_LEAVING_DATE, items: students.map((studentId) => ({ studentId })) })
      .expect(201);
    return proposed.body.id;
  } finally {
    await t.close();
  }
}

async function expectOneCertificateEach(env: Record<string, string>, listId: string): Promise<void> {
  const t = await startTestApp(env);
  try {
    const [items] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE state = 'issued') AS issued, count(DISTINCT certificate_id) AS certificates, count(DISTINCT student_id) AS students
         FROM leaver_list_items WHERE list_id = $1`,
      [listId],
    );
    expect(items).toEqual({ issued: String(CLASS_SIZE), certificates: String(CLASS_SIZE), students: String(CLASS_SIZE) });
    const [certificates] = await t.dataSource.query(
      `SELECT count(*) AS n, count(DISTINCT student_id) AS students, count(DISTINCT certificate_number) AS numbers,
              min(right(certificate_number, 6)::int) AS first, max(right(certificate_number, 6)::int) AS last FROM certificates`,
    );
    // Every certificate of the store is one of the class's: nothing left over from the killed chunk.
    expect(certificates).toEqual({ n: String(CLASS_SIZE), students: String(CLASS_SIZE), numbers: String(CLASS_SIZE), first: 1, last: CLASS_SIZE });
    const [entries] = await t.dataSource.query(
      `SELECT count(*) AS n, count(DISTINCT (list_id, idx)) AS indices, count(DISTINCT credential_id) AS credentials,
              count(*) FILTER (WHERE credential_id NOT IN (SELECT 'urn:uuid:' || id FROM certificates)) AS orphans FROM status_entries`,
    );
    expect(entries).toEqual({ n: String(CLASS_SIZE), indices: String(CLASS_SIZE), credentials: String(CLASS_SIZE), orphans: '0' });
    const [counter] = await t.dataSource.query(`SELECT last FROM certificate_number_counters`);
    expect(counter.last).toBe(CLASS_SIZE);
    expect((await t.app.get(AuditService).verify()).valid).toBe(true);
  } finally {
    await t.close();
  }
}

function waitFor(base: string, auth: string, listId: string, done: (p: Progress) => boolean, timeoutMs = 60_000): Promise<Progress> {
  return pollUntil(`${base}/leaver-lists/${listId}?limit=1`, auth, done, timeoutMs);
}

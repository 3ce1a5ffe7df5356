import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AuditService } from '../../src/platform/audit/audit.service.js';
import { freePort } from '../support/net.js';
import { assertBuilt, loginAs, pollUntil, startService as start, stopService } from '../support/service-process.js';
import { freshDatabase } from '../support/test-database.js';
import { residentId, seedTree, startTestApp } from '../support/test-app.js';

/**
 * Rows in the file: enough that the kill lands while the rows are being checked — on a server,
 * while the first of them are already in the import's open COPY.
 */
const ROWS = process.env.DATABASE_URL ? 30_000 : 10_000;
/**
 * Killed once this many rows are checked (a server has written most of them by then): a
 * progress step (every 5,000 rows), with at least another 5,000 rows to check after it.
 */
const KILL_AFTER = process.env.DATABASE_URL ? 10_000 : 5_000;
const SCHOOL = '3330106001';

interface ImportView {
  state: string;
  rows: { total: number | null; validated: number; imported: number; failed: number };
}

/**
 * The import job survives kill -9 (issue 8: nothing is half-imported; crashes lose and duplicate
 * nothing). The built service, as `npm start` runs it, is killed while a file of thousands of
 * rows is being checked — on PostgreSQL the rows checked so far are already in the import's
 * open COPY — started again, and the import finishes with exactly one record, one number and one
 * history period per row. On PostgreSQL when DATABASE_URL is set, else on the embedded store in a
 * folder. `npm test` builds first.
 */
describe('an import killed midway and run again', () => {
  let server: ChildProcess | undefined;
  let dataDir: string;

  beforeAll(() => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'xueji-import-crash-'));
  });
  afterEach(() => server?.kill('SIGKILL'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes nothing of the killed run, then every row once', async () => {
    const db = await freshDatabase();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, DATABASE_URL: db.databaseUrl ?? '', XUEJI_MASTER_KEY: randomBytes(32).toString('base64'), PUBLIC_URL: base, LOG_LEVEL: 'warn' };
    try {
      await seed(env);
      server = await start({ ...process.env, ...env, PORT: String(port) }, base);
      const school = await loginAs(base, 'icrash.school');
      const sent = await fetch(`${base}/imports`, { method: 'POST', headers: { Authorization: school, 'Content-Type': 'text/csv' }, body: file() });
      expect(sent.status).toBe(202);
      const { id } = (await sent.json()) as { id: string };

      const atKill = await waitFor(base, school, id, (v) => v.rows.validated >= KILL_AFTER);
      // On a server, rows are in the import's open COPY when it is killed (the server's own progress view).
      const copied = db.databaseUrl ? await rowsInOpenCopy(db.databaseUrl) : null;
      await stopService(server, 'SIGKILL');
      expect(atKill.state).toBe('validating');
      expect(atKill.rows.validated).toBeLessThan(ROWS);
      if (db.databaseUrl) {
        // The killed run's transaction is gone with its connection: none of its rows is stored.
        expect(copied).toBeGreaterThan(0);
        expect(await countStudents(db.databaseUrl)).toBe(0);
      }

      // At boot the service hands its open imports to the queue again (and the queue's own retry
      // may run the same job as well: runs of one import wait for each other and the later finds it done).
      server = await start({ ...process.env, ...env, PORT: String(port) }, base);
      const done = await waitFor(base, school, id, (v) => v.state === 'imported' || v.state === 'rejected', 120_000);
      expect(done).toMatchObject({ state: 'imported', rows: { total: ROWS, validated: ROWS, imported: ROWS, failed: 0 } });
      await stopService(server, 'SIGTERM');

      await expectEachRowOnce(env, id);
    } finally {
      await db.drop();
    }
  }, 240_000);
});

/** One CSV of ROWS new pupils, each a different person. */
function file(): string {
  const lines = ['姓名,证件号码,入学日期,学段,年级,民族,班级,入学方式'];
  for (let i = 0; i < ROWS; i++) {
    const birth = new Date(Date.UTC(2013, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`学生${i},${residentId('330106', birth, String(100 + (i % 900)))},2026-09-01,初中,7,汉族,七年级(${(i % 12) + 1})班,就近入学`);
  }
  return lines.join('\r\n') + '\r\n';
}

async function seed(env: Record<string, string>): Promise<void> {
  const t = await startTestApp(env);
  try {
    await seedTree(t, { province: '330000', city: '330100', county: '330106', school: SCHOOL }, 'icrash');
  } finally {
    await t.close();
  }
}

async function countStudents(databaseUrl: string): Promise<number> {
  return Number((await queryOnce(databaseUrl, 'SELECT count(*) AS n FROM students'))[0].n);
}

/** Rows a COPY into students still running has taken so far (0 when none runs). */
async function rowsInOpenCopy(databaseUrl: string): Promise<number> {
  const rows = await queryOnce(databaseUrl, `SELECT tuples_processed AS n FROM pg_stat_progress_copy WHERE relid = 'students'::regclass`);
  return rows.reduce((sum, r) => sum + Number(r.n), 0);
}

async function queryOnce(databaseUrl: string, sql: string): Promise<Array<{ n: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function expectEachRowOnce(env: Record<string, string>, importId: string): Promise<void> {
  const t = await startTestApp(env);
  try {
    const [students] = await t.dataSource.query(
      `SELECT count(*) AS n, count(DISTINCT id_number_digest) AS people, count(DISTINCT student_number) AS numbers FROM students`,
    );
    expect(students).toEqual({ n: String(ROWS), people: String(ROWS), numbers: String(ROWS) });
    const [periods] = await t.dataSource.query(
      `SELECT count(*) AS n, count(DISTINCT student_id) AS students, count(*) FILTER (WHERE to_date IS NULL AND status = 'enrolled') AS open FROM student_status_periods`,
    );
    expect(periods).toEqual({ n: String(ROWS), students: String(ROWS), open: String(ROWS) });
    const audits = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'students.imported'`);
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toMatchObject({ count: ROWS });
    const [imp] = await t.dataSource.query(`SELECT state, rows_imported FROM student_imports WHERE id = $1`, [importId]);
    expect(imp).toEqual({ state: 'imported', rows_imported: ROWS });
    expect((await t.app.get(AuditService).verify()).valid).toBe(true);
  } finally {
    await t.close();
  }
}

function waitFor(base: string, auth: string, id: string, done: (v: ImportView) => boolean, timeoutMs = 60_000): Promise<ImportView> {
  return pollUntil(`${base}/imports/${id}`, auth, done, timeoutMs);
}

import { ownedByCurrentRole } from '../../src/database/app-role.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The service's database role owns nothing: it works its rows, but cannot truncate, alter or
 * drop a table, switch a trigger off, or edit the audit trail — on the server (a role of its
 * own, the owner migrates) and on the embedded store (its session switches to `xueji_app`).
 */
describe('the application database role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'dr');
    await login(t, users.school);
  });
  afterAll(() => t.close());

  const refused = (sql: string) => expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied|must be owner/);

  it('owns no table or sequence', async () => {
    expect(await ownedByCurrentRole(t.dataSource)).toBe(0);
  });

  it('cannot TRUNCATE, DELETE or UPDATE the audit trail', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`);
    expect(before[0].n).toBeGreaterThan(0);
    await refused(`TRUNCATE audit_entries`);
    await refused(`TRUNCATE audit_entries, audit_head CASCADE`);
    await refused(`DELETE FROM audit_entries`);
    await refused(`UPDATE audit_entries SET details = '{}'`);
    await refused(`DELETE FROM audit_head`);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`)).toEqual(before);
  });

  it('cannot switch the trigger off, alter or drop a table', async () => {
    await refused(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change`);
    await refused(`ALTER TABLE audit_entries DISABLE TRIGGER ALL`);
    await refused(`ALTER TABLE students ADD COLUMN x int`);
    await refused(`DROP TABLE audit_entries`);
    await refused(`DROP TRIGGER audit_entries_no_change ON audit_entries`);
    await refused(`TRUNCATE students CASCADE`);
  });

  it('cannot rewind a sequence or rewrite the migrations it ran', async () => {
    await refused(`SELECT setval('student_number_seq', 1)`);
    await refused(`DELETE FROM migrations`);
  });

  it('keeps the chain whole after every refused attempt', async () => {
    const national = await t.http.get('/audit/verify');
    // Only the national and provincial authorities may ask over HTTP; the service answers the same.
    expect([401, 403]).toContain(national.status);
    const { AuditService } = await import('../../src/platform/audit/audit.service.js');
    const report = await t.app.get(AuditService).verify();
    expect(report).toMatchObject({ valid: true, firstBrokenSeq: null });
  });

  it('refuses even the owner’s TRUNCATE, and one done with the trigger off is named by the chain check', async () => {
    const { AuditService } = await import('../../src/platform/audit/audit.service.js');
    const audit = t.app.get(AuditService);
    await expect(t.asOwner((q) => q(`TRUNCATE audit_entries`))).rejects.toThrow(/append-only/);
    expect(await audit.verify()).toMatchObject({ valid: true });
    const head = await audit.head();
    await t.asOwner(async (q) => {
      await q(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_truncate`);
      await q(`TRUNCATE audit_entries`);
      await q(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_truncate`);
    });
    expect(await audit.verify()).toEqual({ valid: false, checked: 0, firstBrokenSeq: head.seq, reason: 'missing' });
  });

  (t_server() ? it : it.skip)('on a server, cannot take the owner’s role either', async () => {
    await expect(t.dataSource.query(`SET ROLE postgres`)).rejects.toThrow(/permission denied/);
  });
});

function t_server(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

/** A deployment that keeps the owner's password out of the service: `npm run migrate` first. */
(process.env.DATABASE_URL ? describe : describe.skip)('npm run migrate, then the service with its own role only', () => {
  it('migrates and grants as the owner; the service then starts as a role that owns nothing, without the warning', async () => {
    const { spawnSync } = await import('node:child_process');
    const { asRole, freshDatabase, TEST_APP_ROLE } = await import('../support/test-database.js');
    const db = await freshDatabase();
    try {
      const appUrl = asRole(db.databaseUrl!, TEST_APP_ROLE);
      const run = spawnSync(process.execPath, ['dist/src/migrate.js'], {
        env: { ...process.env, DATABASE_URL: appUrl, DATABASE_OWNER_URL: db.databaseUrl!, XUEJI_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`the service's role ${TEST_APP_ROLE} has its rights and owns nothing`);
      const t = await startTestApp({ DATABASE_URL: appUrl });
      try {
        expect(await ownedByCurrentRole(t.dataSource)).toBe(0);
        await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'mg');
        expect(t.logs.join('\n')).not.toContain('runs as the owner of its tables');
      } finally {
        await t.close();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSource, storeFor } from '../../src/database/data-source.js';
import { freshDatabase } from '../support/test-database.js';
import { seedTree, startTestApp } from '../support/test-app.js';

/** `npm run audit:verify` (needs `npm run build`): the whole chain checked from the command line, naming the first broken entry. */
describe('the audit chain command', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let drop = async () => {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xueji-audit-cmd-'));
    env = { DATA_DIR: dataDir, XUEJI_MASTER_KEY: '', DATABASE_URL: '' };
    if (process.env.DATABASE_URL) {
      const db = await freshDatabase();
      env.DATABASE_URL = db.databaseUrl!;
      drop = db.drop;
    }
    const t = await startTestApp(env);
    await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'av');
    await t.app.close();
  }, 60_000);
  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = () => spawnSync(process.execPath, ['dist/src/audit-verify.js'], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' });

  it('says the chain holds (exit 0), then names the first entry someone with the owner’s rights edited (exit 2)', async () => {
    const intact = run();
    expect(intact.stderr).toBe('');
    // (log lines, such as a warning about the database role, come first)
    const lastLine = (out: string) => out.trim().split('\n').at(-1);
    expect(lastLine(intact.stdout)).toMatch(/^The audit chain holds: \d+ entries checked, head \d+ \([0-9a-f]{64}\)\.$/);
    expect(intact.status).toBe(0);

    const owner = await openDataSource(storeFor({ databaseUrl: env.DATABASE_URL || null, dataDir }), 'owner');
    try {
      await owner.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change`);
      await owner.query(`UPDATE audit_entries SET details = '{"forged":true}' WHERE seq = 3`);
      await owner.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change`);
    } finally {
      await owner.destroy();
    }
    const broken = run();
    expect(lastLine(broken.stdout)).toBe('The audit chain is BROKEN at entry 3 (hash); 2 entries before it hold.');
    expect(broken.status).toBe(2);
  }, 60_000);
});

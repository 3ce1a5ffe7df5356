import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPglite } from '../../src/database/pglite-driver.js';

function walk(path: string): string[] {
  return statSync(path).isDirectory() ? [path, ...readdirSync(path).flatMap((name) => walk(join(path, name)))] : [path];
}

/** The embedded store's folder and files are private to the service's user (security issue). */
describe('embedded store at rest', () => {
  it('keeps its folder 0700, and makes every file 0600 and folder 0700 when it opens, even under umask 0', async () => {
    const root = mkdtempSync(join(tmpdir(), 'xueji-at-rest-'));
    const dir = join(root, 'pglite');
    const previous = process.umask(0);
    try {
      const first = createPglite(dir);
      await first.waitReady;
      await first.exec(`CREATE TABLE t (v text); INSERT INTO t VALUES ('x');`);
      await first.close();
      // The folder alone already shuts everyone else out of whatever was written since.
      expect(statSync(dir).mode & 0o777).toBe(0o700);

      const again = createPglite(dir);
      await again.waitReady;
      await new Promise((resolve) => setImmediate(resolve));
      const open = walk(dir).filter((p) => (statSync(p).mode & 0o077) !== 0);
      expect(open).toEqual([]);
      await again.close();
    } finally {
      process.umask(previous);
      rmSync(root, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from './config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('configuration from the environment', () => {
  it('applies defaults for a local run', () => {
    const c = parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY });
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', publicUrl: 'http://localhost:3000', databaseUrl: null, logLevel: 'info' });
    expect(c.masterKeySource).toBe('environment');
  });

  it('names every bad variable in one error', () => {
    const attempt = () =>
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'ftp://x', XUEJI_MASTER_KEY: 'short', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'PUBLIC_URL', 'XUEJI_MASTER_KEY', 'LOG_LEVEL']) expect(problems).toContain(name);
      expect(problems).not.toContain('short');
    }
  });

  it('refuses a public URL with a trailing slash (it would change every DID)', () => {
    expect(() => parseConfig({ PUBLIC_URL: 'https://xueji.example/', XUEJI_MASTER_KEY: KEY })).toThrow(/PUBLIC_URL/);
  });

  it('creates the master key once in the data folder, private to its owner, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xueji-config-'));
    try {
      const a = parseConfig({ DATA_DIR: dir });
      const b = parseConfig({ DATA_DIR: dir });
      expect(a.masterKeySource).toBe('data-folder');
      expect(a.masterKey.equals(b.masterKey)).toBe(true);
      expect(Buffer.from(readFileSync(join(dir, 'master.key'), 'utf8'), 'base64')).toHaveLength(32);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY }).databaseUrl).toBeNull();
  });
});

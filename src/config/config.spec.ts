import { generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('reads the account policy: 90-day passwords, five remembered, sealing after six months, hourly sweeps by default', () => {
    expect(parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY })).toMatchObject({
      accountPolicy: { passwordMaxAgeDays: 90, passwordHistory: 5, sealAfterDays: 183 },
      accountSweepMinutes: 60,
    });
    const c = parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY, PASSWORD_MAX_AGE_DAYS: '30', PASSWORD_HISTORY: '10', ACCOUNT_SEAL_AFTER_DAYS: '90', ACCOUNT_SWEEP_MINUTES: '0' });
    expect(c).toMatchObject({ accountPolicy: { passwordMaxAgeDays: 30, passwordHistory: 10, sealAfterDays: 90 }, accountSweepMinutes: 0 });
    expect(() => parseConfig({ XUEJI_MASTER_KEY: KEY, PASSWORD_MAX_AGE_DAYS: '0' })).toThrow(/PASSWORD_MAX_AGE_DAYS/);
  });

  it('accepts the two Ed25519 libraries by name and refuses any other, naming the variable', () => {
    for (const signer of ['libsodium', 'node']) expect(() => parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY, XUEJI_SIGNER: signer })).not.toThrow();
    expect(() => parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY, XUEJI_SIGNER: 'nodejs' })).toThrow(/XUEJI_SIGNER/);
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

  describe('HTTPS (TLS_CERT_FILE, TLS_KEY_FILE)', () => {
    // Made while the tests are collected: the it.each table below names these files.
    const dir = mkdtempSync(join(tmpdir(), 'xueji-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const otherKey = join(dir, 'other-key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], {
      stdio: 'ignore',
    });
    writeFileSync(otherKey, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const base = { DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY };

    it('is off by default: plain HTTP', () => {
      expect(parseConfig(base).tls).toBeNull();
    });

    it('reads the certificate and its key, and defaults the public URL to https', () => {
      const c = parseConfig({ ...base, TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
      expect(c.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
      expect(c.tls?.key.toString()).toContain('PRIVATE KEY');
      expect(c.publicUrl).toBe('https://localhost:3000');
    });

    it.each([
      ['only the certificate', { TLS_CERT_FILE: cert }, 'TLS_KEY_FILE: must be set together with TLS_CERT_FILE'],
      ['only the key', { TLS_KEY_FILE: key }, 'TLS_CERT_FILE: must be set together with TLS_KEY_FILE'],
      ['a missing file', { TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: key }, 'TLS_CERT_FILE: cannot read /nonexistent/cert.pem (ENOENT)'],
      ['a key where the certificate belongs', { TLS_CERT_FILE: key, TLS_KEY_FILE: key }, 'TLS_CERT_FILE: the file holds no PEM certificate'],
      ['a certificate where the key belongs', { TLS_CERT_FILE: cert, TLS_KEY_FILE: cert }, 'TLS_KEY_FILE: the file holds no PEM private key'],
      ['the key of another pair', { TLS_CERT_FILE: cert, TLS_KEY_FILE: otherKey }, 'TLS_KEY_FILE: the key does not belong to the certificate in TLS_CERT_FILE'],
    ])('refuses %s, naming the variable', (_case, vars, message) => {
      expect(() => parseConfig({ ...base, ...vars })).toThrow(message);
    });
  });

  describe('conformance mode (XUEJI_CONFORMANCE_ISSUER_SEED)', () => {
    const SEED = Buffer.alloc(32, 9).toString('base64');

    it('is off unless the seed is set', () => {
      expect(parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY }).conformanceIssuerSeed).toBeNull();
    });

    it('takes a 32-byte base64 seed', () => {
      const c = parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY, XUEJI_CONFORMANCE_ISSUER_SEED: SEED });
      expect(c.conformanceIssuerSeed?.equals(Buffer.alloc(32, 9))).toBe(true);
    });

    it('refuses a seed of another length without echoing it', () => {
      const short = Buffer.alloc(16, 1).toString('base64');
      const attempt = () => parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY, XUEJI_CONFORMANCE_ISSUER_SEED: short });
      expect(attempt).toThrow(/XUEJI_CONFORMANCE_ISSUER_SEED: must be 32 bytes/);
      expect(attempt).not.toThrow(short);
    });

    it('refuses to run off loopback, where anyone could sign as the test issuer', () => {
      expect(() => parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY, XUEJI_CONFORMANCE_ISSUER_SEED: SEED, HOST: '0.0.0.0' })).toThrow(
        /XUEJI_CONFORMANCE_ISSUER_SEED: conformance mode is only allowed with HOST on loopback/,
      );
      expect(parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: KEY, XUEJI_CONFORMANCE_ISSUER_SEED: SEED, HOST: '::1' }).conformanceIssuerSeed).not.toBeNull();
    });
  });
});

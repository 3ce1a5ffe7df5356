import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { AccountPolicy } from '../platform/auth/domain/account-standing.js';

/** Everything the service reads from the environment, parsed once at boot. */
export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | null;
  /** The schema owner's URL: migrations and grants; the service then runs as DATABASE_URL's role. */
  databaseOwnerUrl: string | null;
  dataDir: string;
  /** With DATA_DIR=:memory:, the in-memory store starts from this image of a data folder (PGLITE_IMAGE). */
  pgliteImage: string | null;
  masterKey: Buffer;
  masterKeySource: 'environment' | 'data-folder' | 'ephemeral';
  accessTokenTtlSeconds: number;
  logLevel: LogLevel;
  /** PEM certificate and key to serve HTTPS with; null: plain HTTP (behind a TLS-terminating proxy). */
  tls: { cert: Buffer; key: Buffer } | null;
  /**
   * Seed of the one did:key issuer that anonymous callers may issue for: W3C conformance suites
   * only, never production. Null (the default): conformance mode is off.
   */
  conformanceIssuerSeed: Buffer | null;
  /**
   * Threads that build and sign batch certificates beside the main thread (0: the main thread
   * signs). Default: one fewer than the cores, at most 4 — the store needs a core of its own.
   */
  signingThreads: number;
  /**
   * Threads that run the signature checks of public verification (canonicalisation included)
   * off the main thread, so a heavy credential cannot stall every other request. 0: the main
   * thread verifies (no time limit then). Default: one fewer than the cores, at least 1.
   */
  verifyThreads: number;
  /** A verification running longer than this is abandoned (its thread replaced): 422 VERIFICATION_TIMEOUT. */
  verifyTimeoutMs: number;
  /** Verifications that may wait for a thread; beyond, 503 VERIFICATION_BUSY with Retry-After. */
  verifyQueue: number;
  /**
   * Requests per minute and client address, by kind of route (429 with Retry-After beyond);
   * null: off (the W3C suites and benchmarks, which flood on purpose, from loopback).
   */
  rateLimits: RateLimits | null;
  /**
   * Whether changes to records between 22:00 and 06:00 China time are reported upward (第二十三条
   * 预警); off only where the hour of a test run must not add a warning to what it counts.
   */
  nightChangeWarnings: boolean;
  /** Express `trust proxy`: which proxies may name the client address (X-Forwarded-For); false: none. */
  trustProxy: string | false;
  /** Password age, disuse before sealing, and password history (第二十二、二十四条). */
  accountPolicy: AccountPolicy;
  /** Minutes between sweeps that seal accounts unused too long; 0: only at login. */
  accountSweepMinutes: number;
}

export interface RateLimits {
  /** Every route but /health. */
  perAddress: number;
  /** POST /auth/login. */
  login: number;
  /** Verification: /credentials/verify, /presentations/verify, /verify, /credentials/derive. */
  verify: number;
  /** The OpenID4VCI token, nonce and credential endpoints. */
  oid4vci: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64 (openssl rand -base64 32)');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://xueji.example.gov.cn' })
    .refine((v) => !v.endsWith('/') && !new URL(v).search, 'must not end with / or carry a query')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PGLITE_IMAGE: z.string().min(1).optional(),
  XUEJI_MASTER_KEY: base64Key.optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  XUEJI_CONFORMANCE_ISSUER_SEED: base64Key.optional(),
  SIGNING_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  /** Checked here only: the signing module reads it when it loads, in every thread (ed25519-keys.ts). */
  XUEJI_SIGNER: z.enum(['libsodium', 'node']).optional(),
  VERIFY_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  VERIFY_TIMEOUT_MS: z.coerce.number().int().min(20).max(60_000).default(2000),
  VERIFY_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  NIGHT_CHANGE_WARNINGS: z.enum(['on', 'off']).default('on'),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_VERIFY: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_OID4VCI: z.coerce.number().int().min(1).default(30),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ACCOUNT_SEAL_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(183),
  PASSWORD_HISTORY: z.coerce.number().int().min(0).max(24).default(5),
  ACCOUNT_SWEEP_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F.:/, ]+$|^(loopback|linklocal|uniquelocal)(, *(loopback|linklocal|uniquelocal))*$/, 'must be proxy addresses or subnets (comma separated), or loopback/linklocal/uniquelocal')
    .optional(),
});

/** Conformance mode lets anyone sign as its issuer, so it is refused anywhere but on loopback. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Parses the environment; throws ConfigError listing every bad variable by name. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const tls = readTls(e.TLS_CERT_FILE, e.TLS_KEY_FILE, problems);
  if (e.XUEJI_CONFORMANCE_ISSUER_SEED && !LOOPBACK_HOSTS.has(e.HOST)) {
    problems.push(`XUEJI_CONFORMANCE_ISSUER_SEED: conformance mode is only allowed with HOST on loopback (127.0.0.1, ::1, localhost), not ${e.HOST}`);
  }
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) problems.push('DATABASE_OWNER_URL: needs DATABASE_URL (the application role\'s URL of the same database)');
  if (problems.length > 0) throw new ConfigError(problems);
  const inMemory = e.DATA_DIR === IN_MEMORY;
  const dataDir = inMemory ? IN_MEMORY : resolve(e.DATA_DIR);
  const master = e.XUEJI_MASTER_KEY
    ? { key: Buffer.from(e.XUEJI_MASTER_KEY, 'base64'), source: 'environment' as const }
    : inMemory
      ? { key: randomBytes(32), source: 'ephemeral' as const }
      : { key: readOrCreateMasterKey(dataDir), source: 'data-folder' as const };
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `${tls ? 'https' : 'http'}://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseOwnerUrl: e.DATABASE_OWNER_URL ?? null,
    dataDir,
    pgliteImage: inMemory ? (e.PGLITE_IMAGE ?? null) : null,
    masterKey: master.key,
    masterKeySource: master.source,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    tls,
    conformanceIssuerSeed: e.XUEJI_CONFORMANCE_ISSUER_SEED ? Buffer.from(e.XUEJI_CONFORMANCE_ISSUER_SEED, 'base64') : null,
    signingThreads: e.SIGNING_THREADS ?? Math.min(4, availableParallelism() - 1),
    verifyThreads: e.VERIFY_THREADS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    verifyTimeoutMs: e.VERIFY_TIMEOUT_MS,
    verifyQueue: e.VERIFY_QUEUE,
    rateLimits:
      e.RATE_LIMITS === 'off'
        ? null
        : { perAddress: e.RATE_LIMIT_PER_ADDRESS, login: e.RATE_LIMIT_LOGIN, verify: e.RATE_LIMIT_VERIFY, oid4vci: e.RATE_LIMIT_OID4VCI },
    nightChangeWarnings: e.NIGHT_CHANGE_WARNINGS === 'on',
    trustProxy: e.TRUST_PROXY ?? false,
    accountPolicy: { passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS, sealAfterDays: e.ACCOUNT_SEAL_AFTER_DAYS, passwordHistory: e.PASSWORD_HISTORY },
    accountSweepMinutes: e.ACCOUNT_SWEEP_MINUTES,
  };
}

/** Both files or neither; read and checked now, so a wrong path or a mismatched pair stops boot. */
function readTls(certFile: string | undefined, keyFile: string | undefined, problems: string[]): AppConfig['tls'] {
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    const [set, unset] = certFile ? ['TLS_CERT_FILE', 'TLS_KEY_FILE'] : ['TLS_KEY_FILE', 'TLS_CERT_FILE'];
    problems.push(`${unset}: must be set together with ${set}`);
    return null;
  }
  const cert = readPem('TLS_CERT_FILE', certFile, problems);
  const key = readPem('TLS_KEY_FILE', keyFile, problems);
  if (!cert || !key) return null;
  const problem = tlsPairProblem(cert, key);
  if (problem) {
    problems.push(problem);
    return null;
  }
  return { cert, key };
}

function tlsPairProblem(cert: Buffer, key: Buffer): string | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    return 'TLS_CERT_FILE: the file holds no PEM certificate';
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    return 'TLS_KEY_FILE: the file holds no PEM private key';
  }
  return certificate.checkPrivateKey(privateKey) ? null : 'TLS_KEY_FILE: the key does not belong to the certificate in TLS_CERT_FILE';
}

function readPem(variable: string, file: string, problems: string[]): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    problems.push(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    return null;
  }
}

/**
 * The embedded default keeps its master key beside the data it protects. That is fine for a
 * laptop demo and wrong for production, which is why boot logs a warning when it happens.
 */
function readOrCreateMasterKey(dataDir: string): Buffer {
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError([`${file}: must hold 32 bytes in base64`]);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** DATA_DIR=:memory: keeps the embedded database in memory: throwaway runs and tests. */
export const IN_MEMORY = ':memory:';

export const APP_CONFIG = Symbol('APP_CONFIG');

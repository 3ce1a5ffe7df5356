import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Everything the service reads from the environment, parsed once at boot. */
export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | null;
  dataDir: string;
  masterKey: Buffer;
  masterKeySource: 'environment' | 'data-folder' | 'ephemeral';
  accessTokenTtlSeconds: number;
  logLevel: LogLevel;
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
  DATA_DIR: z.string().min(1).default('./data'),
  XUEJI_MASTER_KEY: base64Key.optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** Parses the environment; throws ConfigError listing every bad variable by name. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
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
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir,
    masterKey: master.key,
    masterKeySource: master.source,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
  };
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

import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { parseConfig, type AppConfig } from '../../src/config/config.js';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { OrganisationsService } from '../../src/platform/organisations/organisations.service.js';
import { fileRegistrar } from '../../src/platform/setup/install.js';
import { residentIdCheckCharacter } from '../../src/registry/domain/resident-id.js';
import pg from 'pg';
import { asRole, freshDatabase, TEST_APP_ROLE } from './test-database.js';

export const PUBLIC_URL = 'http://xueji.test';
export const PASSWORD = 'Test-Password-2026';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  config: AppConfig;
  dataSource: DataSource;
  logs: string[];
  /**
   * Runs statements in one transaction as the schema's owner — what someone with the database
   * owner's rights could do (the service's own role may not: app-role.ts).
   */
  asOwner<T>(work: (query: OwnerQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type OwnerQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * The whole service, in process, on a database of its own. `env` overrides the defaults;
 * `DATABASE_URL: ''` forces the embedded store, an existing database can be passed back in.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = 'DATABASE_URL' in env ? { databaseUrl: null, drop: async () => {} } : await freshDatabase();
  const config = parseConfig({
    DATA_DIR: ':memory:',
    XUEJI_MASTER_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL,
    LOG_LEVEL: 'debug',
    // Tests log in and verify far more often than a person; the limits have their own test.
    RATE_LIMITS: 'off',
    // On a server the service runs as a role that owns nothing; the owner migrates and grants.
    ...(db.databaseUrl ? { DATABASE_URL: asRole(db.databaseUrl, TEST_APP_ROLE), DATABASE_OWNER_URL: db.databaseUrl } : {}),
    ...(db.pgliteImage ? { PGLITE_IMAGE: db.pgliteImage } : {}),
    // A test run at night would otherwise find one more warning and audit entry than it counts; on in its own test.
    NIGHT_CHANGE_WARNINGS: 'off',
    ...env,
  });
  const logs: string[] = [];
  const app = await createApp(config, (line) => logs.push(line));
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    dataSource: app.get(DataSource),
    logs,
    asOwner: (work) => asOwner(config, app.get(DataSource), work),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

async function asOwner<T>(config: AppConfig, dataSource: DataSource, work: (query: OwnerQuery) => Promise<T>): Promise<T> {
  if (!config.databaseUrl) {
    // The embedded session runs as xueji_app; its session user (the owner) may switch back.
    return dataSource.transaction(async (em) => {
      await em.query('SET LOCAL ROLE postgres');
      return work((sql, params) => em.query(sql, params));
    });
  }
  if (!config.databaseOwnerUrl) return dataSource.transaction((em) => work((sql, params) => em.query(sql, params)));
  const client = new pg.Client({ connectionString: config.databaseOwnerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const result = await work(async (sql, params) => (await client.query(sql, params)).rows);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export interface Tree {
  province: string;
  city: string;
  county: string;
  school: string;
}

/**
 * Builds province → city → county → school under the national root, with one active account per
 * level (the system path: no activation codes), the school registrar filed and trained by the county.
 */
export async function seedTree(t: TestApp, codes: Tree, prefix: string): Promise<Record<keyof Tree, string>> {
  const orgs = t.app.get(OrganisationsService);
  const accounts = t.app.get(AccountsService);
  await orgs.ensureRoot();
  let parent = '000000';
  const usernames = {} as Record<keyof Tree, string>;
  for (const level of ['province', 'city', 'county', 'school'] as const) {
    const code = codes[level];
    if (!(await orgs.findVisible(null, code))) {
      await orgs.create(null, { parentCode: parent, code, name: `${level} ${code}` });
    }
    usernames[level] = `${prefix}.${level}`;
    await accounts.createBySystem({ username: usernames[level], password: PASSWORD, organisationCode: code });
    parent = code;
  }
  await fileRegistrar(t.app, usernames.school, usernames.county, { filedOn: '2026-09-01', reference: `备案-${prefix}`, trainedOn: '2026-09-02', course: '学籍管理员培训' });
  return usernames;
}

export async function login(t: TestApp, username: string): Promise<string> {
  const res = await t.http.post('/auth/login').send({ username, password: PASSWORD }).expect(200);
  return `Bearer ${res.body.accessToken}`;
}

/** Builds a valid resident ID number (check character computed) from region, birth date and sequence. */
export function residentId(region: string, birth: string, seq: string): string {
  const body = `${region}${birth.replaceAll('-', '')}${seq}`;
  return body + residentIdCheckCharacter(body);
}

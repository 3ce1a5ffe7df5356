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
import { freshDatabase } from './test-database.js';

export const PUBLIC_URL = 'http://xueji.test';
export const PASSWORD = 'Test-Password-2026';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  config: AppConfig;
  dataSource: DataSource;
  logs: string[];
  close(): Promise<void>;
}

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
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
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
    async close() {
      await app.close();
      await db.drop();
    },
  };
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

import { randomBytes } from 'node:crypto';
import { openDataSource } from '../../src/database/data-source.js';
import { adminQuery, serverUrl, TEMPLATE_ENV, withDatabase } from './test-database.js';

/** With a server: one migrated template per run, cloned per test file (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup() {
  const server = serverUrl();
  if (!server) return;
  const template = `xueji_tpl_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${template}`);
  const dataSource = await openDataSource({ databaseUrl: withDatabase(server, template), pgliteDir: null });
  await dataSource.destroy();
  process.env[TEMPLATE_ENV] = template;
}

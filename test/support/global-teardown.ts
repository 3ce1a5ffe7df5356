import { adminQuery, serverUrl, TEMPLATE_ENV } from './test-database.js';

export default async function globalTeardown() {
  const template = process.env[TEMPLATE_ENV];
  if (serverUrl() && template) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}

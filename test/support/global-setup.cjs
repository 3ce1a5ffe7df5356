// With a PostgreSQL server (DATABASE_URL): one template database per run, migrated by the
// first test file that needs it and cloned for every test file (CREATE DATABASE … TEMPLATE).
// Plain CommonJS: jest loads global setup outside the ESM graph the tests run in.
const { randomBytes } = require('node:crypto');
const pg = require('pg');

module.exports = async function globalSetup() {
  if (!process.env.DATABASE_URL) return;
  const template = `xueji_tpl_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${template}`);
  } finally {
    await client.end();
  }
  process.env.XUEJI_TEST_TEMPLATE_DB = template;
};

// With a PostgreSQL server (DATABASE_URL): one template database per run, migrated by the
// first test file that needs it and cloned for every test file (CREATE DATABASE … TEMPLATE).
// Plain CommonJS: jest loads global setup outside the ESM graph the tests run in.
const { randomBytes } = require('node:crypto');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const pg = require('pg');

module.exports = async function globalSetup() {
  if (!process.env.DATABASE_URL) {
    // Without a server: one image of a migrated PGlite per run, made by the first test file that
    // needs it (test-database.ts) and loaded by every one; deleted by the teardown.
    process.env.XUEJI_TEST_PGLITE_IMAGE = join(tmpdir(), `xueji-pglite-${process.pid}-${randomBytes(6).toString('hex')}.tar`);
    return;
  }
  const template = `xueji_tpl_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${template}`);
    // The role the service runs as in tests, owning nothing (src/database/app-role.ts); kept
    // between runs (roles are cluster-wide; each database grants it its own rights).
    await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'xueji_test_app') THEN CREATE ROLE xueji_test_app LOGIN; END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  } finally {
    await client.end();
  }
  process.env.XUEJI_TEST_TEMPLATE_DB = template;
};

const { rmSync } = require('node:fs');
const pg = require('pg');

module.exports = async function globalTeardown() {
  if (process.env.XUEJI_TEST_PGLITE_IMAGE) rmSync(process.env.XUEJI_TEST_PGLITE_IMAGE, { force: true });
  const template = process.env.XUEJI_TEST_TEMPLATE_DB;
  if (!process.env.DATABASE_URL || !template) return;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  } finally {
    await client.end();
  }
};

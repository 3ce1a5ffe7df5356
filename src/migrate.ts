import 'reflect-metadata';
import { ConfigError, parseConfig } from './config/config.js';
import { openDataSource, storeFor } from './database/data-source.js';
import { roleOf } from './database/app-role.js';

/**
 * `DATABASE_OWNER_URL=… DATABASE_URL=… npm run migrate`: a deployment step of its own, as the
 * schema's owner — our migrations, the job queue's schema, and the application role's rights —
 * so that the service can then start with `DATABASE_URL` alone and never hold the owner's password.
 */
async function main() {
  const config = parseConfig(process.env);
  if (config.databaseUrl && !config.databaseOwnerUrl) {
    throw new ConfigError(['DATABASE_OWNER_URL: needed by npm run migrate on a server (the schema owner, who grants DATABASE_URL\'s role its rights)']);
  }
  const store = storeFor(config);
  const owner = await openDataSource(store, 'owner');
  const [{ name }] = await owner.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
  await owner.destroy();
  const role = config.databaseUrl ? roleOf(config.databaseUrl) : 'xueji_app (embedded)';
  process.stdout.write(`Schema up to date (last migration ${name}); the service's role ${role} has its rights and owns nothing.\n`);
}

main().catch((error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Migration failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});

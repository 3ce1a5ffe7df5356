import { PgBoss } from 'pg-boss';
import type { DataSource } from 'typeorm';
import { embeddedSessionOf } from '../database/pglite-driver.js';

/** pg-boss keeps its tables in a schema of its own, beside ours in the same database. */
export const QUEUE_SCHEMA = 'pgboss';

/**
 * Installs or upgrades the job queue's schema, as the owner with the other migrations, so that
 * the service itself (`migrate: false` in job-queue.service.ts) never needs to create anything.
 * `connectionString`: the owner's URL on a server; ignored on the embedded store.
 */
export async function installQueueSchema(dataSource: DataSource, connectionString: string | null): Promise<void> {
  const session = embeddedSessionOf(dataSource);
  const boss = new PgBoss({
    schema: QUEUE_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
    useListenNotify: false,
    registerInstance: false,
    openTelemetry: { enabled: false },
    ...(session ? { backend: 'pglite' as const, db: session } : { connectionString: connectionString!, max: 1, application_name: 'xueji-migrate' }),
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false });
}

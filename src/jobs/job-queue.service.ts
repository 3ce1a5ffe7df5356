import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PgBoss, type ConstructorOptions, type Db, type Job, type QueueOptions } from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { rowsOf } from '../database/rows.js';
import { embeddedSessionOf } from '../database/pglite-driver.js';
import { jobFailure } from './job-failure.js';
import { QUEUE_SCHEMA } from './queue-schema.js';

/** pg-boss's floor; jobs wait at most this long after their transaction commits. */
const POLLING_INTERVAL_SECONDS = 0.5;

/** `signal` is aborted when the application shuts down: a long handler stops between units of work. */
export type JobHandler<T> = (data: T, signal: AbortSignal) => Promise<void>;

/**
 * The job queue (pg-boss) on the service's own store, so several instances share the work.
 *
 * On a PostgreSQL server pg-boss has a small pool of its own. On the embedded store it runs
 * through the one PGlite session: its statements wait their turn like any query runner (see
 * `executeSql` in pglite-driver.ts), and workers poll (LISTEN/NOTIFY is off everywhere, so both
 * stores behave the same). Jobs are sent inside the caller's transaction, so a job exists if
 * and only if the change that asked for it committed.
 */
@Injectable()
export class JobQueueService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly stopping = new AbortController();
  private readonly started: Promise<void>;
  private markStarted!: () => void;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.boss = new PgBoss(bossOptions(dataSource, config));
    // Names and codes only: a statement's values could hold whatever a job carries.
    this.boss.on('error', (error: Error) => this.logger.error({ msg: 'queue error', error: error.name, code: (error as { code?: string }).code }));
    this.boss.on('warning', (warning: { message: string }) => this.logger.warn({ msg: 'queue warning', warning: warning.message }));
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.markStarted();
  }

  /** Creates the queue (idempotent) and works it one job at a time in this process. */
  async work<T extends object>(name: string, options: QueueOptions, handler: JobHandler<T>): Promise<void> {
    await this.started;
    await this.boss.createQueue(name, options);
    await this.boss.work<T>(name, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS, batchSize: 1 }, async (jobs: Job<T>[]) => {
      // The queue stores what a handler throws: the kind of failure only (job-failure.ts).
      for (const job of jobs) await handler(job.data, this.stopping.signal).catch((error: unknown) => Promise.reject(jobFailure(error)));
    });
  }

  /** Sends jobs in the caller's transaction: they become visible when it commits. */
  async sendIn<T extends object>(em: EntityManager, name: string, jobs: T[]): Promise<void> {
    await this.started;
    await this.boss.insert(name, jobs.map((data) => ({ data })), { db: transactionDatabase(em) });
  }

  /** Sends jobs on their own (e.g. resuming at boot); a committed change asked for them. */
  async send<T extends object>(name: string, jobs: T[]): Promise<void> {
    await this.started;
    await this.boss.insert(name, jobs.map((data) => ({ data })));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    // Graceful: running handlers see the signal, stop between chunks and hand their job back.
    await this.boss.stop({ graceful: true, timeout: 15_000 });
  }
}

function bossOptions(dataSource: DataSource, config: AppConfig): ConstructorOptions {
  const common: ConstructorOptions = {
    schema: QUEUE_SCHEMA,
    // The schema is installed with the migrations, by the owner (queue-schema.ts): the service's
    // own database role may not create anything.
    migrate: false,
    useListenNotify: false,
    schedule: false,
    registerInstance: false,
    openTelemetry: { enabled: false },
    // Finds jobs whose worker stopped sending heartbeats (a killed instance) and retries them.
    superviseIntervalSeconds: 15,
  };
  const session = embeddedSessionOf(dataSource);
  if (session) return { ...common, backend: 'pglite', db: session };
  return { ...common, connectionString: config.databaseUrl!, max: 3, application_name: 'xueji-queue' };
}

/** The caller's transaction as pg-boss's database: its statements run inside that transaction. */
function transactionDatabase(em: EntityManager): Db {
  return { executeSql: async (text, values) => ({ rows: rowsOf(await em.query(text, values)) }) };
}

var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.js';
import { rowsOf } from '../database/rows.js';
import { embeddedSessionOf } from '../database/pglite-driver.js';
/** pg-boss keeps its tables in a schema of its own, beside ours in the same database. */
export const QUEUE_SCHEMA = 'pgboss';
/** pg-boss's floor; jobs wait at most this long after their transaction commits. */
const POLLING_INTERVAL_SECONDS = 0.5;
/**
 * The job queue (pg-boss) on the service's own store, so several instances share the work.
 *
 * On a PostgreSQL server pg-boss has a small pool of its own. On the embedded store it runs
 * through the one PGlite session: its statements wait their turn like any query runner (see
 * `executeSql` in pglite-driver.ts), and workers poll (LISTEN/NOTIFY is off everywhere, so both
 * stores behave the same). Jobs are sent inside the caller's transaction, so a job exists if
 * and only if the change that asked for it committed.
 */
let JobQueueService = class JobQueueService {
    constructor(dataSource, config) {
        this.logger = new Logger('Jobs');
        this.stopping = new AbortController();
        this.boss = new PgBoss(bossOptions(dataSource, config));
        // Names and codes only: a statement's values could hold whatever a job carries.
        this.boss.on('error', (error) => this.logger.error({ msg: 'queue error', error: error.name, code: error.code }));
        this.boss.on('warning', (warning) => this.logger.warn({ msg: 'queue warning', warning: warning.message }));
        this.started = new Promise((resolve) => (this.markStarted = resolve));
    }
    async onModuleInit() {
        await this.boss.start();
        this.markStarted();
    }
    /** Creates the queue (idempotent) and works it one job at a time in this process. */
    async work(name, options, handler) {
        await this.started;
        await this.boss.createQueue(name, options);
        await this.boss.work(name, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS, batchSize: 1 }, async (jobs) => {
            for (const job of jobs)
                await handler(job.data, this.stopping.signal);
        });
    }
    /** Sends jobs in the caller's transaction: they become visible when it commits. */
    async sendIn(em, name, jobs) {
        await this.started;
        await this.boss.insert(name, jobs.map((data) => ({ data })), { db: transactionDatabase(em) });
    }
    /** Sends jobs on their own (e.g. resuming at boot); a committed change asked for them. */
    async send(name, jobs) {
        await this.started;
        await this.boss.insert(name, jobs.map((data) => ({ data })));
    }
    async beforeApplicationShutdown() {
        this.stopping.abort();
        // Graceful: running handlers see the signal, stop between chunks and hand their job back.
        await this.boss.stop({ graceful: true, timeout: 15_000 });
    }
};
JobQueueService = __decorate([
    Injectable(),
    __param(1, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [DataSource, Object])
], JobQueueService);
export { JobQueueService };
function bossOptions(dataSource, config) {
    const common = {
        schema: QUEUE_SCHEMA,
        useListenNotify: false,
        schedule: false,
        registerInstance: false,
        openTelemetry: { enabled: false },
        // Finds jobs whose worker stopped sending heartbeats (a killed instance) and retries them.
        superviseIntervalSeconds: 15,
    };
    const session = embeddedSessionOf(dataSource);
    if (session)
        return { ...common, backend: 'pglite', db: session };
    return { ...common, connectionString: config.databaseUrl, max: 3, application_name: 'xueji-queue' };
}
/** The caller's transaction as pg-boss's database: its statements run inside that transaction. */
function transactionDatabase(em) {
    return { executeSql: async (text, values) => ({ rows: rowsOf(await em.query(text, values)) }) };
}
//# sourceMappingURL=job-queue.service.js.map
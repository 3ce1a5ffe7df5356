import { JobQueueService } from '../../src/jobs/job-queue.service.js';
import { QUEUE_SCHEMA } from '../../src/jobs/queue-schema.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A failed job's row in the queue (pg-boss keeps the handler's error there) holds the kind of
 * failure only: a database error's data — a refused COPY line, a quoted value — stays out.
 */
describe('job failures in the queue', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('stores the error name, SQLSTATE and constraint of a failed job, and none of its data', async () => {
    const queue = t.app.get(JobQueueService);
    await queue.work<{ n: number }>('test-failing', { retryLimit: 0 }, async () => {
      throw Object.assign(new Error('invalid input syntax for type uuid: "张三"'), {
        code: '22P02',
        constraint: 'some_check',
        where: 'COPY student_guardian_contacts, line 2: "x\t0\tmother\t李梅\t13800138000\t33"',
      });
    });
    await queue.send('test-failing', [{ n: 1 }]);

    let output: unknown = null;
    for (let i = 0; i < 100 && output === null; i++) {
      const rows = await t.asOwner((q) => q(`SELECT output FROM ${QUEUE_SCHEMA}.job WHERE name = 'test-failing' AND state = 'failed'`));
      output = rows[0]?.output ?? null;
      if (output === null) await new Promise((r) => setTimeout(r, 100));
    }

    expect(output).toMatchObject({ name: 'JobFailed', message: 'job failed: Error 22P02 on some_check' });
    expect(JSON.stringify(output)).not.toMatch(/张三|李梅|13800138000/);
  });
});

import { Module } from '@nestjs/common';
import { JobQueueService } from './job-queue.service.js';

/** The job queue; modules with background work import it and register their workers. */
@Module({
  providers: [JobQueueService],
  exports: [JobQueueService],
})
export class JobsModule {}

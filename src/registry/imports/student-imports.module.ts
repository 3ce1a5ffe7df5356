import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module.js';
import { RegistryModule } from '../registry.module.js';
import { StudentImportJob } from './student-import-job.js';
import { StudentImportsController } from './student-imports.controller.js';
import { StudentImportsService } from './student-imports.service.js';

/** Student imports and their job on the queue. */
@Module({
  imports: [RegistryModule, JobsModule],
  controllers: [StudentImportsController],
  providers: [StudentImportsService, StudentImportJob],
})
export class StudentImportsModule {}

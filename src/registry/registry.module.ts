import { Module } from '@nestjs/common';
import { IdNumberVault } from './id-number-vault.js';
import { StudentEvents } from './student-events.js';
import { StudentsController } from './students.controller.js';
import { StudentsService } from './students.service.js';

@Module({
  controllers: [StudentsController],
  providers: [StudentsService, IdNumberVault, StudentEvents],
  exports: [StudentsService, StudentEvents],
})
export class RegistryModule {}

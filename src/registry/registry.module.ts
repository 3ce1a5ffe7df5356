import { Module } from '@nestjs/common';
import { IdNumberVault } from './id-number-vault.js';
import { StudentsController } from './students.controller.js';
import { StudentsService } from './students.service.js';

@Module({
  controllers: [StudentsController],
  providers: [StudentsService, IdNumberVault],
  exports: [StudentsService],
})
export class RegistryModule {}

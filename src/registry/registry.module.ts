import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ChangeRequestsService } from './change-requests/change-requests.service.js';
import { RecordCorrectionsService } from './change-requests/record-corrections.service.js';
import { FieldValueVault } from './field-value-vault.js';
import { GuardianBindingsService } from './guardians/guardian-bindings.service.js';
import { GuardianChildrenService } from './guardians/guardian-children.service.js';
import { GuardianCodesController, GuardiansController } from './guardians/guardians.controller.js';
import { IdNumberVault } from './id-number-vault.js';
import { RecordHistoryController } from './record-history/record-history.controller.js';
import { RecordHistoryService } from './record-history/record-history.service.js';
import { RecordHistories } from './record-histories.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentEvents } from './student-events.js';
import { StudentsController } from './students.controller.js';
import { StudentsService } from './students.service.js';
import { StudentStatisticsController } from './statistics/student-statistics.controller.js';
import { StudentStatisticsService } from './statistics/student-statistics.service.js';

@Module({
  imports: [WorkflowModule],
  controllers: [StudentsController, StudentStatisticsController, GuardianCodesController, GuardiansController, RecordHistoryController],
  providers: [StudentsService, IdNumberVault, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService, ChangeRequestsService, RecordCorrectionsService, FieldValueVault, GuardianBindingsService, GuardianChildrenService, RecordHistoryService],
  exports: [StudentsService, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService],
})
export class RegistryModule {}

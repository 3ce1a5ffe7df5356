import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ChangeRequestsService } from './change-requests/change-requests.service.js';
import { GuardianContacts } from './guardian-contacts.js';
import { IdNumberVault } from './id-number-vault.js';
import { ProvinceRecordRulesController } from './record-schemas/province-record-rules.controller.js';
import { ProvinceRecordRulesService } from './record-schemas/province-record-rules.service.js';
import { RecordHistories } from './record-histories.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentEvents } from './student-events.js';
import { StudentExtraService } from './student-extra.service.js';
import { StudentsController } from './students.controller.js';
import { StudentsService } from './students.service.js';
import { StudentStatisticsController } from './statistics/student-statistics.controller.js';
import { StudentStatisticsService } from './statistics/student-statistics.service.js';

@Module({
  imports: [WorkflowModule],
  controllers: [StudentsController, StudentStatisticsController, ProvinceRecordRulesController],
  providers: [StudentsService, IdNumberVault, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService, ChangeRequestsService, GuardianContacts, ProvinceRecordRulesService, StudentExtraService],
  exports: [StudentsService, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService],
})
export class RegistryModule {}

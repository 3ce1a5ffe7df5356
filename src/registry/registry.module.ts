import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ChangeRequestsService } from './change-requests/change-requests.service.js';
import { IdNumberVault } from './id-number-vault.js';
import { RecordHistories } from './record-histories.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentEvents } from './student-events.js';
import { RecordCopiesService } from './moves/record-copies.service.js';
import { RecordMovesService } from './moves/record-moves.service.js';
import { SchoolClosuresController } from './moves/school-closures.controller.js';
import { SchoolClosuresService } from './moves/school-closures.service.js';
import { RecordCopiesController, TransfersController } from './transfers/transfers.controller.js';
import { TransfersService } from './transfers/transfers.service.js';
import { StudentsController } from './students.controller.js';
import { StudentsService } from './students.service.js';
import { StudentStatisticsController } from './statistics/student-statistics.controller.js';
import { StudentStatisticsService } from './statistics/student-statistics.service.js';

@Module({
  imports: [WorkflowModule],
  controllers: [StudentsController, StudentStatisticsController, TransfersController, RecordCopiesController, SchoolClosuresController],
  providers: [StudentsService, IdNumberVault, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService, ChangeRequestsService, RecordMovesService, RecordCopiesService, TransfersService, SchoolClosuresService],
  exports: [StudentsService, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService, RecordMovesService],
})
export class RegistryModule {}

import { Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../common/runtime/periodic-task.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ChangeRequestsService } from './change-requests/change-requests.service.js';
import { RecordCorrectionsService } from './change-requests/record-corrections.service.js';
import { FieldValueVault } from './field-value-vault.js';
import { GuardianBindingsService } from './guardians/guardian-bindings.service.js';
import { GuardianChildrenService } from './guardians/guardian-children.service.js';
import { GuardianCodesController, GuardiansController } from './guardians/guardians.controller.js';
import { DropoutsService } from './dropouts/dropouts.service.js';
import { GuardianContacts } from './guardian-contacts.js';
import { IdNumberVault } from './id-number-vault.js';
import { RecordHistoryController } from './record-history/record-history.controller.js';
import { RecordHistoryService } from './record-history/record-history.service.js';
import { ProvinceRecordRulesController } from './record-schemas/province-record-rules.controller.js';
import { ProvinceRecordRulesService } from './record-schemas/province-record-rules.service.js';
import { RecordHistories } from './record-histories.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentEvents } from './student-events.js';
import { RecordCopiesService } from './moves/record-copies.service.js';
import { RecordMovesService } from './moves/record-moves.service.js';
import { SchoolClosuresController } from './moves/school-closures.controller.js';
import { SchoolClosuresService } from './moves/school-closures.service.js';
import { RecordCopiesController, TransfersController } from './transfers/transfers.controller.js';
import { TransfersService } from './transfers/transfers.service.js';
import { RecordProblemsService } from './verification/record-problems.service.js';
import { SemesterVerificationService } from './verification/semester-verification.service.js';
import { DropoutsController, VerificationController } from './verification/verification.controller.js';

/** How often drop-out cases past their follow-up date are looked for (each is warned once). */
const DROPOUT_SWEEP_MS = 60 * 60_000;
import { StudentExtraService } from './student-extra.service.js';
import { StudentsController } from './students.controller.js';
import { RegisterChangesController } from './register-changes.controller.js';
import { PromotionsService } from './promotions/promotions.service.js';
import { StudentsService } from './students.service.js';
import { GraduatesService } from './graduates.service.js';
import { StudentSearchService } from './student-search.service.js';
import { StudentStatisticsController } from './statistics/student-statistics.controller.js';
import { StudentStatisticsService } from './statistics/student-statistics.service.js';

@Module({
  imports: [WorkflowModule],
  controllers: [StudentsController, StudentStatisticsController, ProvinceRecordRulesController, TransfersController, RecordCopiesController, SchoolClosuresController, VerificationController, DropoutsController, RegisterChangesController, GuardianCodesController, GuardiansController, RecordHistoryController],
  providers: [StudentsService, GraduatesService, StudentSearchService, IdNumberVault, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService, ChangeRequestsService, GuardianContacts, ProvinceRecordRulesService, StudentExtraService, RecordMovesService, RecordCopiesService, TransfersService, SchoolClosuresService, DropoutsService, SemesterVerificationService, RecordProblemsService, PromotionsService, RecordCorrectionsService, FieldValueVault, GuardianBindingsService, GuardianChildrenService, RecordHistoryService],
  exports: [StudentsService, GraduatesService, StudentEvents, StudentStatisticsService, RecordHistories, StatusHistoryService, RecordMovesService, IdNumberVault, ProvinceRecordRulesService, GuardianChildrenService],
})
export class RegistryModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: PeriodicTask;

  constructor(dropouts: DropoutsService) {
    this.sweep = new PeriodicTask('drop-out follow-up sweep', DROPOUT_SWEEP_MS, () => dropouts.warnOverdue());
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }
}

import { Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../common/runtime/periodic-task.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';
import { RequestMaterialsController } from './request-materials.controller.js';
import { RequestMaterialsService } from './request-materials.service.js';
import { MaterialSeal } from './material-seal.js';

/** How often overdue steps are looked for (each is escalated once, whichever instance sees it first). */
const ESCALATION_SWEEP_MS = 15 * 60_000;

/**
 * Requests, their steps and deadlines: one engine that knows nothing of student records (the
 * register's changes and the sharing module's approvals are its kinds, registered by their
 * modules), and the working-day calendar its deadlines come from.
 */
@Module({
  controllers: [CalendarController, RequestsController, RequestMaterialsController],
  providers: [CalendarService, RequestsService, RequestMaterialsService, MaterialSeal],
  exports: [CalendarService, RequestsService, MaterialSeal],
})
export class WorkflowModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: PeriodicTask;

  constructor(requests: RequestsService) {
    this.sweep = new PeriodicTask('escalation sweep', ESCALATION_SWEEP_MS, () => requests.escalateOverdue());
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }
}

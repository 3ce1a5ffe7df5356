import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';

/**
 * Requests, their steps and deadlines: one engine that knows nothing of student records (the
 * register's changes and the sharing module's approvals are its kinds). Today: the working-day
 * calendar its deadlines come from.
 */
@Module({ controllers: [CalendarController], providers: [CalendarService], exports: [CalendarService] })
export class WorkflowModule {}

import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ValidationError } from '../common/errors/domain-error.js';
import { parseInput } from '../common/validation/parse.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { CalendarService } from './calendar.service.js';
import { CalendarYearRequest, DueDateQuery } from './dto/calendar.dto.js';

@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** For anyone signed in: staff plan with it, tools check the service's deadlines against it. */
  @Get('due-date')
  @Roles(...ALL_ROLES)
  dueDate(@Query() query: unknown) {
    const { from, workingDays } = parseInput(DueDateQuery, query, 'query');
    return this.calendar.dueDate(from, workingDays);
  }

  @Get('years')
  @Roles(...ALL_ROLES)
  years() {
    return this.calendar.years();
  }

  /** The national authority loads each year's notice as it is published (each November). */
  @Put('years/:year')
  @Roles('national_admin')
  load(@CurrentPrincipal() principal: Principal, @Param('year') year: string, @Body() body: unknown) {
    if (!/^20\d{2}$/.test(year)) throw ValidationError.field('year', 'must be a year such as 2027');
    return this.calendar.loadYear(principal, Number(year), parseInput(CalendarYearRequest, body));
  }
}

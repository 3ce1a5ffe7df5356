import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import {
  ConfirmGraduationRequest,
  EnrolStudentRequest,
  parseListQuery,
  ProposeGraduationRequest,
  SearchStudentsRequest,
  UpdateExtraRequest,
} from './dto/student.dto.js';
import { ChangeRequestsService } from './change-requests/change-requests.service.js';
import { ChangeRequestBody, StatusHistoryQuery } from './dto/change-request.dto.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentExtraService } from './student-extra.service.js';
import { StudentSearchService } from './student-search.service.js';
import { StudentsService } from './students.service.js';

@Controller('students')
export class StudentsController {
  constructor(
    private readonly students: StudentsService,
    private readonly changes: ChangeRequestsService,
    private readonly history: StatusHistoryService,
    private readonly extra: StudentExtraService,
    private readonly search: StudentSearchService,
  ) {}

  @Post()
  @Roles('school_registrar')
  enrol(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.students.enrol(principal, parseInput(EnrolStudentRequest, body));
  }

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.search.list(principal, parseListQuery(query));
  }

  @Post('search')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  find(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.search.search(principal, parseInput(SearchStudentsRequest, body));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.students.get(principal, uuidParam(id, 'id'));
  }

  @Patch(':id/extra')
  @Roles('school_registrar')
  updateExtra(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.extra.update(principal, uuidParam(id, 'id'), parseInput(UpdateExtraRequest, body));
  }

  @Post(':id/graduation')
  @HttpCode(200)
  @Roles('school_registrar')
  proposeGraduation(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.students.proposeGraduation(principal, uuidParam(id, 'id'), parseInput(ProposeGraduationRequest, body));
  }

  @Post(':id/graduation/confirmation')
  @HttpCode(200)
  @Roles('county_admin')
  confirmGraduation(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.students.confirmGraduation(principal, uuidParam(id, 'id'), parseInput(ConfirmGraduationRequest, body));
  }

  @Post(':id/change-requests')
  @Roles('school_registrar')
  askChange(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.changes.ask(principal, uuidParam(id, 'id'), parseInput(ChangeRequestBody, body));
  }

  @Get(':id/status-history')
  @Roles(...ALL_ROLES)
  statusHistory(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: unknown) {
    return this.history.forStudent(principal, uuidParam(id, 'id'), parseInput(StatusHistoryQuery, query, 'query').on);
  }
}

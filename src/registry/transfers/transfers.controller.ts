import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { RecordCopiesService } from '../moves/record-copies.service.js';
import { ListRecordCopiesQuery, StartTransferRequest } from './dto/transfer.dto.js';
import { TransfersService } from './transfers.service.js';

/** 转学: started by the receiving school; decided on the request engine's routes (/requests/{id}/steps/{index}/decision). */
@Controller('transfers')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post()
  @Roles('school_registrar')
  start(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.transfers.start(principal, parseInput(StartTransferRequest, body));
  }
}

/** The read-only copies of records that left the caller's subtree. */
@Controller('record-copies')
export class RecordCopiesController {
  constructor(private readonly copies: RecordCopiesService) {}

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.copies.list(principal, parseInput(ListRecordCopiesQuery, query, 'query'));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.copies.get(principal, uuidParam(id, 'id'));
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ShownOnce } from '../../common/idempotency/idempotency.interceptor.js';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { ALL_ROLES, GuardianOnly, Public, Roles } from '../../platform/auth/access.decorator.js';
import { BrowserSessions } from '../../platform/auth/browser-sessions.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { GuardianAccountsService } from '../../platform/guardians/guardian-accounts.service.js';
import { CurrentGuardian, type GuardianPrincipal } from '../../platform/guardians/guardian-principal.js';
import { GuardianChangeRequestBody } from '../dto/change-request.dto.js';
import { CreateGuardianAccountRequest, GuardianBindingRequest, GuardianSessionRequest, IssueBindingCodeRequest } from './dto/guardian.dto.js';
import { GuardianBindingsService } from './guardian-bindings.service.js';
import { GuardianChildrenService } from './guardian-children.service.js';

/** The school hands a guardian a one-time binding code for one of its students, sees who is bound, and ends a binding. */
@Controller('students')
export class GuardianCodesController {
  constructor(private readonly bindings: GuardianBindingsService) {}

  @Post(':id/guardian-codes')
  @ShownOnce()
  @Roles('school_registrar')
  issue(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.bindings.issue(principal, uuidParam(id, 'id'), parseInput(IssueBindingCodeRequest, body).relation);
  }

  @Get(':id/guardians')
  @Roles(...ALL_ROLES)
  guardians(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.bindings.guardiansOf(principal, uuidParam(id, 'id'));
  }

  @Delete(':id/guardians/:guardianId')
  @HttpCode(204)
  @Roles('school_registrar')
  async unbind(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('guardianId') guardianId: string) {
    await this.bindings.unbind(principal, uuidParam(id, 'id'), uuidParam(guardianId, 'guardianId'));
  }
}

/** Guardians: their account, their children, and what they ask for them (docs/guardians.md). */
@Controller('guardian')
export class GuardiansController {
  constructor(
    private readonly accounts: GuardianAccountsService,
    private readonly bindings: GuardianBindingsService,
    private readonly children: GuardianChildrenService,
    private readonly browserSessions: BrowserSessions,
  ) {}

  @Post('accounts')
  @Public()
  createAccount(@Body() body: unknown) {
    return this.bindings.createAccount(parseInput(CreateGuardianAccountRequest, body));
  }

  @Post('sessions')
  @HttpCode(200)
  @Public()
  signIn(@Body() body: unknown) {
    return this.accounts.signIn(parseInput(GuardianSessionRequest, body));
  }

  /** A guardian's browser session: as /guardian/sessions, the token in the guardian's own HttpOnly cookie (docs/console.md). */
  @Post('console-session')
  @HttpCode(200)
  @Public()
  async consoleSession(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.browserSessions.open(res, await this.accounts.signIn(parseInput(GuardianSessionRequest, body)), 'guardian');
  }

  /** Ends every session of the guardian (and clears a browser session's cookies). */
  @Post('logout')
  @HttpCode(204)
  @GuardianOnly()
  async logout(@CurrentGuardian() guardian: GuardianPrincipal, @Res({ passthrough: true }) res: Response) {
    await this.accounts.logout(guardian);
    this.browserSessions.end(res, 'guardian');
  }

  @Post('bindings')
  @GuardianOnly()
  bind(@CurrentGuardian() guardian: GuardianPrincipal, @Body() body: unknown) {
    return this.bindings.bind(guardian, parseInput(GuardianBindingRequest, body).code);
  }

  @Get('children')
  @GuardianOnly()
  async list(@CurrentGuardian() guardian: GuardianPrincipal) {
    return { items: await this.children.list(guardian) };
  }

  @Get('children/:id')
  @GuardianOnly()
  get(@CurrentGuardian() guardian: GuardianPrincipal, @Param('id') id: string) {
    return this.children.get(guardian, uuidParam(id, 'id'));
  }

  @Get('children/:id/requests')
  @GuardianOnly()
  requests(@CurrentGuardian() guardian: GuardianPrincipal, @Param('id') id: string) {
    return this.children.requestsAbout(guardian, uuidParam(id, 'id'));
  }

  @Post('children/:id/change-requests')
  @GuardianOnly()
  ask(@CurrentGuardian() guardian: GuardianPrincipal, @Param('id') id: string, @Body() body: unknown) {
    return this.children.ask(guardian, uuidParam(id, 'id'), parseInput(GuardianChangeRequestBody, body));
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { AUTHORITY_ROLES, Public, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApprovalsService } from './approvals.service.js';
import { ClientAuthService } from './client-auth.service.js';
import { AccessLogQuery, ApprovalStatusChangeRequest, ClientTokenRequest, RegisterRelyingSystemRequest, RequestApprovalRequest } from './dto/sharing.dto.js';
import { StudentExportService } from './exports/student-export.service.js';
import { RelyingSystemsService } from './relying-systems.service.js';

export const ExportQuery = z.object({ approvalId: z.uuid(), format: z.enum(['csv', 'xlsx']).default('csv') });

/** Education authorities register relying systems and grant them approvals. */
@Controller()
export class SharingController {
  constructor(
    private readonly systems: RelyingSystemsService,
    private readonly approvals: ApprovalsService,
    private readonly clients: ClientAuthService,
    private readonly exports: StudentExportService,
  ) {}

  @Post('relying-systems')
  @Roles(...AUTHORITY_ROLES)
  register(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.systems.register(principal, parseInput(RegisterRelyingSystemRequest, body));
  }

  @Get('relying-systems')
  @Roles(...AUTHORITY_ROLES)
  list(@CurrentPrincipal() principal: Principal) {
    return this.systems.list(principal);
  }

  @Get('relying-systems/:id')
  @Roles(...AUTHORITY_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.systems.get(principal, uuidParam(id, 'id'));
  }

  @Post('relying-systems/:id/approval-requests')
  @Roles(...AUTHORITY_ROLES)
  requestApproval(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.approvals.request(principal, uuidParam(id, 'id'), parseInput(RequestApprovalRequest, body));
  }

  @Get('sharing-approvals')
  @Roles(...AUTHORITY_ROLES)
  approvalList(@CurrentPrincipal() principal: Principal, @Query('relyingSystemId') relyingSystemId?: string) {
    return this.approvals.list(principal, relyingSystemId === undefined ? undefined : uuidParam(relyingSystemId, 'relyingSystemId'));
  }

  @Get('sharing-approvals/:id')
  @Roles(...AUTHORITY_ROLES)
  approval(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.approvals.get(principal, uuidParam(id, 'id'));
  }

  @Get('sharing-approvals/:id/access-log')
  @Roles(...AUTHORITY_ROLES)
  accessLog(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: unknown) {
    return this.approvals.accessLog(principal, uuidParam(id, 'id'), parseInput(AccessLogQuery, query, 'query'));
  }

  @Post('sharing-approvals/:id/suspension')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  suspend(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.approvals.change(principal, uuidParam(id, 'id'), 'suspend', parseInput(ApprovalStatusChangeRequest, body).reason);
  }

  @Post('sharing-approvals/:id/revocation')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.approvals.change(principal, uuidParam(id, 'id'), 'revoke', parseInput(ApprovalStatusChangeRequest, body).reason);
  }

  @Post('sharing-approvals/:id/reinstatement')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  reinstate(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.approvals.change(principal, uuidParam(id, 'id'), 'reinstate', parseInput(ApprovalStatusChangeRequest, body).reason);
  }

  /** OAuth client credentials with a private_key_jwt assertion; form-encoded or JSON. */
  @Post('sharing/token')
  @HttpCode(200)
  @Public()
  token(@Body() body: unknown) {
    return this.clients.token(parseInput(ClientTokenRequest, body).client_assertion);
  }

  /** A relying system's own approvals, with its access token. */
  @Get('sharing/approvals')
  @Public()
  async own(@Req() req: Request) {
    const system = await this.clients.systemOf(req.header('authorization'));
    return this.approvals.ofSystem(system.id);
  }

  /** A desensitised export of the approval's region, one column per approved claim (relying system token). */
  @Get('sharing/exports/students')
  @Public()
  async export(@Req() req: Request, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const system = await this.clients.systemOf(req.header('authorization'));
    const { approvalId, format } = parseInput(ExportQuery, query, 'query');
    const file = await this.exports.export(system, approvalId, format);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.body);
  }
}

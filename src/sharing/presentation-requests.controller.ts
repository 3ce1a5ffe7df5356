import { Body, Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { Public } from '../platform/auth/access.decorator.js';
import { ClientAuthService } from './client-auth.service.js';
import { AuthorizationResponseRequest, CreatePresentationRequestRequest } from './dto/sharing.dto.js';
import { PresentationRequestsService } from './presentation-requests.service.js';
import { PresentationResponsesService } from './presentation-responses.service.js';

/**
 * OpenID4VP within an approval: the relying system (its bearer token) makes a request and collects
 * the result; the wallet fetches the signed request object and answers by direct_post.
 */
@Controller()
export class PresentationRequestsController {
  constructor(
    private readonly clients: ClientAuthService,
    private readonly requests: PresentationRequestsService,
    private readonly responses: PresentationResponsesService,
  ) {}

  @Post('sharing/presentation-requests')
  @Public()
  async create(@Req() req: Request, @Body() body: unknown) {
    const system = await this.clients.systemOf(req.header('authorization'));
    return this.requests.create(system, parseInput(CreatePresentationRequestRequest, body));
  }

  @Get('sharing/presentation-requests/:id/result')
  @Public()
  @Header('Cache-Control', 'no-store')
  async result(@Req() req: Request, @Param('id') id: string) {
    const system = await this.clients.systemOf(req.header('authorization'));
    return this.requests.result(system, uuidParam(id, 'id'));
  }

  /** The signed request object (JAR, `oauth-authz-req+jwt`), fetched by the wallet from request_uri. */
  @Get('sharing/oid4vp/requests/:id')
  @Public()
  @Header('Content-Type', 'application/oauth-authz-req+jwt')
  @Header('Cache-Control', 'no-store')
  requestObject(@Param('id') id: string) {
    return this.requests.requestObject(uuidParam(id, 'id'));
  }

  /** The wallet's answer (response_mode direct_post), form-encoded or JSON. */
  @Post('sharing/oid4vp/responses/:id')
  @HttpCode(200)
  @Public()
  @Header('Cache-Control', 'no-store')
  answer(@Param('id') id: string, @Body() body: unknown) {
    return this.responses.answer(uuidParam(id, 'id'), parseInput(AuthorizationResponseRequest, body));
  }
}

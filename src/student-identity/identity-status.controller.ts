import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundError } from '../common/errors/domain-error.js';
import { Public } from '../platform/auth/access.decorator.js';
import { STATUS_LIST_MEDIA_TYPE } from '../identity/token-status/domain/status-list-token.js';
import { JwtVcIssuerService } from './jwt-vc-issuer.service.js';
import { TokenStatusListService } from './token-status-list.service.js';

/** What an SD-JWT VC verifier fetches, public: the issuer's keys and the status list tokens. */
@Controller()
export class IdentityStatusController {
  constructor(
    private readonly tokens: TokenStatusListService,
    private readonly issuers: JwtVcIssuerService,
  ) {}

  @Get('token-status-lists/:seq')
  @Public()
  async token(@Param('seq') seq: string, @Req() req: Request, @Res() res: Response) {
    if (!/^\d{1,18}$/.test(seq)) throw new NotFoundError('Status list');
    const published = await this.tokens.token(seq);
    res.set({ 'Cache-Control': 'public, max-age=30, must-revalidate', ETag: published.etag, 'Last-Modified': published.updatedAt.toUTCString() });
    if (req.headers['if-none-match'] === published.etag) {
      res.status(304).end();
      return;
    }
    res.type(STATUS_LIST_MEDIA_TYPE).send(published.token);
  }

  @Get('.well-known/jwt-vc-issuer/issuers/:code')
  @Public()
  async jwtVcIssuer(@Param('code') code: string, @Res() res: Response) {
    const metadata = /^\d{6}$/.test(code) ? await this.issuers.metadata(code) : null;
    if (!metadata) throw new NotFoundError('Issuer');
    res.set('Cache-Control', 'public, max-age=300').json(metadata);
  }
}

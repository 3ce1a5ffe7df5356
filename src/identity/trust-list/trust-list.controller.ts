import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../../platform/auth/access.decorator.js';
import { TRUST_LIST_PATH, TrustListService } from './trust-list.service.js';

/**
 * The trust list, for any verifier: a credential signed by the root authority naming every
 * education authority of the register by DID. Public (it names institutions, no person), cached
 * by ETag; verifiers pin the root authority's DID and check the signature and `validUntil`.
 */
@Controller()
export class TrustListController {
  constructor(private readonly trust: TrustListService) {}

  @Get(TRUST_LIST_PATH.slice(1))
  @Public()
  async trustList(@Req() req: Request, @Res() res: Response) {
    const { credential, etag } = await this.trust.signed();
    res.set({ 'Cache-Control': 'public, max-age=300, must-revalidate', ETag: etag, 'Access-Control-Allow-Origin': '*' });
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/vc+ld+json').send(JSON.stringify(credential));
  }
}

import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { Public } from '../../platform/auth/access.decorator.js';
import { StatusListService } from './status-list.service.js';

/**
 * Status list credentials, public: any verifier fetches them to learn whether a credential was
 * revoked or suspended. Short caching with a validator, so a change reaches verifiers within
 * half a minute and an unchanged list costs a 304.
 */
@Controller()
export class StatusListController {
  constructor(private readonly lists: StatusListService) {}

  @Get('status-lists/:seq/:purpose')
  @Public()
  async list(@Param('seq') seq: string, @Param('purpose') purpose: string, @Req() req: Request, @Res() res: Response) {
    if (!/^\d{1,18}$/.test(seq) || (purpose !== 'revocation' && purpose !== 'suspension')) throw new NotFoundError('Status list');
    const published = await this.lists.published(seq, purpose);
    res.set({
      'Cache-Control': 'public, max-age=30, must-revalidate',
      ETag: published.etag,
      'Last-Modified': published.updatedAt.toUTCString(),
    });
    if (req.headers['if-none-match'] === published.etag) {
      res.status(304).end();
      return;
    }
    res.type('application/vc+ld+json').send(JSON.stringify(published.credential));
  }
}

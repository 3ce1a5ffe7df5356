import { Controller, Get, Header, Param } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import { Public } from '../platform/auth/access.decorator.js';
import { DidService } from './did.service.js';
import { BUNDLED_CONTEXTS, XUEJI_CONTEXT_URL } from './domain/document-loader.js';

/** Public documents relying parties dereference: issuer DID documents and our JSON-LD context. */
@Controller()
export class DidController {
  constructor(private readonly dids: DidService) {}

  @Get('issuers/:code/did.json')
  @Public()
  @Header('Content-Type', 'application/did+ld+json')
  // Short: after a key is revoked, verifiers elsewhere should stop trusting it within a minute.
  @Header('Cache-Control', 'public, max-age=60')
  async didDocument(@Param('code') code: string) {
    const document = /^\d{6}$|^\d{10}$/.test(code) ? await this.dids.documentForCode(code) : null;
    if (!document) throw new NotFoundError('DID document');
    return document;
  }

  @Get('contexts/xueji/v1')
  @Public()
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'public, max-age=86400')
  context() {
    return BUNDLED_CONTEXTS[XUEJI_CONTEXT_URL];
  }
}

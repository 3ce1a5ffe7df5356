import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundError } from '../common/errors/domain-error.js';
import { Public } from '../platform/auth/access.decorator.js';
import { identityVct } from './domain/configurations.js';
import { Oid4vciService, requestLike, type ProtocolAnswer } from './oid4vci.service.js';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * OpenID4VCI issuer and authorisation server endpoints. Public by the protocol: a wallet
 * authenticates with the offer's pre-authorised code and transaction code, then with the access
 * token; the service's own accounts play no part. Errors answer in OAuth's JSON shape.
 */
@Controller()
export class Oid4vciController {
  constructor(
    private readonly oid4vci: Oid4vciService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('.well-known/openid-credential-issuer')
  @Public()
  issuerMetadata() {
    return this.oid4vci.credentialIssuerMetadata();
  }

  @Get('.well-known/oauth-authorization-server')
  @Public()
  authorizationServerMetadata() {
    return this.oid4vci.asMetadata();
  }

  @Get('oid4vci/jwks')
  @Public()
  async jwks(@Res() res: Response) {
    res.type('application/jwk-set+json').send(JSON.stringify(await this.oid4vci.jwks()));
  }

  /** The credential_offer_uri of a QR code: the offer object, while the offer can be redeemed. */
  @Get('oid4vci/offers/:code')
  @Public()
  async offer(@Param('code') code: string, @Res() res: Response) {
    const offer = /^[A-Za-z0-9_-]{43}$/.test(code) ? await this.oid4vci.offerObject(code) : null;
    if (!offer) throw new NotFoundError('Credential offer');
    res.set('Cache-Control', 'no-store').json(offer);
  }

  @Post('oid4vci/token')
  @Public()
  async token(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    send(res, await this.oid4vci.token(asRecord(body), this.request(req)));
  }

  @Post('oid4vci/nonce')
  @Public()
  @HttpCode(200)
  async nonce(@Res() res: Response) {
    send(res, await this.oid4vci.nonce());
  }

  @Post('oid4vci/credential')
  @Public()
  async credential(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    send(res, await this.oid4vci.credential(asRecord(body), this.request(req)));
  }

  /** SD-JWT VC type metadata for the identity credential's `vct`. */
  @Get('credentials/types/student-identity')
  @Public()
  typeMetadata() {
    return {
      vct: identityVct(this.config.publicUrl),
      name: '学生可信教育数字身份',
      description: 'A student’s trusted educational digital identity, issued from the register by the supervising education authority (《中小学生学籍管理办法》第二十四条).',
      display: [
        { lang: 'zh-CN', name: '学生可信教育数字身份' },
        { lang: 'en', name: 'Student identity' },
      ],
    };
  }

  private request(req: Request) {
    return requestLike(req.method, `${this.config.publicUrl}${req.originalUrl}`, req.headers);
  }
}

function send(res: Response, answer: ProtocolAnswer): void {
  res.status(answer.status).set(answer.headers ?? {}).json(answer.body);
}

function asRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

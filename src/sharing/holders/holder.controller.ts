import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { pageHeaders, threadRefusal } from '../../certificates/verification-page.controller.js';
import { renderCodeForm, renderPageRefusal, renderVerificationPage } from '../../certificates/verification-page.js';
import { pickLanguage } from '../../certificates/verification-page-model.js';
import { VerificationPageService } from '../../certificates/verification-page.service.js';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { GuardianOnly, Public } from '../../platform/auth/access.decorator.js';
import { CurrentGuardian, type GuardianPrincipal } from '../../platform/guardians/guardian-principal.js';
import { MAX_VALID_DAYS, MIN_VALID_DAYS } from '../domain/verification-codes.js';
import { AccessLogQuery } from '../dto/sharing.dto.js';
import { HolderAuthService } from './holder-auth.service.js';
import { HolderDisclosuresService } from './holder-disclosures.service.js';
import { VerificationCodesService } from './verification-codes.service.js';

export const HolderSessionRequest = z.object({ proof: z.string().min(20).max(4000).describe('a JWT (ES256) signed by the credential’s holder key: nonce = the challenge, aud = the audience given with it') });
const ValidDays = z.number().int().min(MIN_VALID_DAYS).max(MAX_VALID_DAYS).describe(`${MIN_VALID_DAYS} to ${MAX_VALID_DAYS} days`);
export const CreateVerificationCodeRequest = z.object({ certificateId: z.uuid(), validDays: ValidDays });
export const ExtendVerificationCodeRequest = z.object({ validDays: ValidDays });

/**
 * The student (or the guardian holding the wallet) in control (第二十四条): signed in with the
 * identity credential's key, they see every disclosure about them and run online verification
 * codes for their certificates. Public routes: the holder token is checked here, not by accounts.
 */
@Controller('holder')
export class HolderController {
  constructor(
    private readonly auth: HolderAuthService,
    private readonly disclosures: HolderDisclosuresService,
    private readonly codes: VerificationCodesService,
  ) {}

  @Post('challenges')
  @Public()
  challenge() {
    return this.auth.challenge();
  }

  @Post('sessions')
  @HttpCode(200)
  @Public()
  session(@Body() body: unknown) {
    return this.auth.session(parseInput(HolderSessionRequest, body).proof);
  }

  @Get('disclosures')
  @Public()
  async disclosuresOf(@Req() req: Request, @Query() query: unknown) {
    return this.disclosures.list(await this.auth.holderOf(req.header('authorization')), parseInput(AccessLogQuery, query, 'query'));
  }

  @Get('certificates')
  @Public()
  async certificates(@Req() req: Request) {
    return this.codes.certificatesOf(await this.auth.holderOf(req.header('authorization')));
  }

  @Post('verification-codes')
  @Public()
  async create(@Req() req: Request, @Body() body: unknown) {
    const holder = await this.auth.holderOf(req.header('authorization'));
    const input = parseInput(CreateVerificationCodeRequest, body);
    return this.codes.create(holder, input.certificateId, input.validDays);
  }

  @Get('verification-codes')
  @Public()
  async list(@Req() req: Request) {
    return this.codes.list(await this.auth.holderOf(req.header('authorization')));
  }

  @Post('verification-codes/:id/extension')
  @HttpCode(200)
  @Public()
  async extend(@Req() req: Request, @Param('id') id: string, @Body() body: unknown) {
    const holder = await this.auth.holderOf(req.header('authorization'));
    return this.codes.extend(holder, uuidParam(id, 'id'), parseInput(ExtendVerificationCodeRequest, body).validDays);
  }

  @Post('verification-codes/:id/closure')
  @HttpCode(200)
  @Public()
  async close(@Req() req: Request, @Param('id') id: string) {
    return this.codes.close(await this.auth.holderOf(req.header('authorization')), uuidParam(id, 'id'));
  }

  @Get('verification-codes/:id/uses')
  @Public()
  async uses(@Req() req: Request, @Param('id') id: string) {
    return this.codes.uses(await this.auth.holderOf(req.header('authorization')), uuidParam(id, 'id'));
  }
}

/** The public page for a verification code: anyone with the code sees the certificate's report. */
@Controller('verify-code')
export class VerificationCodePageController {
  constructor(
    private readonly codes: VerificationCodesService,
    private readonly pages: VerificationPageService,
  ) {}

  private action(): string {
    return this.pages.basePath.replace(/\/verify$/, '/verify-code');
  }

  @Get()
  @Public()
  form(@Query('lang') lang: unknown, @Headers('accept-language') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const language = pickLanguage(lang, accept);
    pageHeaders(res, language);
    return renderCodeForm({ lang: language, action: this.action() });
  }

  @Post()
  @HttpCode(200)
  @Public()
  async check(@Body() body: unknown, @Query('lang') lang: unknown, @Headers('accept-language') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const language = pickLanguage(lang, accept);
    pageHeaders(res, language);
    const code = typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : '';
    const certificateId = code.length <= 40 ? await this.codes.open(code) : null;
    if (!certificateId) {
      res.status(404);
      return renderCodeForm({ lang: language, action: this.action(), unknown: true });
    }
    try {
      const view = await this.pages.forCertificate(certificateId);
      return renderVerificationPage(view, { lang: language, basePath: this.pages.basePath });
    } catch (error) {
      return renderPageRefusal(threadRefusal(error, res), { lang: language, basePath: this.pages.basePath });
    }
  }
}

/** Who learned what about a child, for a guardian bound to it: the holder's own disclosures, beside the guardians' other routes under /guardian. */
@Controller('guardian/children')
export class GuardianDisclosuresController {
  constructor(private readonly disclosures: HolderDisclosuresService) {}

  @Get(':id/disclosures')
  @GuardianOnly()
  list(@CurrentGuardian() guardian: GuardianPrincipal, @Param('id') id: string, @Query() query: unknown) {
    return this.disclosures.forGuardian(guardian, uuidParam(id, 'id'), parseInput(AccessLogQuery, query, 'query'));
  }
}

import {
  Body,
  Catch,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpException,
  Injectable,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { Public } from '../platform/auth/access.decorator.js';
import { renderPageRefusal, renderVerificationForm, renderVerificationPage, VERIFICATION_PAGE_CSP } from './verification-page.js';
import { pickLanguage, readSubmission, SUBMISSION_LIMIT_BYTES } from './verification-page-model.js';
import { VerificationPageService } from './verification-page.service.js';
import type { FormProblem, Lang } from './verification-page-wording.js';
import { VerificationTimeoutError } from './verifying/verification-errors.js';
import { UnavailableError } from '../common/errors/domain-error.js';

/** A posted credential small enough to post again from the language switch. */
const REPOST_LIMIT = 32 * 1024;

/** Multipart errors (too large, not a form) answered as the form again, in words, not problem+json. */
@Injectable()
@Catch(HttpException)
class FormProblemFilter implements ExceptionFilter {
  constructor(private readonly pages: VerificationPageService) {}

  catch(error: HttpException, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    const tooLarge = error.getStatus() === 413 || code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE';
    const status = tooLarge ? 413 : error.getStatus() === 415 ? 415 : 400;
    const lang = pickLanguage(req.query.lang, req.header('accept-language'));
    pageHeaders(res, lang);
    res.status(status).send(renderVerificationForm({ lang, basePath: this.pages.basePath, problem: tooLarge ? 'tooLarge' : 'notForm' }));
  }
}

/** The public pages: the one behind each certificate's QR code, and a form to check a credential file. No login. */
@Controller('verify')
export class VerificationPageController {
  constructor(private readonly pages: VerificationPageService) {}

  @Get()
  @Public()
  form(@Query('lang') lang: unknown, @Headers('accept-language') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const language = pickLanguage(lang, accept);
    pageHeaders(res, language);
    return renderVerificationForm({ lang: language, basePath: this.pages.basePath });
  }

  @Post()
  @Public()
  @HttpCode(200)
  @UseFilters(FormProblemFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: SUBMISSION_LIMIT_BYTES, fieldSize: SUBMISSION_LIMIT_BYTES, files: 1, fields: 2, parts: 3, fieldNameSize: 32 } }))
  async check(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: unknown,
    @Query('lang') lang: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as { credential?: unknown };
    const language = pickLanguage(lang, accept);
    pageHeaders(res, language);
    if (!res.req.is('multipart/form-data')) return formProblem(res, 415, 'notForm', language, this.pages.basePath);
    const submission = readSubmission(fields.credential, file?.buffer);
    if ('problem' in submission) return formProblem(res, 400, submission.problem, language, this.pages.basePath);
    let view: Awaited<ReturnType<VerificationPageService['forCredential']>>;
    try {
      view = await this.pages.forCredential(submission.credential);
    } catch (error) {
      return renderVerificationForm({ lang: language, basePath: this.pages.basePath, problem: threadRefusal(error, res) });
    }
    const compact = JSON.stringify(submission.credential);
    return renderVerificationPage(view, { lang: language, basePath: this.pages.basePath, ...(compact.length <= REPOST_LIMIT ? { repost: compact } : {}) });
  }

  @Get(':id')
  @Public()
  async page(
    @Param('id') id: string,
    @Query('lang') lang: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const language = pickLanguage(lang, accept);
    pageHeaders(res, language);
    let view: Awaited<ReturnType<VerificationPageService['forCertificate']>>;
    try {
      view = await this.pages.forCertificate(id);
    } catch (error) {
      return renderPageRefusal(threadRefusal(error, res), { lang: language, basePath: this.pages.basePath });
    }
    if (view.outcome === 'notFound') res.status(404);
    return renderVerificationPage(view, { lang: language, basePath: this.pages.basePath });
  }
}

export function pageHeaders(res: Response, lang: Lang): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Language', lang === 'zh' ? 'zh-CN' : 'en');
  res.setHeader('Vary', 'Accept-Language');
  // A verdict is of this moment: a revocation must show on the next scan.
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', VERIFICATION_PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * The verification threads' refusals, for people rather than as problem+json: past the time limit
 * 422, no thread free (or one lost) 503 with Retry-After. Anything else is rethrown.
 */
export function threadRefusal(error: unknown, res: Response): 'tooCostly' | 'busy' {
  if (error instanceof VerificationTimeoutError) {
    res.status(422);
    return 'tooCostly';
  }
  if (!(error instanceof UnavailableError)) throw error;
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  res.status(503);
  return 'busy';
}

function formProblem(res: Response, status: number, problem: FormProblem, lang: Lang, basePath: string): string {
  res.status(status);
  return renderVerificationForm({ lang, basePath, problem });
}

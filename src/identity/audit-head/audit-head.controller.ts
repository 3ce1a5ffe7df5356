import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { parseInput } from '../../common/validation/parse.js';
import { Public, Roles } from '../../platform/auth/access.decorator.js';
import { AuditHeadService } from './audit-head.service.js';

export const CheckAuditHeadRequest = z.object({ head: z.record(z.string(), z.unknown(), { error: 'must be a signed audit head as GET /audit/head gave it' }) });

@Controller('audit')
export class AuditHeadController {
  constructor(private readonly heads: AuditHeadService) {}

  /** Public: a number and a hash, signed by the root authority; keep copies elsewhere. */
  @Get('head')
  @Public()
  async head(@Res() res: Response) {
    res.set('Cache-Control', 'no-store').type('application/vc+ld+json').send(JSON.stringify(await this.heads.current()));
  }

  /** Whether the trail still agrees with a head someone kept. */
  @Post('head/check')
  @HttpCode(200)
  @Roles('national_admin', 'province_admin')
  check(@Body() body: unknown) {
    return this.heads.check(parseInput(CheckAuditHeadRequest, body).head);
  }
}

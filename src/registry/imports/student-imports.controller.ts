import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ValidationError } from '../../common/errors/domain-error.js';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { UploadImportQuery } from './dto/student-import.dto.js';
import { CSV, templateWorkbook, XLSX, type ImportMediaType } from './import-files.js';
import { StudentImportsService } from './student-imports.service.js';

/** Issue 8: students from a spreadsheet, checked whole and written whole by a queued job. */
@Controller('imports')
export class StudentImportsController {
  constructor(private readonly imports: StudentImportsService) {}

  /** 202 with the new import; 200 with the earlier import of the same file into the same school. */
  @Post()
  @Roles(...ALL_ROLES)
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { created, view } = await this.imports.upload(principal, body, mediaTypeOf(contentType), parseInput(UploadImportQuery, query, 'query').schoolCode);
    res.status(created ? 202 : 200);
    return view;
  }

  @Get('template.xlsx')
  @Roles(...ALL_ROLES)
  async template(@Res() res: Response) {
    sendXlsx(res, await templateWorkbook(), 'xueji-import-template.xlsx');
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.imports.get(principal, uuidParam(id, 'id'));
  }

  @Get(':id/errors')
  @Roles(...ALL_ROLES)
  errors(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.imports.errors(principal, uuidParam(id, 'id'));
  }

  @Get(':id/report.xlsx')
  @Roles(...ALL_ROLES)
  async report(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    sendXlsx(res, await this.imports.report(principal, uuidParam(id, 'id')), 'xueji-import-report.xlsx');
  }
}

function mediaTypeOf(contentType: string | undefined): ImportMediaType {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type === CSV || type === XLSX) return type;
  throw ValidationError.field('Content-Type', `must be ${CSV} or ${XLSX}: send the file itself as the body`, 'UNSUPPORTED_MEDIA_TYPE');
}

function sendXlsx(res: Response, file: Buffer, name: string): void {
  res.status(200).type(XLSX).setHeader('Content-Disposition', `attachment; filename="${name}"`).send(file);
}

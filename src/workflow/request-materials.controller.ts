import { Body, Controller, Get, Header, Param, Post, StreamableFile } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { AddMaterialRequest } from './dto/request-material.dto.js';
import { RequestMaterialsService } from './request-materials.service.js';

/** A request's materials: whoever sees the request reads them; its parties add them while it is open. */
@Controller('requests/:id/materials')
export class RequestMaterialsController {
  constructor(private readonly materials: RequestMaterialsService) {}

  @Post()
  @Roles(...ALL_ROLES)
  add(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.materials.add(principal, uuidParam(id, 'id'), parseInput(AddMaterialRequest, body));
  }

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.materials.list(principal, uuidParam(id, 'id'));
  }

  @Get(':materialId')
  @Roles(...ALL_ROLES)
  @Header('Cache-Control', 'private, no-store')
  async download(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('materialId') materialId: string) {
    const file = await this.materials.download(principal, uuidParam(id, 'id'), uuidParam(materialId, 'materialId'));
    return new StreamableFile(file.content, {
      type: file.mediaType,
      // The stored name may carry a person's name: RFC 5987 encoded, never logged.
      disposition: `attachment; filename="material"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      length: file.content.length,
    });
  }
}

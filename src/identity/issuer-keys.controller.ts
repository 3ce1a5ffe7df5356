import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { AUTHORITY_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { RevokeIssuerKeyRequest, RotateIssuerKeyRequest } from './dto/issuer-key.dto.js';
import { IssuerKeysService } from './issuer-keys.service.js';

/** An education authority's signing keys: list, rotate, revoke after a compromise. */
@Controller('organisations/:code/keys')
export class IssuerKeysController {
  constructor(private readonly keys: IssuerKeysService) {}

  @Get()
  @Roles(...AUTHORITY_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.keys.list(principal, code);
  }

  @Post('rotation')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  rotate(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    return this.keys.rotate(principal, code, parseInput(RotateIssuerKeyRequest, body));
  }

  @Post(':keyId/revocation')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  revoke(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('keyId') keyId: string, @Body() body: unknown) {
    return this.keys.revoke(principal, code, uuidParam(keyId, 'keyId'), parseInput(RevokeIssuerKeyRequest, body));
  }
}

import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { parseInput } from '../../common/validation/parse.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { LoginRequest } from '../dto/platform.dto.js';
import { ALL_ROLES, Public, Roles } from './access.decorator.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import type { Principal } from './principal.js';
import { TokenService } from './token.service.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokenService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  async login(@Body() body: unknown, @Req() req: Request) {
    const { username, password } = parseInput(LoginRequest, body);
    // The client address as Express sees it (X-Forwarded-For only through a configured proxy).
    const token = await this.tokens.issue(await this.accounts.authenticate(username, password, req.ip ?? 'unknown'));
    return { ...token, tokenType: 'Bearer' as const };
  }

  /** Ends every session of the account: all its tokens, on every device, stop working. */
  @Post('logout')
  @HttpCode(204)
  @Roles(...ALL_ROLES)
  async logout(@CurrentPrincipal() principal: Principal) {
    await this.accounts.logout(principal);
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  me(@CurrentPrincipal() principal: Principal) {
    return this.accounts.me(principal);
  }
}

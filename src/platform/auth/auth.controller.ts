import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ShownOnce } from '../../common/idempotency/idempotency.interceptor.js';
import { parseInput } from '../../common/validation/parse.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ActivationRequest, ChangePasswordRequest, LoginRequest, TotpConfirmationRequest } from '../dto/platform.dto.js';
import { OwnAccount, Public } from './access.decorator.js';
import { BrowserSessions } from './browser-sessions.js';
import { CredentialsService } from './credentials.service.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { LoginService } from './login.service.js';
import type { Principal } from './principal.js';
import { TokenService } from './token.service.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly login_: LoginService,
    private readonly credentials: CredentialsService,
    private readonly tokens: TokenService,
    private readonly browserSessions: BrowserSessions,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  async login(@Body() body: unknown, @Req() req: Request) {
    const { username, password, totpCode } = parseInput(LoginRequest, body);
    // The client address as Express sees it (X-Forwarded-For only through a configured proxy).
    const token = await this.tokens.issue(await this.login_.authenticate(username, password, req.ip ?? 'unknown', new Date(), totpCode));
    return { ...token, tokenType: 'Bearer' as const };
  }

  /**
   * The web console's login: the same rules, locks and rate limit as /auth/login, but the token
   * goes into an HttpOnly cookie (docs/console.md); the answer carries only the CSRF token.
   */
  @Post('console-session')
  @HttpCode(200)
  @Public()
  async consoleSession(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { username, password, totpCode } = parseInput(LoginRequest, body);
    const token = await this.tokens.issue(await this.login_.authenticate(username, password, req.ip ?? 'unknown', new Date(), totpCode));
    return this.browserSessions.open(res, token, 'staff');
  }

  /** The holder sets the first password with the code the authority handed over. */
  @Post('activation')
  @HttpCode(204)
  @Public()
  async activate(@Body() body: unknown) {
    await this.credentials.activate(parseInput(ActivationRequest, body));
  }

  /** Changes the caller's password (the one use of a password-change token); every session ends. */
  @Post('password')
  @HttpCode(204)
  @OwnAccount({ passwordChange: true })
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    await this.credentials.changePassword(principal, parseInput(ChangePasswordRequest, body));
  }

  @Post('totp')
  @HttpCode(200)
  @ShownOnce()
  @OwnAccount()
  enrolTotp(@CurrentPrincipal() principal: Principal) {
    return this.credentials.enrolTotp(principal);
  }

  @Post('totp/confirmation')
  @HttpCode(204)
  @OwnAccount()
  async confirmTotp(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    await this.credentials.confirmTotp(principal, parseInput(TotpConfirmationRequest, body).code);
  }

  /** Ends every session of the account: all its tokens, on every device, stop working. */
  @Post('logout')
  @HttpCode(204)
  @OwnAccount()
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    await this.accounts.logout(principal);
    this.browserSessions.end(res, 'staff');
  }

  @Get('me')
  @OwnAccount()
  me(@CurrentPrincipal() principal: Principal) {
    return this.accounts.me(principal);
  }
}

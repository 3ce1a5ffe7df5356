import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, ForbiddenError } from '../../common/errors/domain-error.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { GuardianAccountsService } from '../guardians/guardian-accounts.service.js';
import type { GuardianPrincipal } from '../guardians/guardian-principal.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import { PasswordChangeOnlyError, RegistrarNotFiledError } from './auth.errors.js';
import { accessRefusal } from './domain/access.js';
import { credentialsOf, CSRF_HEADER, needsCsrfToken, type BrowserCredentials } from './domain/browser-session.js';
import { TokenService } from './token.service.js';

export type AuthenticatedRequest = Request & { principal?: import('./principal.js').Principal; guardian?: GuardianPrincipal };

/**
 * Global guard: public handlers pass, others need a valid token and one of the listed roles.
 * Guardians are not organisation accounts: their tokens (another audience) pass only routes
 * marked GuardianOnly, and any other route answers them 403 GUARDIAN_NOT_ALLOWED.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly accounts: AccountsService,
    private readonly guardians: GuardianAccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenError('This endpoint declares no access rule', 'NO_ACCESS_RULE');
    if (rule.public) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credentials = credentialsOf({ authorization: request.header('authorization'), cookie: request.header('cookie'), csrf: request.header(CSRF_HEADER) }, rule.guardian ? 'guardian' : 'staff');
    if (rule.anonymous && credentials.kind === 'none') return true;
    const token = this.tokenOf(credentials, request.method);
    if (rule.guardian) {
      request.guardian = await this.guardianFor(token);
      return true;
    }
    const subject = await this.tokens.subjectOf(token).catch(async (error: unknown) => {
      if (await this.tokens.isGuardianToken(token)) throw guardianNotAllowed();
      throw error;
    });
    const principal = await this.accounts.principalFor(subject);
    const refusal = accessRefusal(principal, rule, request.method);
    if (refusal === 'PASSWORD_CHANGE_ONLY') throw new PasswordChangeOnlyError();
    if (refusal === 'ROLE_NOT_ALLOWED') throw new ForbiddenError(`This action needs one of the roles: ${rule.roles.join(', ')}`, 'ROLE_NOT_ALLOWED');
    if (refusal === 'REGISTRAR_NOT_FILED') throw new RegistrarNotFiledError();
    request.principal = principal;
    return true;
  }

  /** The bearer token, or the console's session cookie with its CSRF token on a state change. */
  private tokenOf(credentials: BrowserCredentials, method: string): string {
    if (credentials.kind === 'none') throw new AuthenticationError();
    if (credentials.kind === 'cookie') {
      if (needsCsrfToken(method) && !this.tokens.csrfTokenMatches(credentials.accessToken, credentials.csrfHeader)) {
        throw new ForbiddenError('A browser session must send its CSRF token in the X-CSRF-Token header', 'CSRF_TOKEN_INVALID');
      }
      return credentials.accessToken;
    }
    const [scheme, token] = credentials.header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AuthenticationError();
    return token;
  }

  /** A guardian route: a guardian token, or 403 for an organisation account's token. */
  private async guardianFor(token: string): Promise<GuardianPrincipal> {
    const subject = await this.tokens.guardianSubjectOf(token).catch(async (error: unknown) => {
      const organisationToken = await this.tokens.subjectOf(token).then(
        () => true,
        () => false,
      );
      if (organisationToken) throw new ForbiddenError('This action is for guardians', 'GUARDIANS_ONLY');
      throw error;
    });
    return this.guardians.principalFor(subject);
  }
}

const guardianNotAllowed = () => new ForbiddenError('A guardian account may use the /guardian routes only', 'GUARDIAN_NOT_ALLOWED');

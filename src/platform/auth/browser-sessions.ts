import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { clearedSessionCookies, sessionCookies, type SessionAudience } from './domain/browser-session.js';
import { TokenService } from './token.service.js';

/**
 * Opens and ends browser sessions (docs/console.md): the access token into an HttpOnly cookie,
 * its CSRF token into a readable one and the answer. Staff and guardians alike, each in their own cookies.
 */
@Injectable()
export class BrowserSessions {
  constructor(
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  open(res: Response, token: { accessToken: string; expiresIn: number }, audience: SessionAudience): { expiresIn: number; csrfToken: string } {
    const csrfToken = this.tokens.csrfTokenFor(token.accessToken);
    res.setHeader('Set-Cookie', sessionCookies({ accessToken: token.accessToken, csrfToken, maxAge: token.expiresIn, secure: this.secure, audience }));
    res.setHeader('Cache-Control', 'no-store');
    return { expiresIn: token.expiresIn, csrfToken };
  }

  end(res: Response, audience: SessionAudience): void {
    res.setHeader('Set-Cookie', clearedSessionCookies(this.secure, audience));
  }
}

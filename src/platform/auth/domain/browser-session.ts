/**
 * Browser sessions for the web console (docs/console.md): the access token rides in an HttpOnly
 * cookie that page scripts cannot read, so no token sits in localStorage. Because a browser sends
 * cookies by itself, every state-changing call authenticated by the cookie must also echo the
 * CSRF token — readable by the console's own scripts only (same origin) — in `X-CSRF-Token`.
 * Plain functions over header values; the guard and the controller do the I/O.
 */
export const SESSION_COOKIE = 'xueji_session';
export const CSRF_COOKIE = 'xueji_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Staff (organisation accounts) and guardians keep apart cookies, as their tokens have apart
 * audiences: a guardian route reads only the guardian's cookie, every other route only staff's.
 */
export type SessionAudience = 'staff' | 'guardian';
const COOKIES: Record<SessionAudience, { session: string; csrf: string }> = {
  staff: { session: SESSION_COOKIE, csrf: CSRF_COOKIE },
  guardian: { session: 'xueji_guardian_session', csrf: 'xueji_guardian_csrf' },
};

/** Methods that change nothing: the cookie alone authenticates them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const needsCsrfToken = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

/** The cookies of a `Cookie` header by name; a malformed pair is skipped, never thrown on. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
    // The first occurrence wins (RFC 6265 §5.4 orders the more specific path first).
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export interface SessionCookieOptions {
  accessToken: string;
  csrfToken: string;
  /** Seconds: the cookies end with the token's own expiry. */
  maxAge: number;
  /** Over https only (PUBLIC_URL is https). */
  secure: boolean;
  audience?: SessionAudience;
}

/** Two Set-Cookie values: the token (HttpOnly) and the CSRF token the console echoes. */
export function sessionCookies(o: SessionCookieOptions): string[] {
  const common = `Path=/; Max-Age=${Math.max(0, Math.floor(o.maxAge))}; SameSite=Strict${o.secure ? '; Secure' : ''}`;
  const names = COOKIES[o.audience ?? 'staff'];
  return [`${names.session}=${o.accessToken}; ${common}; HttpOnly`, `${names.csrf}=${o.csrfToken}; ${common}`];
}

/** Set-Cookie values that end both cookies at once (logout). */
export function clearedSessionCookies(secure: boolean, audience: SessionAudience = 'staff'): string[] {
  return sessionCookies({ accessToken: '', csrfToken: '', maxAge: 0, secure, audience });
}

export type BrowserCredentials =
  | { kind: 'none' }
  | { kind: 'bearer'; header: string }
  | { kind: 'cookie'; accessToken: string; csrfHeader: string | undefined };

/**
 * Where a request's credentials come from. An Authorization header always wins (API clients,
 * unchanged); without one, the session cookie. A cross-site page can make the browser send the
 * cookie but cannot set a header, which is why the cookie path needs the CSRF check.
 */
export function credentialsOf(headers: { authorization?: string; cookie?: string; csrf?: string }, audience: SessionAudience = 'staff'): BrowserCredentials {
  if (headers.authorization !== undefined) return { kind: 'bearer', header: headers.authorization };
  const accessToken = parseCookies(headers.cookie).get(COOKIES[audience].session);
  if (accessToken) return { kind: 'cookie', accessToken, csrfHeader: headers.csrf };
  return { kind: 'none' };
}

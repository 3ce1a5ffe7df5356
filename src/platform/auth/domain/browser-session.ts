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
}

/** Two Set-Cookie values: the token (HttpOnly) and the CSRF token the console echoes. */
export function sessionCookies(o: SessionCookieOptions): string[] {
  const common = `Path=/; Max-Age=${Math.max(0, Math.floor(o.maxAge))}; SameSite=Strict${o.secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${o.accessToken}; ${common}; HttpOnly`, `${CSRF_COOKIE}=${o.csrfToken}; ${common}`];
}

/** Set-Cookie values that end both cookies at once (logout). */
export function clearedSessionCookies(secure: boolean): string[] {
  return sessionCookies({ accessToken: '', csrfToken: '', maxAge: 0, secure });
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
export function credentialsOf(headers: { authorization?: string; cookie?: string; csrf?: string }): BrowserCredentials {
  if (headers.authorization !== undefined) return { kind: 'bearer', header: headers.authorization };
  const accessToken = parseCookies(headers.cookie).get(SESSION_COOKIE);
  if (accessToken) return { kind: 'cookie', accessToken, csrfHeader: headers.csrf };
  return { kind: 'none' };
}

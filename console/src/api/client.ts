import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The CSRF token of the browser session that a call uses: a guardian's (/guardian/… routes, set by
 * POST /guardian/console-session) or staff's (set by POST /auth/console-session).
 */
export function csrfToken(path: string): string | undefined {
  const cookie = path.startsWith('/guardian/') ? 'xueji_guardian_csrf' : 'xueji_csrf';
  return document.cookie
    .split(';')
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === cookie)?.[1];
}

export type ApiProblem = { status: number; code?: string; title?: string; detail?: string; errors?: Array<{ field: string; message: string }>; retryAfter?: number };

/** Listeners the shell registers: the session ended (401), or the service asks to slow down (429). */
export const apiEvents = {
  onUnauthenticated: (): void => undefined,
  onRateLimited: (_retryAfterSeconds: number): void => undefined,
};

const session: Middleware = {
  onRequest({ request }) {
    // The session cookie goes by itself (same origin); a state change also echoes the CSRF token.
    if (!['GET', 'HEAD'].includes(request.method)) {
      const token = csrfToken(new URL(request.url).pathname);
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
  onResponse({ response, request }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !path.endsWith('/console-session') && !path.startsWith('/guardian/')) apiEvents.onUnauthenticated();
    if (response.status === 429) apiEvents.onRateLimited(Number(response.headers.get('Retry-After') ?? '60'));
    return response;
  },
};

/** The service's API, typed from docs/openapi.json (npm run console:api): no hand-written shapes. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The problem+json of a failed call, with its status. */
export function problemOf(error: unknown, response: Response): ApiProblem {
  const body = (error ?? {}) as Omit<ApiProblem, 'status'>;
  return { ...body, status: response.status, retryAfter: Number(response.headers.get('Retry-After') ?? '') || undefined };
}

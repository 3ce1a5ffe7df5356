import { clearedSessionCookies, credentialsOf, needsCsrfToken, parseCookies, sessionCookies } from './browser-session.js';

describe('browser sessions', () => {
  it.each([
    ['a=1; b=2', { a: '1', b: '2' }],
    ['  a = 1 ;b="q"', { a: '1', b: 'q' }],
    ['a=1; a=2', { a: '1' }],
    ['novalue; =x; c=3', { c: '3' }],
    ['', {}],
  ])('parses the Cookie header %j', (header, expected) => {
    expect(Object.fromEntries(parseCookies(header))).toEqual(expected);
  });

  it.each([['GET', false], ['head', false], ['OPTIONS', false], ['POST', true], ['PUT', true], ['PATCH', true], ['DELETE', true]] as const)(
    '%s needs the CSRF token: %s',
    (method, needed) => expect(needsCsrfToken(method)).toBe(needed),
  );

  it('sets the token HttpOnly and the CSRF token readable, both SameSite=Strict on / for the token lifetime', () => {
    const [session, csrf] = sessionCookies({ accessToken: 'tok', csrfToken: 'c', maxAge: 900, secure: false });
    expect(session).toBe('xueji_session=tok; Path=/; Max-Age=900; SameSite=Strict; HttpOnly');
    expect(csrf).toBe('xueji_csrf=c; Path=/; Max-Age=900; SameSite=Strict');
  });

  it('marks the cookies Secure over https and clears them with Max-Age=0', () => {
    expect(sessionCookies({ accessToken: 't', csrfToken: 'c', maxAge: 1, secure: true }).every((c) => c.includes('; Secure'))).toBe(true);
    expect(clearedSessionCookies(false)).toEqual(['xueji_session=; Path=/; Max-Age=0; SameSite=Strict; HttpOnly', 'xueji_csrf=; Path=/; Max-Age=0; SameSite=Strict']);
  });

  it('prefers the Authorization header, then the session cookie, else nothing', () => {
    expect(credentialsOf({ authorization: 'Bearer x', cookie: 'xueji_session=y' })).toEqual({ kind: 'bearer', header: 'Bearer x' });
    expect(credentialsOf({ cookie: 'other=1; xueji_session=y', csrf: 'c' })).toEqual({ kind: 'cookie', accessToken: 'y', csrfHeader: 'c' });
    expect(credentialsOf({ cookie: 'xueji_session=' })).toEqual({ kind: 'none' });
    expect(credentialsOf({})).toEqual({ kind: 'none' });
  });

  it("keeps guardians' cookies apart: a guardian route reads only theirs, other routes only staff's", () => {
    const [session, csrf] = sessionCookies({ accessToken: 'g', csrfToken: 'c', maxAge: 60, secure: false, audience: 'guardian' });
    expect(session).toBe('xueji_guardian_session=g; Path=/; Max-Age=60; SameSite=Strict; HttpOnly');
    expect(csrf).toBe('xueji_guardian_csrf=c; Path=/; Max-Age=60; SameSite=Strict');
    const both = 'xueji_session=s; xueji_guardian_session=g';
    expect(credentialsOf({ cookie: both }, 'guardian')).toMatchObject({ kind: 'cookie', accessToken: 'g' });
    expect(credentialsOf({ cookie: both })).toMatchObject({ kind: 'cookie', accessToken: 's' });
    expect(credentialsOf({ cookie: 'xueji_guardian_session=g' })).toEqual({ kind: 'none' });
  });
});

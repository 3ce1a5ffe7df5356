import fc from 'fast-check';
import { collectRoutes, type Route } from '../support/routes.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Property-based hostile input (security issue): arbitrary JSON — malformed, oversized in
 * places, deeply nested, with prototype keys and odd strings — thrown at every public POST route
 * and at record creation. Never a 5xx, and a refused request writes nothing.
 */
describe('hostile input, generated', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;
  let publicPosts: Route[];
  let countyPosts: Route[];

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'fc');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    const routes = collectRoutes(t);
    publicPosts = routes.filter((r) => r.access?.public && r.method === 'post' && !r.path.includes('{'));
    countyPosts = routes.filter((r) => r.access && !r.access.public && r.access.roles.includes('county_admin') && r.method === 'post' && !r.path.includes('{'));
  });
  afterAll(() => t.close());

  const hostileString = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('__proto__', 'constructor', 'prototype', '\u202E', '\u0000', '${7*7}', '../../etc/passwd', 'did:web:evil', 'urn:uuid:x', '1e309', '-0'),
  );
  const hostileJson = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(fc.oneof(hostileString, fc.constantFrom('@context', 'proof', 'credentialSubject', 'verifiableCredential', 'id', 'type', 'issuer')), tie('value'), { maxKeys: 6 }),
    ),
  })).value;

  it('answers every public POST route with less than 500, whatever the body', async () => {
    expect(publicPosts.length).toBeGreaterThan(5);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...publicPosts), hostileJson, async (route, body) => {
        const res = await t.http.post(route.path).set('Content-Type', 'application/json').send(JSON.stringify(body));
        if (res.status >= 500) throw new Error(`${route.path} answered ${res.status} to ${JSON.stringify(body).slice(0, 300)}`);
      }),
      { numRuns: 150 },
    );
  });

  it('answers every POST route a county may call with less than 500, whatever the body', async () => {
    expect(countyPosts.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...countyPosts), hostileJson, async (route, body) => {
        const res = await t.http.post(route.path).set('Authorization', county).set('Content-Type', 'application/json').send(JSON.stringify(body));
        if (res.status >= 500) throw new Error(`${route.path} answered ${res.status} to ${JSON.stringify(body).slice(0, 300)}`);
      }),
      { numRuns: 100 },
    );
  });

  it('creates no student from a body it refuses, and never answers 5xx', async () => {
    const before = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM students`))[0].n);
    await fc.assert(
      fc.asyncProperty(hostileJson, async (body) => {
        const res = await t.http.post('/students').set('Authorization', registrar).set('Content-Type', 'application/json').send(JSON.stringify(body));
        if (res.status >= 500) throw new Error(`POST /students answered ${res.status} to ${JSON.stringify(body).slice(0, 300)}`);
        if (res.status !== 201) {
          const after = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM students`))[0].n);
          if (after !== before) throw new Error('a refused enrolment wrote a student');
        }
      }),
      { numRuns: 100 },
    );
  });
});

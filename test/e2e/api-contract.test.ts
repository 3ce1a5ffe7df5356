import { readFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../../src/common/openapi/openapi-document.js';
import { collectRoutes, type Route } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Every route states who may call it, and the committed OpenAPI document describes every route. */
describe('API contract', () => {
  let t: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = collectRoutes(t);
  });
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it('declares an access rule on every route', () => {
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('documents every route with the same access rule, and nothing more', () => {
    const doc = buildOpenApiDocument();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { 'x-access': unknown }>).map(([method, op]) => `${method} ${path} ${JSON.stringify(op['x-access'])}`),
    );
    const actual = routes.map((r) => {
      const access = r.access!.public ? 'public' : r.access!.guardian ? 'guardian' : { roles: [...r.access!.roles] };
      return `${r.method} ${r.path} ${JSON.stringify(access)}`;
    });
    expect(documented.sort()).toEqual(actual.sort());
  });

  it('has the committed docs/openapi.json up to date (npm run openapi)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('serves the document and the browsable UI offline', async () => {
    const json = await t.http.get('/docs/openapi.json').expect(200);
    expect(json.body.openapi).toBe('3.1.0');
    const page = await t.http.get('/docs').expect(200);
    expect(page.text).toContain('/docs/assets/swagger-ui-bundle.js');
    await t.http.get('/docs/assets/swagger-ui-bundle.js').expect(200);
    await t.http.get('/docs/assets/..%2Fpackage.json').expect(404);
  });

  it('answers unknown routes with problem+json and a correlation id', async () => {
    const res = await t.http.get('/no-such-route').set('x-correlation-id', '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-correlation-id']).toBe('7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f');
    expect(res.body).toMatchObject({ status: 404, correlationId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' });
    // Anything else a caller sends is replaced: an ID number there would reach logs and the audit trail.
    const idNumber = await t.http.get('/no-such-route').set('x-correlation-id', '330106201203151230').expect(404);
    expect(idNumber.headers['x-correlation-id']).not.toBe('330106201203151230');
    expect(t.logs.join('\n')).not.toContain('330106201203151230');
  });

  it('answers a body that is not JSON with 400 problem+json', async () => {
    const res = await t.http.post('/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

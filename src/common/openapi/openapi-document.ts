import { z } from 'zod';
import type { Operation } from './routes/operation.js';
import { PLATFORM_ROUTES } from './routes/platform.routes.js';
import { IDENTITY_ROUTES } from './routes/identity.routes.js';
import { WORKFLOW_ROUTES } from './routes/workflow.routes.js';
import { SHARING_ROUTES } from './routes/sharing.routes.js';
import { REGISTRY_ROUTES } from './routes/registry.routes.js';
import { CERTIFICATES_ROUTES } from './routes/certificates.routes.js';
import { GUARDIANS_ROUTES } from './routes/guardians.routes.js';
import { VC_API_ROUTES } from './routes/vc-api.routes.js';

/**
 * The OpenAPI 3.1 document, built from the same zod schemas the controllers validate with, from
 * one route table per tag (routes/). `docs/openapi.json` is this document, committed; a test
 * keeps the two and the routes in step.
 */
export const OPERATIONS: Record<string, Record<string, Operation>> = { ...PLATFORM_ROUTES, ...IDENTITY_ROUTES, ...WORKFLOW_ROUTES, ...SHARING_ROUTES, ...REGISTRY_ROUTES, ...CERTIFICATES_ROUTES, ...GUARDIANS_ROUTES, ...VC_API_ROUTES };

const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  correlationId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  lockedUntil: z.string().optional().describe('ACCOUNT_LOCKED: when the lock of this address ends'),
  passwordChangeToken: z.string().optional().describe('PASSWORD_EXPIRED: a Bearer token whose only use is POST /auth/password'),
  expiresIn: z.number().int().optional().describe('PASSWORD_EXPIRED: seconds the passwordChangeToken lives'),
});

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

function operation(path: string, method: string, op: Operation) {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (method !== 'get' && op.access !== 'public') {
    params.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } });
  }
  const query = op.query
    ? Object.entries(op.query.shape).map(([name, s]) => ({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: schema(s as z.ZodType) }))
    : [];
  const responses: Record<string, unknown> = {
    [op.ok.status]: {
      description: 'OK',
      ...(op.ok.schema || op.ok.contentType ? { content: { [op.ok.contentType ?? 'application/json']: { schema: op.ok.schema ? schema(op.ok.schema) : {} } } } : {}),
    },
  };
  const errorStatuses = [...(op.errors ?? []), ...(op.access === 'public' ? [] : [401, 403])];
  for (const status of [...new Set(errorStatuses)].sort()) {
    responses[status] = { $ref: '#/components/responses/Problem' };
  }
  return {
    operationId: `${method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: op.summary,
    tags: [op.tag],
    'x-access': op.access === 'public' || op.access === 'guardian' ? op.access : { roles: op.access },
    security: op.access === 'public' ? [] : [{ bearer: [] }],
    ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } } : {}),
    ...(op.upload ? { requestBody: { required: true, content: Object.fromEntries(op.upload.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } } : {}),
    ...(op.form ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: schema(op.form) } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(OPERATIONS).map(([path, methods]) => [
      path,
      Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(path, method, op)])),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Xueji (学籍) API',
      version: '0.1.0',
      description:
        'The student register of 《中小学生学籍管理办法》 with verifiable e-certificates. Errors are application/problem+json. `x-access` says who may call each operation; every account acts inside its own organisation subtree. Authenticated writes accept an `Idempotency-Key` header: a retry with the same key and body gets the first success back (`Idempotent-Replayed: true`); the same key with another body is 422; while the first is still running, 409.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Problem: { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: schema(Problem) } } },
      },
    },
  };
}

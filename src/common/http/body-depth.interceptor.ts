import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ValidationError } from '../errors/domain-error.js';
import { routeKind } from '../rate-limits/rate-limits.js';

/** No credential, record or request this service takes nests anywhere near this deep. */
export const MAX_BODY_DEPTH = 64;
/**
 * Values (objects, arrays, scalars) a verification request may hold. Canonicalising a document
 * costs far more than its bytes suggest: a real certificate has about a hundred values, a
 * presentation of ten credentials about a thousand, while a certificate whose subject holds
 * 16,000 small objects kept a core busy for 15 s. Verification is public; this bounds its work.
 */
export const MAX_VERIFY_VALUES = 2_000;

/**
 * Refuses a JSON body nested deeper than MAX_BODY_DEPTH with 400, before anything walks it
 * recursively (request hashing, canonicalisation, JSON-LD), which a hostile 200,000-deep body
 * would otherwise overflow into a 500; and a verification request holding more than
 * MAX_VERIFY_VALUES values. Walks iteratively, so the checks themselves cannot overflow.
 */
@Injectable()
export class BodyDepthInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (depthExceeds(request.body, MAX_BODY_DEPTH)) {
      throw ValidationError.field('body', `is nested more than ${MAX_BODY_DEPTH} levels deep`, 'BODY_TOO_DEEP');
    }
    const path = (request.route as { path?: string } | undefined)?.path ?? request.path;
    if (routeKind(request.method, path) === 'verify' && valuesExceed(request.body, MAX_VERIFY_VALUES)) {
      throw ValidationError.field('body', `holds more than ${MAX_VERIFY_VALUES} values: too large a document to verify here`, 'BODY_TOO_LARGE');
    }
    return next.handle();
  }
}

/** Whether `value` holds more than `limit` values in all (iteratively, stopping at the limit). */
export function valuesExceed(value: unknown, limit: number): boolean {
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length > 0) {
    const current = stack.pop();
    if (++count > limit) return true;
    if (typeof current === 'object' && current !== null) stack.push(...(Array.isArray(current) ? current : Object.values(current)));
  }
  return false;
}

export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ValidationError } from '../errors/domain-error.js';

/** No credential, record or request this service takes nests anywhere near this deep. */
export const MAX_BODY_DEPTH = 64;

/**
 * Refuses a JSON body nested deeper than MAX_BODY_DEPTH with 400, before anything walks it
 * recursively (request hashing, canonicalisation, JSON-LD), which a hostile 200,000-deep body
 * would otherwise overflow into a 500. Walks iteratively, so the check itself cannot overflow.
 */
@Injectable()
export class BodyDepthInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (depthExceeds(request.body, MAX_BODY_DEPTH)) {
      throw ValidationError.field('body', `is nested more than ${MAX_BODY_DEPTH} levels deep`, 'BODY_TOO_DEEP');
    }
    return next.handle();
  }
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

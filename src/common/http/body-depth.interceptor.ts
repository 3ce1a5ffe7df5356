import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ValidationError } from '../errors/domain-error.js';
import { routeKind } from '../rate-limits/rate-limits.js';
import { depthExceeds, MAX_BODY_DEPTH, MAX_VERIFY_VALUES, valuesExceed } from './body-limits.js';

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

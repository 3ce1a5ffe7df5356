import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import type { Response } from 'express';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { catchError, from, of, switchMap, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../platform/auth/auth.guard.js';
import { ValidationError } from '../errors/domain-error.js';
import { IdempotencyService } from './idempotency.service.js';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SHOWN_ONCE = 'xueji:shown-once';

/**
 * The answer carries a secret shown this once (an activation code, a TOTP secret): it must not be
 * stored for replay, so such a route refuses an Idempotency-Key instead of keeping the secret.
 */
export const ShownOnce = () => SetMetadata(SHOWN_ONCE, true);

/**
 * Applies Idempotency-Key to authenticated writes. Runs after the guard (so the account is
 * known) and around the handler: a stored success is replayed with `Idempotent-Replayed: true`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.header(HEADER);
    if (key === undefined || !WRITES.has(request.method) || !request.principal) return next.handle();
    if (!KEY_PATTERN.test(key)) throw ValidationError.field('Idempotency-Key', 'must be 1–255 visible ASCII characters');
    if (Reflect.getMetadata(SHOWN_ONCE, context.getHandler())) {
      throw ValidationError.field('Idempotency-Key', 'this answer holds a secret shown once and is never stored for replay; send the request without it', 'IDEMPOTENCY_NOT_SUPPORTED');
    }

    const response = context.switchToHttp().getResponse<Response>();
    // Nest sets the status after interceptors run; the handler's declared one is what goes out.
    const status: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    const accountId = request.principal.accountId;
    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const hash = IdempotencyService.requestHash(request.method, `${route} ${JSON.stringify(request.params)}`, request.body);
    return from(this.keys.claim(accountId, key, hash)).pipe(
      switchMap((claim) => {
        if (claim.kind === 'replay') {
          response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          switchMap((body) => from(this.keys.complete(accountId, key, status, body)).pipe(switchMap(() => of(body)))),
          catchError((error) => from(this.keys.release(accountId, key)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }
}

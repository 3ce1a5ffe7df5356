var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { catchError, from, of, switchMap, throwError } from 'rxjs';
import { ValidationError } from '../errors/domain-error.js';
import { IdempotencyService } from './idempotency.service.js';
const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Applies Idempotency-Key to authenticated writes. Runs after the guard (so the account is
 * known) and around the handler: a stored success is replayed with `Idempotent-Replayed: true`.
 */
let IdempotencyInterceptor = class IdempotencyInterceptor {
    constructor(keys) {
        this.keys = keys;
    }
    intercept(context, next) {
        const request = context.switchToHttp().getRequest();
        const key = request.header(HEADER);
        if (key === undefined || !WRITES.has(request.method) || !request.principal)
            return next.handle();
        if (!KEY_PATTERN.test(key))
            throw ValidationError.field('Idempotency-Key', 'must be 1–255 visible ASCII characters');
        const response = context.switchToHttp().getResponse();
        // Nest sets the status after interceptors run; the handler's declared one is what goes out.
        const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
        const accountId = request.principal.accountId;
        const route = request.route?.path ?? request.path;
        const hash = IdempotencyService.requestHash(request.method, `${route} ${JSON.stringify(request.params)}`, request.body);
        return from(this.keys.claim(accountId, key, hash)).pipe(switchMap((claim) => {
            if (claim.kind === 'replay') {
                response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
                return of(claim.body);
            }
            return next.handle().pipe(switchMap((body) => from(this.keys.complete(accountId, key, status, body)).pipe(switchMap(() => of(body)))), catchError((error) => from(this.keys.release(accountId, key)).pipe(switchMap(() => throwError(() => error)))));
        }));
    }
};
IdempotencyInterceptor = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [IdempotencyService])
], IdempotencyInterceptor);
export { IdempotencyInterceptor };
//# sourceMappingURL=idempotency.interceptor.js.map
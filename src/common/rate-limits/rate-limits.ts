import { createHash } from 'node:crypto';
import { Injectable, Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ThrottlerOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface.js';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, type RateLimits } from '../../config/config.js';

/** What a route is, for its rate limit; null: no limit of that kind. */
export type RouteKind = 'login' | 'verify' | 'oid4vci';

const KINDS: Array<[RouteKind, RegExp]> = [
  ['login', /^POST \/(auth\/(login|console-session|activation)|guardian\/(accounts|sessions|console-session|bindings))$/],
  ['verify', /^POST \/(credentials\/verify|presentations\/verify|verify|verify-code|credentials\/derive)$/],
  ['oid4vci', /^POST \/(oid4vci\/(token|nonce|credential)|sharing\/token|holder\/(challenges|sessions))$/],
];

export function routeKind(method: string, path: string): RouteKind | null {
  const route = `${method} ${path}`;
  return KINDS.find(([, pattern]) => pattern.test(route))?.[0] ?? null;
}

const MINUTE_MS = 60_000;

/** The limits of the configuration as throttlers: every route per address, and each kind apart. */
export function throttlersFor(limits: RateLimits | null): ThrottlerOptions[] {
  if (!limits) return [];
  const onlyFor = (kind: RouteKind) => (context: ExecutionContext) => {
    const req = context.switchToHttp().getRequest<Request>();
    return routeKind(req.method, (req.route as { path?: string } | undefined)?.path ?? req.path) !== kind;
  };
  return [
    {
      name: 'address',
      limit: limits.perAddress,
      ttl: MINUTE_MS,
      skipIf: (context) => context.switchToHttp().getRequest<Request>().path === '/health',
    },
    { name: 'login', limit: limits.login, ttl: MINUTE_MS, skipIf: onlyFor('login') },
    { name: 'verify', limit: limits.verify, ttl: MINUTE_MS, skipIf: onlyFor('verify') },
    { name: 'oid4vci', limit: limits.oid4vci, ttl: MINUTE_MS, skipIf: onlyFor('oid4vci') },
  ];
}

/**
 * Counters in PostgreSQL, so that every instance counts the same requests: one upsert per
 * request and limit, a window per key. Expired rows are swept now and then.
 */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  private calls = 0;

  constructor(private readonly dataSource: DataSource) {}

  async increment(key: string, ttl: number, limit: number): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    if (++this.calls % 1000 === 0) await this.dataSource.query(`DELETE FROM rate_limits WHERE window_ends < now() - interval '1 hour'`);
    const [row] = await this.dataSource.query(
      `INSERT INTO rate_limits (key, hits, window_ends) VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.window_ends <= now() THEN 1 ELSE rate_limits.hits + 1 END,
         window_ends = CASE WHEN rate_limits.window_ends <= now() THEN now() + make_interval(secs => $2::double precision / 1000) ELSE rate_limits.window_ends END
       RETURNING hits, ceil(extract(epoch FROM (window_ends - now())))::int AS seconds_left`,
      [key, ttl],
    );
    const secondsLeft = Math.max(1, Number(row.seconds_left));
    const isBlocked = Number(row.hits) > limit;
    return { totalHits: Number(row.hits), timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }
}

/**
 * The rate limits as a module: @nestjs/throttler with the PostgreSQL counters, a guard that
 * answers 429 with a plain `Retry-After`, and hashed per-client keys (no address is stored).
 *
 * Loaded with a dynamic import: @nestjs/throttler is CommonJS requiring the ESM @nestjs/common,
 * which Node allows but jest's module runtime refuses while our ESM graph is still loading.
 */
export async function rateLimitsModule(): Promise<DynamicModule> {
  const { ThrottlerGuard, ThrottlerModule } = await import('@nestjs/throttler');

  @Injectable()
  class RateLimitGuard extends ThrottlerGuard {
    protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
      return super.throwThrottlingException(context, detail);
    }
  }

  return {
    module: RateLimitsModule,
    imports: [
      ThrottlerModule.forRootAsync({
        inject: [APP_CONFIG, DataSource],
        useFactory: (config: AppConfig, dataSource: DataSource) => ({
          throttlers: throttlersFor(config.rateLimits),
          storage: new PgThrottlerStorage(dataSource),
          generateKey: keyOf,
        }),
      }),
    ],
    providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
  };
}

/** Per-client keys, hashed: no address is stored. */
function keyOf(_context: ExecutionContext, tracker: string, throttlerName: string): string {
  return createHash('sha256').update(`${throttlerName}\n${tracker}`).digest('hex');
}

@Module({})
export class RateLimitsModule {}

import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module.js';
import { consoleStatic } from './common/http/console-static.js';
import { correlationMiddleware } from './common/http/correlation.middleware.js';
import { currentRequestContext } from './common/http/request-context.js';
import { JsonLogger, type LogSink } from './common/logging/logger.js';
import helmet from 'helmet';
import { rateLimitsModule } from './common/rate-limits/rate-limits.js';
import type { AppConfig } from './config/config.js';
import { CSV, IMPORT_BODY_LIMIT, XLSX } from './registry/imports/import-files.js';

/** Builds the HTTP application; main.ts listens on it, tests drive it in-process. */
export async function createApp(config: AppConfig, logSink?: LogSink): Promise<INestApplication> {
  const logger = new JsonLogger(config.logLevel, logSink);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, [await rateLimitsModule()]), {
    logger,
    bodyParser: false,
    abortOnError: false,
    ...(config.tls ? { httpsOptions: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  Logger.overrideLogger(logger);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // The client address (rate limits) comes from X-Forwarded-For only through a configured proxy.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(config));
  app.use(correlationMiddleware);
  app.use(accessLog);
  // The web console (console/, built into dist/console): static files with their own CSP.
  app.use('/console', consoleStatic());
  // A request's material (a scanned form, ≤ 5 MB) comes as base64 in JSON: that route alone takes more.
  app.use(/^\/requests\/[^/]+\/materials$/, express.json({ limit: '7mb', type: ['application/json'] }));
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  // Student imports (POST /imports) send the file itself: a CSV or an XLSX workbook, as bytes.
  app.useBodyParser('raw', { limit: IMPORT_BODY_LIMIT, type: [CSV, XLSX] });
  // OAuth 2.0 token requests (OpenID4VCI) are form-encoded: a few short fields.
  app.useBodyParser('urlencoded', { limit: '16kb', extended: false });
  app.enableShutdownHooks();
  if (config.masterKeySource === 'data-folder') {
    logger.warn(
      { msg: 'master key read from the data folder; set XUEJI_MASTER_KEY outside a local demo', folder: config.dataDir },
      'Config',
    );
  }
  return app;
}

/**
 * Security headers on every answer (helmet): a Content-Security-Policy that allows no inline or
 * foreign script (the public pages have none; /docs loads its own files), no framing anywhere,
 * no MIME sniffing, no referrer (a verification URL names a certificate), and HSTS when the
 * service is public over https.
 */
function securityHeaders(config: AppConfig) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.publicUrl.startsWith('https://') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}

const http = new Logger('HTTP');

/**
 * Method, route pattern, status and time. The pattern (`/students/:id`), never the raw path or
 * query: a careless client may put an ID number in a URL, and it must not reach the log.
 */
function accessLog(req: Request, res: Response, next: NextFunction) {
  const started = process.hrtime.bigint();
  // 'finish' fires outside the request's async context, so the id is captured now.
  const correlationId = currentRequestContext()?.correlationId;
  res.on('finish', () => {
    http.log({
      msg: 'request',
      correlationId,
      method: req.method,
      route: routePattern(req),
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
    });
  });
  next();
}

/** The matched route's pattern as text: a string, or a regular expression's source (the console's static routes), never the path itself. */
function routePattern(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return path;
  if (path instanceof RegExp) return String(path);
  return '(no route)';
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/**
 * The web console's Content-Security-Policy: its own scripts, styles, fonts and images and calls
 * to this service only — no inline script or style, no other origin, no framing.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/console beside the compiled service (`npm run console:build`), found from src/ or dist/src/. */
export function consoleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'console');
}

/**
 * Serves the built console at /console/: hashed assets (assets/*) cached for a year as immutable,
 * index.html never cached (it names the current assets); any other path under /console/ is a
 * page of the single-page app and gets index.html. Without a build, /console answers 404.
 */
export function consoleStatic(root = consoleDir()): Router {
  const router = express.Router();
  router.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  });
  router.use(
    '/assets',
    express.static(join(root, 'assets'), { index: false, immutable: true, maxAge: '365d' }),
  );
  const index = join(root, 'index.html');
  // Built before the service starts (npm start, npm test); without a build, /console is a plain 404.
  if (!existsSync(index)) return router;
  router.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/assets/')) return next();
    // /console → /console/ so that the page's relative base holds.
    if (req.originalUrl === '/console') return res.redirect(301, '/console/');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

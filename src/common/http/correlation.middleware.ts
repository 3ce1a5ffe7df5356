import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runWithRequestContext } from './request-context.js';

const HEADER = 'x-correlation-id';
/**
 * Only a UUID is taken from a caller: the id is logged and audited, and free text there could
 * carry anything (an ID number, say) into places personal data must never reach.
 */
const ACCEPTABLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Gives every request a correlation id (the caller's if it is a UUID) and echoes it back. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction) {
  const given = req.header(HEADER);
  const correlationId = given && ACCEPTABLE.test(given) ? given : randomUUID();
  res.setHeader(HEADER, correlationId);
  runWithRequestContext({ correlationId }, () => next());
}

import { randomUUID } from 'node:crypto';
import { runWithRequestContext } from './request-context.js';
const HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;
/** Gives every request a correlation id (the caller's if well-formed) and echoes it back. */
export function correlationMiddleware(req, res, next) {
    const given = req.header(HEADER);
    const correlationId = given && ACCEPTABLE.test(given) ? given : randomUUID();
    res.setHeader(HEADER, correlationId);
    runWithRequestContext({ correlationId }, () => next());
}
//# sourceMappingURL=correlation.middleware.js.map
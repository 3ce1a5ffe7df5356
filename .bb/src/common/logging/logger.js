import { currentRequestContext } from '../http/request-context.js';
const RANK = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
/**
 * One JSON object per line, each with the request's correlation id. Callers pass codes and
 * opaque ids only; personal data (names, ID numbers) must never be handed to the logger.
 */
export class JsonLogger {
    constructor(level, sink = (line) => process.stdout.write(line + '\n')) {
        this.level = level;
        this.sink = sink;
    }
    log(message, context) {
        this.write('info', message, context);
    }
    error(message, traceOrContext, context) {
        this.write('error', message, context ?? traceOrContext);
    }
    warn(message, context) {
        this.write('warn', message, context);
    }
    debug(message, context) {
        this.write('debug', message, context);
    }
    verbose(message, context) {
        this.write('debug', message, context);
    }
    write(level, message, context) {
        if (RANK[level] < RANK[this.level])
            return;
        const fields = typeof message === 'object' && message !== null ? message : { msg: String(message) };
        this.sink(JSON.stringify({
            time: new Date().toISOString(),
            level,
            context,
            correlationId: currentRequestContext()?.correlationId,
            ...fields,
        }));
    }
}
//# sourceMappingURL=logger.js.map
import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../../config/config.js';
import { currentRequestContext } from '../http/request-context.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogSink = (line: string) => void;

/**
 * One JSON object per line, each with the request's correlation id. Callers pass codes and
 * opaque ids only; personal data (names, ID numbers) must never be handed to the logger.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel,
    private readonly sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, traceOrContext?: string, context?: string) {
    this.write('error', message, context ?? traceOrContext);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('debug', message, context);
  }

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, context?: string) {
    if (RANK[level] < RANK[this.level]) return;
    const fields = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    this.sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        context,
        correlationId: currentRequestContext()?.correlationId,
        ...fields,
      }),
    );
  }
}

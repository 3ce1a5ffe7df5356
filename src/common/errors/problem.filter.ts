import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { currentRequestContext } from '../http/request-context.js';
import { DomainError, STATUS_BY_KIND, UnavailableError, type FieldError } from './domain-error.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  correlationId?: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const FRAMEWORK_DETAILS: Record<number, string> = {
  400: 'The request body is not valid JSON',
  404: 'There is no such endpoint; see /docs for the API',
  413: 'The request body is larger than 1 MB',
  415: 'The request body must be application/json',
};

/** Maps every error to application/problem+json; unknown errors become a generic 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(error);
    problem.correlationId = currentRequestContext()?.correlationId;
    if (error instanceof UnavailableError) response.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof DomainError) {
      const status = STATUS_BY_KIND[error.kind];
      return {
        ...error.extensions,
        ...base(status, error.code, error.message),
        ...(error.errors.length ? { errors: error.errors } : {}),
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      // Nest's own errors: unknown route, bad JSON, body too large. Their messages echo the
      // path or the input, so the answer says what happened in our words instead.
      const detail = FRAMEWORK_DETAILS[status] ?? TITLES[status] ?? 'The request could not be handled';
      return base(status, httpCode(status), detail);
    }
    // Log the error class and stack frames only; messages of third-party errors may echo input.
    const name = error instanceof Error ? error.name : typeof error;
    const stack = error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('|') : undefined;
    this.logger.error({ msg: 'unhandled error', errorClass: name, stack });
    return base(500, 'INTERNAL', 'An unexpected error occurred; quote the correlation id when reporting it');
  }
}

function base(status: number, code: string, detail: string): Problem {
  // about:blank (RFC 9457 §4.2.1): the HTTP status says the kind, `code` says the exact rule.
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, code, detail };
}

function httpCode(status: number): string {
  return (TITLES[status] ?? 'http_error').toUpperCase().replace(/[^A-Z]+/g, '_');
}

/**
 * The one error model. Modules throw DomainError subclasses with a stable `code`; the global
 * filter maps the code's kind to an HTTP status and answers application/problem+json.
 * Messages are read by API clients: they name fields and rules, never personal data.
 */
export type ErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  /** Extension members of the problem (RFC 9457 §3.2), e.g. when a lock ends; never personal data. */
  extensions: Record<string, unknown> = {};

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], code = 'VALIDATION_FAILED') {
    super('validation', code, `Invalid request: ${errors.map((e) => e.field).join(', ')}`, errors);
  }

  static field(field: string, message: string, code?: string): ValidationError {
    return new ValidationError([{ field, message }], code);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', 'NOT_FOUND', `${what} not found`);
  }
}

export class AuthenticationError extends DomainError {
  constructor(message = 'Authentication required') {
    super('unauthenticated', 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, code = 'FORBIDDEN') {
    super('forbidden', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, message: string) {
    super('unprocessable', code, message);
  }
}

/** The service cannot take the request now (overload); answered 503 with `Retry-After`. */
export class UnavailableError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('unavailable', code, message);
  }
}

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

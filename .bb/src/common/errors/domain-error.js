export class DomainError extends Error {
    constructor(kind, code, message, errors = []) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.errors = errors;
        this.name = new.target.name;
    }
}
export class ValidationError extends DomainError {
    constructor(errors, code = 'VALIDATION_FAILED') {
        super('validation', code, `Invalid request: ${errors.map((e) => e.field).join(', ')}`, errors);
    }
    static field(field, message, code) {
        return new ValidationError([{ field, message }], code);
    }
}
export class NotFoundError extends DomainError {
    constructor(what) {
        super('not_found', 'NOT_FOUND', `${what} not found`);
    }
}
export class AuthenticationError extends DomainError {
    constructor(message = 'Authentication required') {
        super('unauthenticated', 'UNAUTHENTICATED', message);
    }
}
export class ForbiddenError extends DomainError {
    constructor(message, code = 'FORBIDDEN') {
        super('forbidden', code, message);
    }
}
export class ConflictError extends DomainError {
    constructor(code, message) {
        super('conflict', code, message);
    }
}
export class UnprocessableError extends DomainError {
    constructor(code, message) {
        super('unprocessable', code, message);
    }
}
export const STATUS_BY_KIND = {
    validation: 400,
    unauthenticated: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    unprocessable: 422,
};
//# sourceMappingURL=domain-error.js.map
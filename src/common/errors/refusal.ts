import { ConflictError, ForbiddenError, UnprocessableError, ValidationError, type DomainError } from './domain-error.js';

/**
 * Why a pure rule says no, as data (domain/ files return it): a field (400), the record's state
 * (409), the law (422) or the caller's standing (403). `refuseIf` turns it into the error model's answer.
 */
export type Refusal =
  | { kind: 'validation'; field: string; code: string; message: string }
  | { kind: 'conflict'; code: string; message: string }
  | { kind: 'unprocessable'; code: string; message: string }
  | { kind: 'forbidden'; code: string; message: string };

export function refuseIf(refusal: Refusal | null): void {
  if (refusal) throw refusalError(refusal);
}

/** The error model's answer to a refusal (for a caller that must hand an error over, e.g. onUniqueViolation). */
export function refusalError(refusal: Refusal): DomainError {
  if (refusal.kind === 'validation') return ValidationError.field(refusal.field, refusal.message, refusal.code);
  if (refusal.kind === 'conflict') return new ConflictError(refusal.code, refusal.message);
  if (refusal.kind === 'forbidden') return new ForbiddenError(refusal.message, refusal.code);
  return new UnprocessableError(refusal.code, refusal.message);
}

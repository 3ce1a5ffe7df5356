import { ConflictError, ForbiddenError, UnprocessableError, ValidationError } from './domain-error.js';

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
  if (!refusal) return;
  if (refusal.kind === 'validation') throw ValidationError.field(refusal.field, refusal.message, refusal.code);
  if (refusal.kind === 'conflict') throw new ConflictError(refusal.code, refusal.message);
  if (refusal.kind === 'forbidden') throw new ForbiddenError(refusal.message, refusal.code);
  throw new UnprocessableError(refusal.code, refusal.message);
}

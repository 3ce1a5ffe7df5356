import { ConflictError, UnprocessableError, ValidationError } from '../../common/errors/domain-error.js';
import type { ChangeRefusal } from '../domain/change-kinds/change-kind.js';

/** A kind's refusal as the error model's answer: a field (400), the record's state (409) or the law (422). */
export function refuseIf(refusal: ChangeRefusal | null): void {
  if (!refusal) return;
  if (refusal.kind === 'validation') throw ValidationError.field(refusal.field, refusal.message, refusal.code);
  if (refusal.kind === 'conflict') throw new ConflictError(refusal.code, refusal.message);
  throw new UnprocessableError(refusal.code, refusal.message);
}

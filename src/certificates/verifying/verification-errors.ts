import { UnprocessableError, UnavailableError } from '../../common/errors/domain-error.js';

/** The document took longer to verify than VERIFY_TIMEOUT_MS: its thread was stopped. The request's fault, 422. */
export class VerificationTimeoutError extends UnprocessableError {
  constructor(limitMs: number) {
    super('VERIFICATION_TIMEOUT', `Verification was abandoned after ${limitMs} ms: the document is too costly to verify here`);
  }
}

/** Every verification thread is busy and the queue is full: 503, try again after Retry-After. */
export class VerificationBusyError extends UnavailableError {
  constructor(retryAfterSeconds: number) {
    super('VERIFICATION_BUSY', 'Too many verifications are waiting; try again shortly', retryAfterSeconds);
  }
}

/** The verification thread stopped before answering (not by the time limit): 503, a retry gets a fresh thread. */
export class VerificationThreadLostError extends UnavailableError {
  constructor() {
    super('VERIFICATION_UNAVAILABLE', 'The verification could not be completed; try again', 1);
  }
}

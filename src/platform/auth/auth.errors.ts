import { DomainError } from '../../common/errors/domain-error.js';

/**
 * The distinct refusals of a login whose password was right (or of a holder's own request).
 * A wrong password and an unknown username never reach these: they share one generic 401.
 */
export class AccountLockedError extends DomainError {
  constructor(until: Date) {
    super('forbidden', 'ACCOUNT_LOCKED', 'Too many failed logins from this address; the account is locked here until the time given');
    this.extensions = { lockedUntil: until.toISOString() };
  }
}

export class AccountSealedError extends DomainError {
  constructor() {
    super('forbidden', 'ACCOUNT_SEALED', 'The account was sealed after long disuse; the education authority above it can unseal it');
  }
}

export class PasswordExpiredError extends DomainError {
  constructor(change: { accessToken: string; expiresIn: number }) {
    super('forbidden', 'PASSWORD_EXPIRED', 'The password has expired; change it with POST /auth/password using the passwordChangeToken');
    this.extensions = { passwordChangeToken: change.accessToken, expiresIn: change.expiresIn };
  }
}

export class TotpRequiredError extends DomainError {
  constructor() {
    super('unauthenticated', 'TOTP_REQUIRED', 'This account needs a one-time code from its authenticator (totpCode)');
  }
}

export class TotpInvalidError extends DomainError {
  constructor() {
    super('unauthenticated', 'TOTP_INVALID', 'The one-time code is wrong, expired or was already used');
  }
}

export class RegistrarNotFiledError extends DomainError {
  constructor() {
    super('forbidden', 'REGISTRAR_NOT_FILED', 'A school registrar acts on records only once the authority above has recorded its filing (备案) and training');
  }
}

export class PasswordChangeOnlyError extends DomainError {
  constructor() {
    super('forbidden', 'PASSWORD_CHANGE_ONLY', 'This token only permits POST /auth/password');
  }
}

export class ActivationFailedError extends DomainError {
  constructor() {
    super('unauthenticated', 'ACTIVATION_FAILED', 'Unknown username, or a wrong, used or expired activation code');
  }
}

import { SetMetadata } from '@nestjs/common';
import type { Role } from '../organisations/domain/org-level.js';

export const ACCESS_KEY = 'xueji:access';

/** `anonymous`: a call without an Authorization header reaches the handler too, with no principal. */
export type AccessRule =
  | { public: true }
  | {
      public: false;
      roles: readonly Role[];
      anonymous?: true;
      /** The holder's own account (password, second factor, logout): allowed to an unfiled registrar. */
      ownAccount?: true;
      /** The one use of a password-change token (after an expired password). */
      passwordChange?: true;
      /** Guardians only (roles empty): a guardian token is required, and no organisation token passes. */
      guardian?: true;
    };

/** Every handler states who may call it; the guard refuses handlers that do not (fail closed). */
export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule);
/**
 * The roles, or no credentials at all: the handler then decides what an anonymous caller may do
 * (the VC API issuer's conformance mode). A token that is sent is checked as for Roles.
 */
export const RolesOrAnonymous = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { public: false, roles, anonymous: true } satisfies AccessRule);

/**
 * Guardian routes (/guardian/...): only a guardian's token passes (docs/guardians.md); an
 * organisation account gets 403. Every other rule refuses a guardian's token with 403.
 */
export const GuardianOnly = () => SetMetadata(ACCESS_KEY, { public: false, roles: [], guardian: true } satisfies AccessRule);

/** Any role, on the caller's own account only: an unfiled registrar may still manage its own credentials. */
export const OwnAccount = (options: { passwordChange?: true } = {}) =>
  SetMetadata(ACCESS_KEY, { public: false, roles: ALL_ROLES, ownAccount: true, ...options } satisfies AccessRule);

export const ALL_ROLES: readonly Role[] = [
  'national_admin',
  'province_admin',
  'city_admin',
  'county_admin',
  'school_registrar',
];
export const AUTHORITY_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'city_admin', 'county_admin'];

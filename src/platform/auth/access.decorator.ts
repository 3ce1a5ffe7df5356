import { SetMetadata } from '@nestjs/common';
import type { Role } from '../organisations/domain/org-level.js';

export const ACCESS_KEY = 'xueji:access';

/** `anonymous`: a call without an Authorization header reaches the handler too, with no principal. */
export type AccessRule = { public: true } | { public: false; roles: readonly Role[]; anonymous?: true };

/** Every handler states who may call it; the guard refuses handlers that do not (fail closed). */
export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule);
/**
 * The roles, or no credentials at all: the handler then decides what an anonymous caller may do
 * (the VC API issuer's conformance mode). A token that is sent is checked as for Roles.
 */
export const RolesOrAnonymous = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { public: false, roles, anonymous: true } satisfies AccessRule);

export const ALL_ROLES: readonly Role[] = [
  'national_admin',
  'province_admin',
  'city_admin',
  'county_admin',
  'school_registrar',
];
export const AUTHORITY_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'city_admin', 'county_admin'];

import { SetMetadata } from '@nestjs/common';
import type { Role } from '../organisations/domain/org-level.js';

export const ACCESS_KEY = 'xueji:access';

export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Every handler states who may call it; the guard refuses handlers that do not (fail closed). */
export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule);

export const ALL_ROLES: readonly Role[] = [
  'national_admin',
  'province_admin',
  'city_admin',
  'county_admin',
  'school_registrar',
];
export const AUTHORITY_ROLES: readonly Role[] = ['national_admin', 'province_admin', 'city_admin', 'county_admin'];

import { SetMetadata } from '@nestjs/common';
export const ACCESS_KEY = 'xueji:access';
/** Every handler states who may call it; the guard refuses handlers that do not (fail closed). */
export const Public = () => SetMetadata(ACCESS_KEY, { public: true });
export const Roles = (...roles) => SetMetadata(ACCESS_KEY, { public: false, roles });
/**
 * The roles, or no credentials at all: the handler then decides what an anonymous caller may do
 * (the VC API issuer's conformance mode). A token that is sent is checked as for Roles.
 */
export const RolesOrAnonymous = (...roles) => SetMetadata(ACCESS_KEY, { public: false, roles, anonymous: true });
export const ALL_ROLES = [
    'national_admin',
    'province_admin',
    'city_admin',
    'county_admin',
    'school_registrar',
];
export const AUTHORITY_ROLES = ['national_admin', 'province_admin', 'city_admin', 'county_admin'];
//# sourceMappingURL=access.decorator.js.map
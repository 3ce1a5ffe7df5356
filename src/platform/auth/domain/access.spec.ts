import type { Role } from '../../organisations/domain/org-level.js';
import { accessRefusal } from './access.js';

const registrar = { role: 'school_registrar' as Role, registrarFiled: true, passwordChangeOnly: false };
const unfiled = { ...registrar, registrarFiled: false };
const county = { role: 'county_admin' as Role, registrarFiled: true, passwordChangeOnly: false };
const records = { roles: ['school_registrar', 'county_admin'] as Role[] };
const own = { roles: ['school_registrar', 'county_admin'] as Role[], ownAccount: true as const };
const passwordRoute = { ...own, passwordChange: true as const };

describe('access to a route', () => {
  it.each([
    ['a filed registrar writes a record', registrar, records, 'POST', null],
    ['an unfiled registrar writes a record', unfiled, records, 'POST', 'REGISTRAR_NOT_FILED'],
    ['an unfiled registrar changes a record (PATCH)', unfiled, records, 'PATCH', 'REGISTRAR_NOT_FILED'],
    ['an unfiled registrar deletes', unfiled, records, 'DELETE', 'REGISTRAR_NOT_FILED'],
    ['an unfiled registrar reads', unfiled, records, 'GET', null],
    ['an unfiled registrar manages its own account', unfiled, own, 'POST', null],
    ['a county writes', county, records, 'POST', null],
    ['a role not listed', county, { roles: ['school_registrar'] as Role[] }, 'GET', 'ROLE_NOT_ALLOWED'],
    ['a role not listed, unfiled registrar: the role decides first', unfiled, { roles: ['county_admin'] as Role[] }, 'POST', 'ROLE_NOT_ALLOWED'],
    ['a password-change token elsewhere', { ...county, passwordChangeOnly: true }, own, 'GET', 'PASSWORD_CHANGE_ONLY'],
    ['a password-change token on the password route', { ...unfiled, passwordChangeOnly: true }, passwordRoute, 'POST', null],
  ] as const)('%s → %s', (_, caller, rule, method, refusal) => {
    expect(accessRefusal(caller, rule, method)).toBe(refusal);
  });
});

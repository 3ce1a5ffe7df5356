import { AGE_THRESHOLDS } from '../../student-credential/domain/identity-claims.js';
export const IDENTITY_CLAIM_NAMES = [
    'name',
    'gender',
    'birthdate',
    'student_number',
    'school',
    'region',
    'education_stage',
    'grade',
    'enrolment_status',
    ...AGE_THRESHOLDS.map((years) => `age_over_${years}`),
];
/** The @sd-jwt disclosure frame: every claim above, containers and members alike. */
export const IDENTITY_DISCLOSURE_FRAME = {
    _sd: [...IDENTITY_CLAIM_NAMES],
    school: { _sd: ['name', 'code'] },
    region: { _sd: ['province', 'city', 'county'] },
};
/**
 * `['age_over_14', 'region.city']` → `{ age_over_14: true, region: { city: true } }`.
 * A member path discloses its container too (with digests only, not the siblings' values).
 */
export function presentationFrameFor(paths) {
    const frame = {};
    for (const path of paths) {
        const segments = path.split('.');
        let level = frame;
        segments.forEach((segment, index) => {
            if (index === segments.length - 1) {
                if (level[segment] === undefined)
                    level[segment] = true;
                return;
            }
            const next = level[segment];
            if (typeof next !== 'object')
                level[segment] = {};
            level = level[segment];
        });
    }
    return frame;
}
/** Only the credential's own claims, members in a fixed order: nothing else reaches the payload. */
export function pickIdentityClaims(claims) {
    const picked = {};
    for (const name of IDENTITY_CLAIM_NAMES) {
        if (claims[name] !== undefined)
            picked[name] = claims[name];
    }
    const { province, city, county } = claims.region;
    picked.region = county === undefined ? { province, city } : { province, city, county };
    picked.school = { name: claims.school.name, code: claims.school.code };
    return picked;
}
/** Field-level problems with the claims, empty when they can be issued. Messages name rules, never values. */
export function identityClaimProblems(claims) {
    const problems = [];
    const need = (ok, field, message) => {
        if (!ok)
            problems.push({ field, message });
    };
    const known = new Set(IDENTITY_CLAIM_NAMES);
    for (const name of Object.keys(claims))
        need(known.has(name), name, 'is not a claim of this credential');
    need(isText(claims.name), 'name', 'must be a non-empty string');
    need(claims.gender === 'male' || claims.gender === 'female', 'gender', 'must be male or female');
    need(isCalendarDate(claims.birthdate), 'birthdate', 'must be a date written YYYY-MM-DD');
    need(isText(claims.student_number), 'student_number', 'must be a non-empty string');
    need(isText(claims.school?.name), 'school.name', 'must be a non-empty string');
    need(isText(claims.school?.code), 'school.code', 'must be a non-empty string');
    problems.push(...regionProblems(claims.region));
    need(['primary', 'junior', 'senior'].includes(claims.education_stage), 'education_stage', 'must be primary, junior or senior');
    need(Number.isInteger(claims.grade) && claims.grade >= 1 && claims.grade <= 12, 'grade', 'must be a whole number from 1 to 12');
    need(isText(claims.enrolment_status), 'enrolment_status', 'must be a non-empty string');
    for (const years of AGE_THRESHOLDS) {
        const value = claims[`age_over_${years}`];
        need(value === undefined || typeof value === 'boolean', `age_over_${years}`, 'must be true, false or absent');
    }
    return problems;
}
function isCalendarDate(value) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
        return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
function isText(value) {
    return typeof value === 'string' && value.trim().length > 0;
}
/** Codes nest: the city's code starts with its province's two digits, the county's with the city's four. */
function regionProblems(region) {
    const problems = [];
    const { province, city, county } = region ?? {};
    if (!isRegionPart(province, /^\d{2}0000$/, '')) {
        problems.push({ field: 'region.province', message: 'must have a province code (NN0000) and a name' });
    }
    if (!isRegionPart(city, /^\d{4}00$/, province?.code.slice(0, 2))) {
        problems.push({ field: 'region.city', message: 'must have a city code (NNNN00) within the province and a name' });
    }
    if (county !== undefined && !isRegionPart(county, /^\d{6}$/, city?.code.slice(0, 4))) {
        problems.push({ field: 'region.county', message: 'must have a county code within the city and a name' });
    }
    return problems;
}
function isRegionPart(value, code, parentPrefix) {
    return (typeof value?.code === 'string' &&
        code.test(value.code) &&
        parentPrefix !== undefined &&
        value.code.startsWith(parentPrefix) &&
        isText(value.name));
}
//# sourceMappingURL=sd-jwt-vc-claims.js.map
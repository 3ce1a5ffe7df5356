import { xuejiIdentityContextUrl } from '../../contexts/xueji-identity-v1.js';
import { didKeyDocument } from '../../domain/did-key.js';
import { p256DidKeyDocument } from '../../domain/p256-keys.js';
import { ageOverClaims, isWithinOneSchoolYear } from './identity-claims.js';
export const GENDERS = ['male', 'female'];
export const EDUCATION_STAGES = ['primary', 'junior', 'senior'];
export const ENROLMENT_STATUSES = ['enrolled', 'graduation_proposed', 'graduated'];
export const STUDENT_IDENTITY_CREDENTIAL_TYPE = 'StudentIdentityCredential';
const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
const DID = /^did:[a-z0-9]+:\S+$/;
/** 18 characters that could be a resident ID number (身份证号). */
const RESIDENT_ID_LIKE = /\d{17}[\dXx]/;
export function buildStudentIdentityCredential(facts, options) {
    checkFacts(facts);
    checkOptions(options);
    const { student, school } = facts;
    return {
        '@context': [VC_V2_CONTEXT_URL, xuejiIdentityContextUrl(options.publicUrl)],
        type: ['VerifiableCredential', STUDENT_IDENTITY_CREDENTIAL_TYPE],
        issuer: { id: facts.issuer.id, name: facts.issuer.name },
        validFrom: dateTime(options.validFrom),
        validUntil: dateTime(options.validUntil),
        credentialSubject: {
            id: options.holderDid,
            name: student.name,
            gender: student.gender,
            birthDate: student.birthDate,
            studentNumber: student.studentNumber,
            school: {
                name: school.name,
                schoolCode: school.code,
                province: divisionNode(school.province),
                city: divisionNode(school.city),
                county: divisionNode(school.county),
            },
            educationStage: student.educationStage,
            grade: student.grade,
            enrolmentStatus: student.enrolmentStatus,
            ...ageOverClaims(student.birthDate, options.validFrom, options.validUntil),
        },
        credentialStatus: options.credentialStatus.map((entry) => ({ ...entry })),
    };
}
function divisionNode(division) {
    return { divisionCode: division.code, name: division.name };
}
/** Whole seconds, `Z`: the form VC 2.0 examples use and the one our other credentials write. */
function dateTime(instant) {
    return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function checkFacts(facts) {
    const { issuer, student, school } = facts;
    if (!DID.test(issuer.id))
        throw new Error(`The issuer id must be a DID: "${issuer.id}".`);
    for (const [field, value] of [
        ['issuer.name', issuer.name],
        ['student.name', student.name],
        ['school.name', school.name],
        ['school.province.name', school.province.name],
        ['school.city.name', school.city.name],
        ['school.county.name', school.county.name],
    ]) {
        if (typeof value !== 'string' || value.trim() === '')
            throw new Error(`${field} must be a non-empty string.`);
    }
    if (!GENDERS.includes(student.gender))
        throw new Error(`Unknown gender: "${student.gender}".`);
    if (!EDUCATION_STAGES.includes(student.educationStage))
        throw new Error(`Unknown education stage: "${student.educationStage}".`);
    if (!ENROLMENT_STATUSES.includes(student.enrolmentStatus))
        throw new Error(`Unknown enrolment status: "${student.enrolmentStatus}".`);
    if (!Number.isInteger(student.grade) || student.grade < 1 || student.grade > 12)
        throw new Error(`grade must be 1–12: ${student.grade}.`);
    if (typeof student.studentNumber !== 'string' || student.studentNumber === '' || RESIDENT_ID_LIKE.test(student.studentNumber)) {
        throw new Error('The student number is missing or looks like it contains a resident ID number; the credential never carries one.');
    }
    if (!/^\d{10}$/.test(school.code))
        throw new Error(`The school code must be 10 digits: "${school.code}".`);
    checkDivisions(school.province, school.city, school.county);
}
/** Province XX0000, city XXYY00 within it, county XXYYZZ within the city. */
function checkDivisions(province, city, county) {
    if (!/^\d{2}0000$/.test(province.code))
        throw new Error(`The province code must be XX0000: "${province.code}".`);
    if (!/^\d{4}00$/.test(city.code) || !city.code.startsWith(province.code.slice(0, 2))) {
        throw new Error(`The city code "${city.code}" is not a city of province "${province.code}".`);
    }
    if (!/^\d{6}$/.test(county.code) || !county.code.startsWith(city.code.slice(0, 4))) {
        throw new Error(`The county code "${county.code}" is not a county of city "${city.code}".`);
    }
}
function checkOptions(options) {
    const { publicUrl, validFrom, validUntil, holderDid, credentialStatus } = options;
    if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(publicUrl))
        throw new Error(`publicUrl must be an http(s) URL without query or fragment: "${publicUrl}".`);
    if (!(validFrom instanceof Date) || !(validUntil instanceof Date) || Number.isNaN(validFrom.getTime() + validUntil.getTime())) {
        throw new Error('validFrom and validUntil must be valid Dates.');
    }
    if (!isWithinOneSchoolYear(validFrom, validUntil)) {
        throw new Error(`The validity ${dateTime(validFrom)} – ${dateTime(validUntil)} is empty or longer than one school year (it ends on 31 August at the latest).`);
    }
    // The holder proves possession through this DID's key, so it must be one we can resolve offline.
    if (typeof holderDid !== 'string' || (didKeyDocument(holderDid) ?? p256DidKeyDocument(holderDid)) === null) {
        throw new Error(`The holder must be an Ed25519 or P-256 did:key: "${String(holderDid)}".`);
    }
    if (!Array.isArray(credentialStatus) || credentialStatus.length === 0) {
        throw new Error('The credential needs its status entries (revocation and suspension).');
    }
    for (const entry of credentialStatus) {
        if (typeof entry?.id !== 'string' || entry.type !== 'BitstringStatusListEntry') {
            throw new Error('Every credentialStatus entry must be a BitstringStatusListEntry with an "id".');
        }
    }
}
//# sourceMappingURL=student-identity-credential.js.map
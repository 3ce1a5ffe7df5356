import { ValidationError } from '../../common/errors/domain-error.js';
const KINDS = ['graduation', 'completion', 'incompletion'];
const GENDERS = ['male', 'female'];
const STAGES = ['primary', 'junior', 'senior'];
const STATUSES = ['valid', 'revoked', 'suspended'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Tabs, newlines and other controls would break the printed layout or hide text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** A calendar date written YYYY-MM-DD, split into numbers; undefined if it is not a real date. */
export function parseIsoDate(value) {
    const match = ISO_DATE.exec(value);
    if (!match)
        return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
        return undefined;
    return { year, month, day };
}
/**
 * Guards the renderers: every problem is reported at once, by field, so a caller fixing a
 * record sees the whole list. Messages name the rule, never the value (it may be personal data).
 */
export function assertPrintable(model) {
    const errors = [];
    const text = (field, value, max) => {
        if (typeof value !== 'string' || value.trim() === '')
            errors.push({ field, message: 'must be a non-empty string' });
        else if (CONTROL.test(value))
            errors.push({ field, message: 'must not contain control characters or line breaks' });
        else if ([...value].length > max)
            errors.push({ field, message: `must be at most ${max} characters` });
    };
    const oneOf = (field, value, allowed) => {
        if (!allowed.includes(value))
            errors.push({ field, message: `must be one of ${allowed.join(', ')}` });
    };
    const date = (field, value) => {
        if (typeof value !== 'string' || !parseIsoDate(value))
            errors.push({ field, message: 'must be a calendar date YYYY-MM-DD' });
    };
    oneOf('kind', model.kind, KINDS);
    text('certificateNumber', model.certificateNumber, 64);
    text('holder.name', model.holder?.name, 64);
    oneOf('holder.gender', model.holder?.gender, GENDERS);
    date('holder.birthDate', model.holder?.birthDate);
    text('school.name', model.school?.name, 64);
    oneOf('stage', model.stage, STAGES);
    date('studyFrom', model.studyFrom);
    date('studyTo', model.studyTo);
    text('issuer.name', model.issuer?.name, 64);
    text('issuer.did', model.issuer?.did, 200);
    date('issuedOn', model.issuedOn);
    oneOf('status', model.status, STATUSES);
    if (!isWebUrl(model.verificationUrl)) {
        errors.push({ field: 'verificationUrl', message: 'must be an absolute http(s) URL of at most 200 characters' });
    }
    if (typeof model.studyFrom === 'string' && typeof model.studyTo === 'string' && model.studyFrom > model.studyTo) {
        errors.push({ field: 'studyTo', message: 'must not be before studyFrom' });
    }
    if (errors.length > 0)
        throw new ValidationError(errors, 'CERTIFICATE_NOT_PRINTABLE');
}
/** Longer URLs make a QR code too dense to scan from paper (STACK.md: ~200 characters at level M). */
function isWebUrl(value) {
    if (typeof value !== 'string' || value.length > 200 || CONTROL.test(value))
        return false;
    try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=printable-certificate.js.map
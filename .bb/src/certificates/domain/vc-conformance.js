/**
 * Structural MUSTs of the VC Data Model (2.0, and 1.1 where a credential declares it) that no
 * signature check catches: a genuine signature over a non-conforming document still has to be
 * refused (VC DM 2.0 §7.1, "MUST produce errors when non-conforming documents are detected").
 * Returns one message per problem, naming the property; an empty list means it conforms.
 */
const V2 = 'https://www.w3.org/ns/credentials/v2';
const V1 = 'https://www.w3.org/2018/credentials/v1';
const DATE_TIME_STAMP = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;
/** Properties whose every value must be an object with a `type` (and, for some, an `id`). */
const TYPED_PROPERTIES = {
    credentialStatus: { idRequired: false },
    credentialSchema: { idRequired: true },
    refreshService: { idRequired: false },
    termsOfUse: { idRequired: false },
    evidence: { idRequired: false },
};
export function conformanceProblems(credential) {
    const problems = [];
    const contexts = credential['@context'];
    const first = Array.isArray(contexts) ? contexts[0] : undefined;
    if (first !== V2 && first !== V1)
        problems.push(`"@context" must begin with "${V2}".`);
    if (!asArray(credential.type).includes('VerifiableCredential'))
        problems.push('"type" must include "VerifiableCredential".');
    if (credential.id !== undefined && !isUrl(credential.id))
        problems.push('"id" must be a URL.');
    if (!isUrl(credential.issuer) && !isUrl(credential.issuer?.id)) {
        problems.push('"issuer" must be a URL or an object whose "id" is a URL.');
    }
    const subjects = asArray(credential.credentialSubject);
    if (subjects.length === 0 || !subjects.every(isObject))
        problems.push('"credentialSubject" must be an object or a list of objects.');
    if (first === V2) {
        for (const property of ['validFrom', 'validUntil']) {
            const value = credential[property];
            if (value !== undefined && !(typeof value === 'string' && DATE_TIME_STAMP.test(value))) {
                problems.push(`"${property}" must be a date-time with a time zone (XML Schema dateTimeStamp).`);
            }
        }
    }
    for (const [property, { idRequired }] of Object.entries(TYPED_PROPERTIES)) {
        if (credential[property] === undefined)
            continue;
        for (const value of asArray(credential[property])) {
            if (!isObject(value) || asArray(value.type).length === 0)
                problems.push(`every "${property}" must have a "type".`);
            else if (idRequired && !isUrl(value.id))
                problems.push(`every "${property}" must have an "id" URL.`);
        }
    }
    problems.push(...relatedResourceProblems(credential.relatedResource));
    return [...new Set(problems)];
}
/** VC DM 2.0 §5.3: objects with a unique URL `id` and a `digestSRI` or `digestMultibase`. */
function relatedResourceProblems(value) {
    if (value === undefined)
        return [];
    const resources = asArray(value);
    if (!resources.every(isObject))
        return ['every "relatedResource" must be an object.'];
    const problems = [];
    if (!resources.every((r) => isUrl(r.id)))
        problems.push('every "relatedResource" must have an "id" URL.');
    const ids = resources.map((r) => r.id).filter(isUrl);
    if (new Set(ids).size !== ids.length)
        problems.push('every "relatedResource" "id" must be unique.');
    if (!resources.every((r) => typeof r.digestSRI === 'string' || typeof r.digestMultibase === 'string')) {
        problems.push('every "relatedResource" must have a "digestSRI" or a "digestMultibase".');
    }
    return problems;
}
function asArray(value) {
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isUrl(value) {
    return typeof value === 'string' && URL_LIKE.test(value);
}
//# sourceMappingURL=vc-conformance.js.map
/**
 * The W3C DID Core v1 context, as published at https://www.w3.org/ns/did/v1.
 * No installed package bundles it. Kept as a module (not .json) so the same import works
 * under jest's ESM transform and in the tsc build. Do not edit: signatures depend on it.
 */
export const DID_CONTEXT_V1_URL = 'https://www.w3.org/ns/did/v1';
export const DID_CONTEXT_V1 = {
    '@context': {
        '@protected': true,
        id: '@id',
        type: '@type',
        alsoKnownAs: {
            '@id': 'https://www.w3.org/ns/activitystreams#alsoKnownAs',
            '@type': '@id',
        },
        assertionMethod: {
            '@id': 'https://w3id.org/security#assertionMethod',
            '@type': '@id',
            '@container': '@set',
        },
        authentication: {
            '@id': 'https://w3id.org/security#authenticationMethod',
            '@type': '@id',
            '@container': '@set',
        },
        capabilityDelegation: {
            '@id': 'https://w3id.org/security#capabilityDelegationMethod',
            '@type': '@id',
            '@container': '@set',
        },
        capabilityInvocation: {
            '@id': 'https://w3id.org/security#capabilityInvocationMethod',
            '@type': '@id',
            '@container': '@set',
        },
        controller: {
            '@id': 'https://w3id.org/security#controller',
            '@type': '@id',
        },
        keyAgreement: {
            '@id': 'https://w3id.org/security#keyAgreementMethod',
            '@type': '@id',
            '@container': '@set',
        },
        service: {
            '@id': 'https://www.w3.org/ns/did#service',
            '@type': '@id',
            '@context': {
                '@protected': true,
                id: '@id',
                type: '@type',
                serviceEndpoint: {
                    '@id': 'https://www.w3.org/ns/did#serviceEndpoint',
                    '@type': '@id',
                },
            },
        },
        verificationMethod: {
            '@id': 'https://w3id.org/security#verificationMethod',
            '@type': '@id',
        },
    },
};
//# sourceMappingURL=did-v1.js.map
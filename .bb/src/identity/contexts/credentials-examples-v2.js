/**
 * The W3C VC examples context, as published at https://www.w3.org/ns/credentials/examples/v2:
 * every undefined term maps into https://www.w3.org/ns/credentials/examples#. The W3C test
 * suites' credentials use it, so the loader knows it in conformance mode only; a production
 * register has no business signing or accepting example vocabulary.
 */
export const CREDENTIALS_EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';
export const CREDENTIALS_EXAMPLES_V2 = {
    '@context': {
        '@vocab': 'https://www.w3.org/ns/credentials/examples#',
    },
};
//# sourceMappingURL=credentials-examples-v2.js.map
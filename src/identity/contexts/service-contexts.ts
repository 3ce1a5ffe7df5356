import { CREDENTIALS_EXAMPLES_V2, CREDENTIALS_EXAMPLES_V2_URL } from './credentials-examples-v2.js';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from './xueji-certificate-v1.js';
import { XUEJI_IDENTITY_CONTEXT_V1, xuejiIdentityContextUrl } from './xueji-identity-v1.js';
import { XUEJI_TRUST_CONTEXT_V1, xuejiTrustContextUrl } from './xueji-trust-v1.js';
import { XUEJI_TRUST_CONTEXT_V2, xuejiTrustContextV2Url } from './xueji-trust-v2.js';
import { XUEJI_AUDIT_CONTEXT_V1, xuejiAuditContextUrl } from './xueji-audit-v1.js';

/**
 * The contexts the service publishes under PUBLIC_URL (served by ContextsController), which its
 * document loaders answer from these bundled documents instead of fetching their own URL; in
 * conformance mode (W3C suites on loopback) also the W3C examples context their inputs use.
 * One map for the service's loader and for its signing threads.
 */
export function serviceContexts(publicUrl: string, conformance: boolean): Record<string, object> {
  return {
    [xuejiCertificateContextUrl(publicUrl)]: XUEJI_CERTIFICATE_CONTEXT_V1,
    [xuejiIdentityContextUrl(publicUrl)]: XUEJI_IDENTITY_CONTEXT_V1,
    [xuejiTrustContextUrl(publicUrl)]: XUEJI_TRUST_CONTEXT_V1,
    [xuejiTrustContextV2Url(publicUrl)]: XUEJI_TRUST_CONTEXT_V2,
    [xuejiAuditContextUrl(publicUrl)]: XUEJI_AUDIT_CONTEXT_V1,
    ...(conformance ? { [CREDENTIALS_EXAMPLES_V2_URL]: CREDENTIALS_EXAMPLES_V2 } : {}),
  };
}

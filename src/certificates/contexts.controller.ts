import { Controller, Get, Header } from '@nestjs/common';
import { XUEJI_CERTIFICATE_CONTEXT_PATH, XUEJI_CERTIFICATE_CONTEXT_V1 } from '../identity/contexts/xueji-certificate-v1.js';
import { XUEJI_IDENTITY_CONTEXT_PATH, XUEJI_IDENTITY_CONTEXT_V1 } from '../identity/contexts/xueji-identity-v1.js';
import { XUEJI_TRUST_CONTEXT_PATH, XUEJI_TRUST_CONTEXT_V1 } from '../identity/contexts/xueji-trust-v1.js';
import { XUEJI_TRUST_CONTEXT_V2, XUEJI_TRUST_CONTEXT_V2_PATH } from '../identity/contexts/xueji-trust-v2.js';
import { XUEJI_AUDIT_CONTEXT_PATH, XUEJI_AUDIT_CONTEXT_V1 } from '../identity/contexts/xueji-audit-v1.js';
import { Public } from '../platform/auth/access.decorator.js';

/**
 * The JSON-LD contexts our credentials name besides published ones (VC 2.0, OB 3.0), for
 * verifiers outside this service. Versioned URLs whose documents never change, hence `immutable`.
 */
@Controller()
export class ContextsController {
  @Get(XUEJI_CERTIFICATE_CONTEXT_PATH)
  @Public()
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'public, max-age=86400, immutable')
  // Browser-based verifiers load contexts cross-origin; the document is public and static.
  @Header('Access-Control-Allow-Origin', '*')
  certificateContextV1() {
    return XUEJI_CERTIFICATE_CONTEXT_V1;
  }

  @Get(XUEJI_IDENTITY_CONTEXT_PATH)
  @Public()
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'public, max-age=86400, immutable')
  @Header('Access-Control-Allow-Origin', '*')
  identityContextV1() {
    return XUEJI_IDENTITY_CONTEXT_V1;
  }

  @Get(XUEJI_TRUST_CONTEXT_PATH)
  @Public()
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'public, max-age=86400, immutable')
  @Header('Access-Control-Allow-Origin', '*')
  trustContextV1() {
    return XUEJI_TRUST_CONTEXT_V1;
  }

  @Get(XUEJI_TRUST_CONTEXT_V2_PATH)
  @Public()
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'public, max-age=86400, immutable')
  @Header('Access-Control-Allow-Origin', '*')
  trustContextV2() {
    return XUEJI_TRUST_CONTEXT_V2;
  }

  @Get(XUEJI_AUDIT_CONTEXT_PATH)
  @Public()
  @Header('Content-Type', 'application/ld+json')
  @Header('Cache-Control', 'public, max-age=86400, immutable')
  @Header('Access-Control-Allow-Origin', '*')
  auditContextV1() {
    return XUEJI_AUDIT_CONTEXT_V1;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CREDENTIALS_EXAMPLES_V2, CREDENTIALS_EXAMPLES_V2_URL } from './contexts/credentials-examples-v2.js';
import { XUEJI_IDENTITY_CONTEXT_V1, xuejiIdentityContextUrl } from './contexts/xueji-identity-v1.js';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from './contexts/xueji-certificate-v1.js';
import { DidService } from './did.service.js';
import { createDocumentLoader, type DocumentLoader } from './domain/document-loader.js';

/** The one JSON-LD document loader of the service: bundled contexts, ours, and our own DIDs; no network. */
@Injectable()
export class DocumentLoaderService {
  readonly load: DocumentLoader;

  constructor(dids: DidService, @Inject(APP_CONFIG) config: AppConfig) {
    // Our certificate context lives under PUBLIC_URL (served by ContextsController); the loader
    // answers it from the same bundled document instead of fetching our own URL. In conformance
    // mode (W3C suites on loopback) it also knows the W3C examples context their inputs use.
    this.load = createDocumentLoader({
      contexts: {
        [xuejiCertificateContextUrl(config.publicUrl)]: XUEJI_CERTIFICATE_CONTEXT_V1,
        [xuejiIdentityContextUrl(config.publicUrl)]: XUEJI_IDENTITY_CONTEXT_V1,
        ...(config.conformanceIssuerSeed ? { [CREDENTIALS_EXAMPLES_V2_URL]: CREDENTIALS_EXAMPLES_V2 } : {}),
      },
      resolveDid: (did) => dids.resolve(did),
    });
  }
}

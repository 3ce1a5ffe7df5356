import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from './contexts/xueji-certificate-v1.js';
import { DidService } from './did.service.js';
import { createDocumentLoader, type DocumentLoader } from './domain/document-loader.js';

/** The one JSON-LD document loader of the service: bundled contexts, ours, and our own DIDs; no network. */
@Injectable()
export class DocumentLoaderService {
  readonly load: DocumentLoader;

  constructor(dids: DidService, @Inject(APP_CONFIG) config: AppConfig) {
    // Our certificate context lives under PUBLIC_URL (served by ContextsController); the loader
    // answers it from the same bundled document instead of fetching our own URL.
    this.load = createDocumentLoader({
      contexts: { [xuejiCertificateContextUrl(config.publicUrl)]: XUEJI_CERTIFICATE_CONTEXT_V1 },
      resolveDid: (did) => dids.resolve(did),
    });
  }
}

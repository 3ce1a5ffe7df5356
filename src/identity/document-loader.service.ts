import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { serviceContexts } from './contexts/service-contexts.js';
import { DidService } from './did.service.js';
import { createDocumentLoader, type DocumentLoader } from './domain/document-loader.js';

/** The one JSON-LD document loader of the service: bundled contexts, ours, and our own DIDs; no network. */
@Injectable()
export class DocumentLoaderService {
  readonly load: DocumentLoader;

  constructor(dids: DidService, @Inject(APP_CONFIG) config: AppConfig) {
    this.load = createDocumentLoader({
      contexts: serviceContexts(config.publicUrl, config.conformanceIssuerSeed !== null),
      resolveDid: (did) => dids.resolve(did),
    });
  }
}

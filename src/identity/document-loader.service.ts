import { Injectable } from '@nestjs/common';
import { DidService } from './did.service.js';
import { createDocumentLoader, type DocumentLoader } from './domain/document-loader.js';

/** The one JSON-LD document loader of the service: bundled contexts and our own DIDs, no network. */
@Injectable()
export class DocumentLoaderService {
  readonly load: DocumentLoader;

  constructor(dids: DidService) {
    this.load = createDocumentLoader({ resolveDid: (did) => dids.resolve(did) });
  }
}

import { Injectable } from '@nestjs/common';
import type { Ed25519Signer } from '../identity/domain/ed25519-keys.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import type { Credential, VerifiableCredential } from './domain/data-integrity.js';
import { createTemplateIssuer, type TemplateIssuer } from './domain/fast-rdfc/template-issuer.js';

/**
 * Signs every certificate (single or batch) with eddsa-rdfc-2022 through the template issuer:
 * the same bytes as the stock @digitalbazaar/vc path, which it falls back to by itself for any
 * shape it cannot vouch for. One instance per process, so a shape's template is derived once.
 */
@Injectable()
export class CredentialSignerService {
  /** The template issuer of this thread (signing threads have their own). */
  readonly templates: TemplateIssuer;

  constructor(loader: DocumentLoaderService) {
    this.templates = createTemplateIssuer({ documentLoader: loader.load });
  }

  sign(credential: Credential, signer: Ed25519Signer, now: Date): Promise<VerifiableCredential> {
    return this.templates.issue(credential, signer, now);
  }
}

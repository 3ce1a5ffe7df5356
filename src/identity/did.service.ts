import { Inject, Injectable } from '@nestjs/common';
import { Resolver, type DIDResolutionResult } from 'did-resolver';
import { TtlCache } from '../common/cache/ttl-cache.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { didKeyDocument } from './domain/did-key.js';
import { buildDidDocument, didWebForPath, didWebToPath, verificationMethodId, type DidDocument } from './domain/did-web.js';
import { KeyStoreService } from './key-store.service.js';

const ISSUERS_SEGMENT = 'issuers';
/** How long a resolved DID document (and "is an authority") may be reused. */
const DOCUMENT_TTL_MS = 10_000;

/**
 * did:web DIDs of our organisations, served by this service at /issuers/<code>/did.json and
 * resolved through did-resolver without the network: a did:web on our own host is answered
 * from the database; any other host is "notFound" rather than fetched. did:key (Ed25519 and
 * P-256) resolves from the DID itself, for credentials that must verify anywhere offline.
 */
@Injectable()
export class DidService {
  readonly resolver: Resolver;
  private readonly ownHost: string;
  private readonly documents = new TtlCache<string, DidDocument>(DOCUMENT_TTL_MS);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: KeyStoreService,
    private readonly organisations: OrganisationsService,
  ) {
    this.ownHost = new URL(config.publicUrl).host.toLowerCase();
    this.resolver = new Resolver({ web: (did) => this.resolveWeb(did), key: async (did) => resolveKey(did) });
  }

  didForCode(organisationCode: string): string {
    return didWebForPath(this.config.publicUrl, [ISSUERS_SEGMENT, organisationCode]);
  }

  methodIdFor(organisationCode: string) {
    const did = this.didForCode(organisationCode);
    return (fragment: string) => verificationMethodId(did, fragment);
  }

  /**
   * The DID document of an organisation with keys, or null (unknown, or a school). It lists every
   * key the organisation ever had, both algorithms, retired and revoked ones too (see
   * buildDidDocument), and is served as long as the organisation's row exists: keys are never
   * deleted, and the DID follows the code, not the name, so a renamed authority keeps it.
   */
  async documentForCode(code: string): Promise<DidDocument | null> {
    const org = await this.organisations.findVisible(null, code);
    if (!org) return null;
    const keys = await this.keys.keysOf(org.id);
    if (keys.length === 0) return null;
    return buildDidDocument({
      did: this.didForCode(code),
      name: org.name,
      verificationMethods: keys.map((k) => ({
        id: k.fragment,
        publicKeyMultibase: k.publicKeyMultibase,
        algorithm: k.algorithm,
        status: k.status,
        ...(k.compromisedAt ? { revoked: k.compromisedAt.toISOString() } : {}),
      })),
    });
  }

  /** Forgets this process's copy of an organisation's document after its keys changed. */
  documentChanged(code: string): void {
    this.documents.delete(this.didForCode(code));
  }

  /**
   * did-resolver front door, for every part of the service that needs a DID document. Found
   * documents are kept for a few seconds: every verification reads them, keys change rarely,
   * and a key generated meanwhile is never hidden (misses are not cached).
   */
  async resolve(did: string): Promise<DidDocument | null> {
    return this.documents.through(did, async () => (await this.resolver.resolve(did)).didDocument as DidDocument | null);
  }

  /** The organisation code behind one of our own issuer DIDs, or null for any other DID. */
  ownOrganisationCode(did: string): string | null {
    let location: { host: string; path: string };
    try {
      location = didWebToPath(did);
    } catch {
      return null;
    }
    const match = new RegExp(`^/${ISSUERS_SEGMENT}/(\\d{6}|\\d{10})/did\\.json$`).exec(location.path);
    return location.host === this.ownHost && match ? match[1] : null;
  }

  private async resolveWeb(did: string): Promise<DIDResolutionResult> {
    const notFound = (error: string): DIDResolutionResult => ({
      didResolutionMetadata: { error },
      didDocument: null,
      didDocumentMetadata: {},
    });
    const code = this.ownOrganisationCode(did);
    if (!code) return notFound('notFound');
    const document = await this.documentForCode(code);
    if (!document) return notFound('notFound');
    return { didResolutionMetadata: { contentType: 'application/did+ld+json' }, didDocument: document as never, didDocumentMetadata: {} };
  }
}

function resolveKey(did: string): DIDResolutionResult {
  const document = didKeyDocument(did);
  return document
    ? { didResolutionMetadata: { contentType: 'application/did+ld+json' }, didDocument: document as never, didDocumentMetadata: {} }
    : { didResolutionMetadata: { error: 'notFound' }, didDocument: null, didDocumentMetadata: {} };
}

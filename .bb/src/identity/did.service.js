var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import { Resolver } from 'did-resolver';
import { TtlCache } from '../common/cache/ttl-cache.js';
import { APP_CONFIG } from '../config/config.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { didKeyDocument } from './domain/did-key.js';
import { buildDidDocument, didWebForPath, didWebToPath, verificationMethodId } from './domain/did-web.js';
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
let DidService = class DidService {
    constructor(config, keys, organisations) {
        this.config = config;
        this.keys = keys;
        this.organisations = organisations;
        this.documents = new TtlCache(DOCUMENT_TTL_MS);
        this.authorities = new TtlCache(DOCUMENT_TTL_MS);
        this.ownHost = new URL(config.publicUrl).host.toLowerCase();
        this.resolver = new Resolver({ web: (did) => this.resolveWeb(did), key: async (did) => resolveKey(did) });
    }
    didForCode(organisationCode) {
        return didWebForPath(this.config.publicUrl, [ISSUERS_SEGMENT, organisationCode]);
    }
    methodIdFor(organisationCode) {
        const did = this.didForCode(organisationCode);
        return (fragment) => verificationMethodId(did, fragment);
    }
    /**
     * The DID document of an organisation with keys, or null (unknown, or a school). It lists every
     * key the organisation ever had, both algorithms, retired and revoked ones too (see
     * buildDidDocument), and is served as long as the organisation's row exists: keys are never
     * deleted, and the DID follows the code, not the name, so a renamed authority keeps it.
     */
    async documentForCode(code) {
        const org = await this.organisations.findVisible(null, code);
        if (!org)
            return null;
        const keys = await this.keys.keysOf(org.id);
        if (keys.length === 0)
            return null;
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
    documentChanged(code) {
        this.documents.delete(this.didForCode(code));
    }
    /**
     * did-resolver front door, for every part of the service that needs a DID document. Found
     * documents are kept for a few seconds: every verification reads them, keys change rarely,
     * and a key generated meanwhile is never hidden (misses are not cached).
     */
    async resolve(did) {
        return this.documents.through(did, async () => (await this.resolver.resolve(did)).didDocument);
    }
    /** The organisation code behind one of our own issuer DIDs, or null for any other DID. */
    ownOrganisationCode(did) {
        let location;
        try {
            location = didWebToPath(did);
        }
        catch {
            return null;
        }
        const match = new RegExp(`^/${ISSUERS_SEGMENT}/(\\d{6}|\\d{10})/did\\.json$`).exec(location.path);
        return location.host === this.ownHost && match ? match[1] : null;
    }
    /** True when the DID is ours and names an education authority (not a school) of the tree. */
    async isEducationAuthority(did) {
        const code = this.ownOrganisationCode(did);
        if (!code)
            return false;
        const known = this.authorities.get(code);
        if (known !== undefined)
            return known;
        const org = await this.organisations.findVisible(null, code);
        const answer = org !== null && org.level !== 'school';
        if (org)
            this.authorities.set(code, answer);
        return answer;
    }
    async resolveWeb(did) {
        const notFound = (error) => ({
            didResolutionMetadata: { error },
            didDocument: null,
            didDocumentMetadata: {},
        });
        const code = this.ownOrganisationCode(did);
        if (!code)
            return notFound('notFound');
        const document = await this.documentForCode(code);
        if (!document)
            return notFound('notFound');
        return { didResolutionMetadata: { contentType: 'application/did+ld+json' }, didDocument: document, didDocumentMetadata: {} };
    }
};
DidService = __decorate([
    Injectable(),
    __param(0, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [Object, KeyStoreService,
        OrganisationsService])
], DidService);
export { DidService };
function resolveKey(did) {
    const document = didKeyDocument(did);
    return document
        ? { didResolutionMetadata: { contentType: 'application/did+ld+json' }, didDocument: document, didDocumentMetadata: {} }
        : { didResolutionMetadata: { error: 'notFound' }, didDocument: null, didDocumentMetadata: {} };
}
//# sourceMappingURL=did.service.js.map
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { DidService } from './did.service.js';
import { createEd25519Signer } from './domain/ed25519-keys.js';
import { KeyStoreService } from './key-store.service.js';
/**
 * The one place that turns an issuer DID into something that can sign for it: our
 * organisations' did:web (keys from the key store) and, when configured, did:key issuers held
 * in memory (conformance testing). Anything else cannot be signed for here.
 */
let IssuerSignerService = class IssuerSignerService {
    constructor(dids, organisations, keys) {
        this.dids = dids;
        this.organisations = organisations;
        this.keys = keys;
        this.keyIssuers = new Map();
    }
    /** Registers a did:key issuer whose signer this process holds. */
    registerKeyIssuer(did, signer) {
        this.keyIssuers.set(did, signer);
    }
    /** Registers the did:key issuer of an Ed25519 seed (32 bytes) and answers its DID. */
    async registerKeyIssuerFromSeed(seed) {
        if (seed.length !== 32)
            throw new Error(`An Ed25519 seed has 32 bytes, not ${seed.length}.`);
        const { publicKeyMultibase, secretKeyMultibase } = await Ed25519Multikey.generate({ seed });
        const did = `did:key:${publicKeyMultibase}`;
        this.registerKeyIssuer(did, createEd25519Signer({ id: `${did}#${publicKeyMultibase}`, secretKeyMultibase: secretKeyMultibase }));
        return did;
    }
    async forDid(did) {
        const keySigner = this.keyIssuers.get(did);
        if (keySigner)
            return { id: did, signer: keySigner };
        const code = this.dids.ownOrganisationCode(did);
        const org = code ? await this.organisations.findVisible(null, code) : null;
        if (!org || org.level === 'school')
            throw new NotFoundError('Issuer');
        return this.forOrganisation(org.id, org.code, org.name);
    }
    /** The organisation as an Ed25519 issuer (certificates and status lists, eddsa-rdfc-2022). */
    async forOrganisation(organisationId, code, name) {
        const signer = await this.signerFor({ id: organisationId, code, name }, 'Ed25519');
        return { id: this.dids.didForCode(code), name, signer };
    }
    /**
     * The signer of the organisation's active key of one algorithm: Ed25519 (eddsa-rdfc-2022),
     * P-256 (ecdsa-sd-2023, SD-JWT VC ES256). Its `id` is the verification method in the
     * organisation's did:web document. Cached by key id; never past a rotation (KeyStoreService).
     */
    async signerFor(organisation, algorithm) {
        if (organisation.level === 'school')
            throw new NotFoundError('Issuer');
        return this.keys.signerFor(organisation.id, algorithm, this.dids.methodIdFor(organisation.code));
    }
    canSignFor(did) {
        return this.keyIssuers.has(did) || this.dids.ownOrganisationCode(did) !== null;
    }
};
IssuerSignerService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DidService,
        OrganisationsService,
        KeyStoreService])
], IssuerSignerService);
export { IssuerSignerService };
//# sourceMappingURL=issuer-signer.service.js.map
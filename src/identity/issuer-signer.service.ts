import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { DidService } from './did.service.js';
import { createEd25519Signer, type Ed25519Signer } from './domain/ed25519-keys.js';
import type { KeyAlgorithm, SignerOf } from './domain/key-algorithms.js';
import { KeyStoreService } from './key-store.service.js';

export interface IssuerIdentity {
  /** The issuer's DID, as it appears in `issuer.id`. */
  id: string;
  name?: string;
  signer: Ed25519Signer;
}

/** An organisation that signs: an education authority (county and above) of the tree. */
export interface SigningOrganisation {
  id: string;
  code: string;
  name: string;
  /** When given, a school is refused: schools never sign (nor get keys by accident). */
  level?: string;
}

/**
 * The one place that turns an issuer DID into something that can sign for it: our
 * organisations' did:web (keys from the key store) and, when configured, did:key issuers held
 * in memory (conformance testing). Anything else cannot be signed for here.
 */
@Injectable()
export class IssuerSignerService {
  private readonly keyIssuers = new Map<string, Ed25519Signer>();

  constructor(
    private readonly dids: DidService,
    private readonly organisations: OrganisationsService,
    private readonly keys: KeyStoreService,
  ) {}

  /** Registers a did:key issuer whose signer this process holds. */
  registerKeyIssuer(did: string, signer: Ed25519Signer): void {
    this.keyIssuers.set(did, signer);
  }

  /** Registers the did:key issuer of an Ed25519 seed (32 bytes) and answers its DID. */
  async registerKeyIssuerFromSeed(seed: Uint8Array): Promise<string> {
    if (seed.length !== 32) throw new Error(`An Ed25519 seed has 32 bytes, not ${seed.length}.`);
    const { publicKeyMultibase, secretKeyMultibase } = await Ed25519Multikey.generate({ seed });
    const did = `did:key:${publicKeyMultibase}`;
    this.registerKeyIssuer(did, createEd25519Signer({ id: `${did}#${publicKeyMultibase}`, secretKeyMultibase: secretKeyMultibase! }));
    return did;
  }

  async forDid(did: string): Promise<IssuerIdentity> {
    const keySigner = this.keyIssuers.get(did);
    if (keySigner) return { id: did, signer: keySigner };
    const code = this.dids.ownOrganisationCode(did);
    const org = code ? await this.organisations.findVisible(null, code) : null;
    if (!org || org.level === 'school') throw new NotFoundError('Issuer');
    return this.forOrganisation(org.id, org.code, org.name);
  }

  /** The organisation as an Ed25519 issuer (certificates and status lists, eddsa-rdfc-2022). */
  async forOrganisation(organisationId: string, code: string, name: string, em?: EntityManager): Promise<IssuerIdentity> {
    const signer = await this.signerFor({ id: organisationId, code, name }, 'Ed25519', em);
    return { id: this.dids.didForCode(code), name, signer };
  }

  /**
   * The signer of the organisation's active key of one algorithm: Ed25519 (eddsa-rdfc-2022),
   * P-256 (ecdsa-sd-2023, SD-JWT VC ES256). Its `id` is the verification method in the
   * organisation's did:web document. Cached by key id; never past a rotation (KeyStoreService).
   * Inside a transaction, pass its `em`.
   */
  async signerFor<A extends KeyAlgorithm>(organisation: SigningOrganisation, algorithm: A, em?: EntityManager): Promise<SignerOf<A>> {
    if (organisation.level === 'school') throw new NotFoundError('Issuer');
    return this.keys.signerFor(organisation.id, algorithm, this.dids.methodIdFor(organisation.code), em);
  }
}

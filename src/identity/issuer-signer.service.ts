import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { DidService } from './did.service.js';
import type { Ed25519Signer } from './domain/ed25519-keys.js';
import { KeyStoreService } from './key-store.service.js';

export interface IssuerIdentity {
  /** The issuer's DID, as it appears in `issuer.id`. */
  id: string;
  name?: string;
  signer: Ed25519Signer;
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

  async forDid(did: string): Promise<IssuerIdentity> {
    const keySigner = this.keyIssuers.get(did);
    if (keySigner) return { id: did, signer: keySigner };
    const code = this.dids.ownOrganisationCode(did);
    const org = code ? await this.organisations.findVisible(null, code) : null;
    if (!org || org.level === 'school') throw new NotFoundError('Issuer');
    return this.forOrganisation(org.id, org.code, org.name);
  }

  async forOrganisation(organisationId: string, code: string, name: string): Promise<IssuerIdentity> {
    const signer = await this.keys.ed25519Signer(organisationId, this.dids.methodIdFor(code));
    return { id: this.dids.didForCode(code), name, signer };
  }

  canSignFor(did: string): boolean {
    return this.keyIssuers.has(did) || this.dids.ownOrganisationCode(did) !== null;
  }
}

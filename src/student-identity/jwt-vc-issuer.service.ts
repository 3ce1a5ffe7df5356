import type { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DidService } from '../identity/did.service.js';
import { p256PublicKeyObject } from '../identity/domain/p256-keys.js';
import { KeyStoreService } from '../identity/key-store.service.js';
import { buildJwtVcIssuerMetadata, type JwtVcIssuerMetadata } from '../identity/sd-jwt/domain/jwt-vc-issuer-metadata.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { sdJwtIssuerId } from './domain/configurations.js';

/**
 * JWT VC Issuer Metadata of an education authority: its P-256 keys, the active one first, retired
 * ones kept (what they signed still verifies); a revoked key is left out, so whatever claims it
 * after its revocation fails. `kid` is the key's verification method id in the DID document.
 */
@Injectable()
export class JwtVcIssuerService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisations: OrganisationsService,
    private readonly keys: KeyStoreService,
    private readonly dids: DidService,
  ) {}

  /** A revoked P-256 key of the authority by its `kid`, with its compromise time; null if none. */
  async revokedKey(code: string, kid: string): Promise<{ publicKey: KeyObject; compromisedAt: Date } | null> {
    const org = await this.organisations.findVisible(null, code);
    if (!org || org.level === 'school') return null;
    const methodId = this.dids.methodIdFor(code);
    const key = (await this.keys.keysOf(org.id)).find((k) => k.algorithm === 'P-256' && k.status === 'revoked' && methodId(k.fragment) === kid);
    return key?.compromisedAt ? { publicKey: p256PublicKeyObject(key.publicKeyMultibase), compromisedAt: key.compromisedAt } : null;
  }

  async metadata(code: string): Promise<JwtVcIssuerMetadata | null> {
    const org = await this.organisations.findVisible(null, code);
    if (!org || org.level === 'school') return null;
    const keys = (await this.keys.keysOf(org.id)).filter((k) => k.algorithm === 'P-256' && k.status !== 'revoked');
    if (keys.length === 0) return null;
    keys.sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.createdAt.getTime() - a.createdAt.getTime());
    const methodId = this.dids.methodIdFor(code);
    return buildJwtVcIssuerMetadata({
      issuer: sdJwtIssuerId(this.config.publicUrl, code),
      keys: keys.map((k) => ({ kid: methodId(k.fragment), publicKey: p256PublicKeyObject(k.publicKeyMultibase) })),
    });
  }
}

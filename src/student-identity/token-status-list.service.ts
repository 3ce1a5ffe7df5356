import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { StatusListService } from '../certificates/status/status-list.service.js';
import { DidService } from '../identity/did.service.js';
import { IssuerKeyEvents } from '../identity/issuer-key-events.js';
import { IssuerSignerService } from '../identity/issuer-signer.service.js';
import { createStatusListToken } from '../identity/token-status/domain/status-list-token.js';
import { createStatusList, setStatus, STATUS_INVALID, STATUS_SUSPENDED } from '../identity/token-status/domain/status-list.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { sdJwtIssuerId, tokenStatusListUrl } from './domain/configurations.js';

export interface PublishedToken {
  token: string;
  etag: string;
  updatedAt: Date;
}

/** A token is good for a day; verifiers re-fetch after `ttl` (five minutes) and follow changes sooner with the ETag. */
const TOKEN_LIFETIME_MS = 24 * 3600_000;
const TOKEN_TTL_SECONDS = 300;

/**
 * The IETF Token Status List (`statuslist+jwt`, 2 bits: 0 valid, 1 invalid = revoked,
 * 2 suspended) of a status list, for SD-JWT VCs: the same entries as the list's two Bitstring
 * Status List credentials, so one revocation reaches both formats. Signed ES256 by the list's
 * issuing authority (its key in its JWT VC Issuer Metadata), `iss` its SD-JWT issuer identifier.
 * Signed on request and kept while the list's version is unchanged.
 */
@Injectable()
export class TokenStatusListService {
  private readonly cache = new Map<string, { version: string; published: PublishedToken; expiresAt: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lists: StatusListService,
    private readonly dids: DidService,
    private readonly organisations: OrganisationsService,
    private readonly signers: IssuerSignerService,
    keyEvents: IssuerKeyEvents,
  ) {
    // A token signed by a key that is then revoked must not be served again.
    keyEvents.onRevoked(async () => this.cache.clear());
  }

  async token(listSeq: string, now = new Date()): Promise<PublishedToken> {
    const flags = await this.lists.flags(listSeq);
    if (!flags) throw new NotFoundError('Status list');
    const cached = this.cache.get(listSeq);
    if (cached && cached.version === flags.version && cached.expiresAt > now.getTime() + TOKEN_TTL_SECONDS * 1000) return cached.published;
    const code = this.dids.ownOrganisationCode(flags.issuerDid);
    const org = code ? await this.organisations.findVisible(null, code) : null;
    if (!org) throw new NotFoundError('Status list');
    const signer = await this.signers.signerFor({ id: org.id, code: org.code, name: org.name, level: org.level }, 'P-256');
    const statuses = createStatusList(flags.size, 2);
    for (const idx of flags.suspended) setStatus(statuses, idx, STATUS_SUSPENDED, 2);
    for (const idx of flags.revoked) setStatus(statuses, idx, STATUS_INVALID, 2);
    const expiresAt = now.getTime() + TOKEN_LIFETIME_MS;
    const token = createStatusListToken({
      statuses,
      bits: 2,
      uri: tokenStatusListUrl(this.config.publicUrl, listSeq),
      issuer: { iss: sdJwtIssuerId(this.config.publicUrl, org.code), kid: signer.id, privateKey: signer.key },
      iat: now,
      exp: new Date(expiresAt),
      ttl: TOKEN_TTL_SECONDS,
    });
    const published = { token, etag: `"slt-${listSeq}-${flags.version}-${signer.id.split('#')[1] ?? ''}"`, updatedAt: flags.updatedAt };
    this.cache.set(listSeq, { version: flags.version, published, expiresAt });
    return published;
  }
}

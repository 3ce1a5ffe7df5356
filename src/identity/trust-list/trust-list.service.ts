import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TtlCache } from '../../common/cache/ttl-cache.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { issueCredential, type Credential, type VerifiableCredential } from '../../certificates/domain/data-integrity.js';
import { xuejiTrustContextV2Url } from '../contexts/xueji-trust-v2.js';
import { parentCodeOf } from '../../platform/organisations/domain/org-level.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import { DidService } from '../did.service.js';
import { DocumentLoaderService } from '../document-loader.service.js';
import { IssuerSignerService } from '../issuer-signer.service.js';
import { VC_V2_CONTEXT_URL } from '../student-credential/domain/selective-disclosure.js';
import { TRUST_LIST_VALIDITY_MS, trustedEntry, trustListCredential, type SchoolEntry, type TrustEntry } from './domain/trust-list.js';

export const TRUST_LIST_PATH = '/trust-list';
/** Entries are re-read from the register this often (a renamed authority shows its new name within it); a new one is looked up at once. */
const ENTRIES_TTL_MS = 60_000;

export interface PublishedTrustList {
  credential: VerifiableCredential;
  etag: string;
}

/**
 * The register's trust list: every education authority with its did:web DID, name, level and
 * region, and every school (not an issuer: schools sign nothing) with its supervising authority,
 * read from the organisation tree; published as a
 * credential signed by the root authority (the organisation without a parent), whose DID
 * verifiers pin. Our own verifiers take an issuer's name and standing from these entries.
 */
@Injectable()
export class TrustListService {
  /** The entries by DID, and their digest (what the signed list is cached under). */
  private readonly entries = new TtlCache<'entries', { byDid: Map<string, TrustEntry>; schools: SchoolEntry[]; digest: string }>(ENTRIES_TTL_MS, 1);
  /** One signed document per entries and day, so that an ETag always names the same bytes. */
  private readonly published = new TtlCache<string, PublishedTrustList>(TRUST_LIST_VALIDITY_MS, 4);

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly dids: DidService,
    private readonly issuers: IssuerSignerService,
    private readonly loader: DocumentLoaderService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The entry of a DID in good standing, or null: an issuer the register does not vouch for. */
  async entryFor(did: string | null | undefined): Promise<TrustEntry | null> {
    const { byDid } = await this.current();
    if (!did || byDid.has(did)) return trustedEntry(byDid, did);
    // One of our DIDs not in the cached entries: an authority set up since they were read?
    const code = this.dids.ownOrganisationCode(did);
    if (!code) return null;
    const [org] = await this.dataSource.query(`SELECT 1 FROM organisations WHERE code = $1 AND level <> 'school'`, [code]);
    if (!org) return null;
    this.entries.delete('entries');
    return trustedEntry((await this.current()).byDid, did);
  }

  /** The signed list, re-signed when its entries change (and at least daily: it expires). */
  async signed(now = new Date()): Promise<PublishedTrustList> {
    const { byDid, schools, digest } = await this.current();
    const entries = [...byDid.values()];
    const day = now.toISOString().slice(0, 10);
    const key = `${digest}/${day}`;
    const known = this.published.get(key);
    if (known) return known;
    const root = await this.organisations.root();
    const issuer = await this.issuers.forOrganisation(root.id, root.code, root.name);
    const unsigned = trustListCredential({
      url: `${this.config.publicUrl}${TRUST_LIST_PATH}`,
      contexts: { vc: VC_V2_CONTEXT_URL, trust: xuejiTrustContextV2Url(this.config.publicUrl) },
      issuer: { id: issuer.id, name: root.name },
      entries,
      schools,
      now,
    });
    const credential = await issueCredential({ credential: unsigned as unknown as Credential, signer: issuer.signer, documentLoader: this.loader.load, now });
    const published = { credential, etag: `"tl-${key.replace('/', '-')}"` };
    this.published.set(key, published);
    return published;
  }

  /** Every school of the register, with its supervising authority's DID. */
  private async schools(): Promise<SchoolEntry[]> {
    const rows: Array<{ code: string; name: string; path: string }> = await this.dataSource.query(
      `SELECT code, name, path FROM organisations WHERE level = 'school' ORDER BY code`,
    );
    return rows.map((row) => {
      const authority = parentCodeOf(row.path)!;
      return { code: row.code, name: row.name, authority: this.dids.didForCode(authority), region: authority, standing: 'active' as const };
    });
  }

  private async current(): Promise<{ byDid: Map<string, TrustEntry>; schools: SchoolEntry[]; digest: string }> {
    const known = this.entries.get('entries');
    if (known) return known;
    const rows: Array<{ code: string; name: string; level: TrustEntry['level'] }> = await this.dataSource.query(
      `SELECT code, name, level FROM organisations WHERE level <> 'school' ORDER BY code`,
    );
    const map = new Map<string, TrustEntry>();
    for (const row of rows) {
      const id = this.dids.didForCode(row.code);
      map.set(id, { id, name: row.name, level: row.level, region: row.code, standing: 'active' });
    }
    const schools = await this.schools();
    const digest = createHash('sha256').update(JSON.stringify([[...map.values()], schools])).digest('base64url').slice(0, 22);
    const current = { byDid: map, schools, digest };
    this.entries.set('entries', current);
    return current;
  }
}

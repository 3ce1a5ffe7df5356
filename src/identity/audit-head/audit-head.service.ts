import { Inject, Injectable } from '@nestjs/common';
import { VerificationThreads } from '../../certificates/verifying/verification-threads.service.js';
import { TtlCache } from '../../common/cache/ttl-cache.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { issueCredential, issuerIdOf, type Credential, type VerifiableCredential } from '../../certificates/domain/data-integrity.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import { xuejiAuditContextUrl } from '../contexts/xueji-audit-v1.js';
import { DidService } from '../did.service.js';
import { DocumentLoaderService } from '../document-loader.service.js';
import { IssuerSignerService } from '../issuer-signer.service.js';
import { VC_V2_CONTEXT_URL } from '../student-credential/domain/selective-disclosure.js';
import { auditHeadCredential, claimedHead } from './domain/audit-head.js';

/** A head is signed at most this often; anyone may fetch and keep one. */
const SIGNED_FOR_MS = 60_000;

export interface HeadCheck {
  /** The kept head is ours (root authority's signature) and the trail still holds its entry with its hash. */
  consistent: boolean;
  seq: string | null;
  detail: string;
}

/**
 * The audit trail's head, signed by the root authority and published (GET /audit/head), so that
 * a truncation or a rewrite of the trail by whoever owns the database — which the MACs alone
 * cannot reveal if every entry and the head row were replaced — shows against any head an
 * outsider kept. `check` takes such a kept head and says whether the trail still agrees.
 */
@Injectable()
export class AuditHeadService {
  private readonly signed = new TtlCache<string, VerifiableCredential>(SIGNED_FOR_MS, 2);

  constructor(
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly issuers: IssuerSignerService,
    private readonly loader: DocumentLoaderService,
    private readonly dids: DidService,
    private readonly threads: VerificationThreads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async current(now = new Date()): Promise<VerifiableCredential> {
    const head = await this.audit.head();
    const key = `${head.seq}/${head.hash}`;
    const known = this.signed.get(key);
    if (known) return known;
    const root = await this.root();
    const unsigned = auditHeadCredential({
      publicUrl: this.config.publicUrl,
      contexts: { vc: VC_V2_CONTEXT_URL, audit: xuejiAuditContextUrl(this.config.publicUrl) },
      issuer: { id: root.issuer.id, name: root.name },
      seq: head.seq,
      hash: head.hash,
      now,
    });
    const credential = await issueCredential({ credential: unsigned as unknown as Credential, signer: root.issuer.signer, documentLoader: this.loader.load, now });
    this.signed.set(key, credential);
    return credential;
  }

  async check(kept: unknown, now = new Date()): Promise<HeadCheck> {
    const claim = claimedHead(kept);
    if (!claim) return { consistent: false, seq: null, detail: 'not an audit head: credentialSubject.auditSeq and auditHash are missing or malformed' };
    const root = await this.organisations.root();
    if (issuerIdOf(kept as Credential) !== this.dids.didForCode(root.code)) return { consistent: false, seq: claim.seq, detail: 'not signed by this deployment’s root authority' };
    // The kept head is the caller's document: its signature is checked on the verification threads, within their limits.
    const outcome = await this.threads.run({ kind: 'credential', credential: kept, now });
    if (!outcome.checks.find((c) => c.check === 'proof')?.ok) return { consistent: false, seq: claim.seq, detail: 'its signature does not verify' };
    const hash = await this.audit.hashAt(claim.seq);
    if (hash === null) return { consistent: false, seq: claim.seq, detail: `the trail no longer holds entry ${claim.seq}: it was cut behind this head` };
    if (hash !== claim.hash) return { consistent: false, seq: claim.seq, detail: `entry ${claim.seq} has another hash than this head recorded: the trail was rewritten` };
    return { consistent: true, seq: claim.seq, detail: `the trail still holds entry ${claim.seq} as this head recorded it` };
  }

  private async root() {
    const root = await this.organisations.root();
    return { name: root.name, issuer: await this.issuers.forOrganisation(root.id, root.code, root.name) };
  }
}

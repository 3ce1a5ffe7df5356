import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { rowsOf } from '../database/rows.js';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PresentationVerificationService, type PresentationOptions, type PresentationVerificationReport } from '../certificates/presentation-verification.service.js';
import type { StatusSummary } from '../certificates/verification.service.js';
import type { VerificationProblem } from '../common/verification/problems.js';
import { DidService } from '../identity/did.service.js';
import { issuerKeyFromMetadata } from '../identity/sd-jwt/domain/jwt-vc-issuer-metadata.js';
import { verifySdJwtVcPresentation, type VerificationProblem as SdJwtProblem } from '../identity/sd-jwt/domain/sd-jwt-vc-verify.js';
import { decodeJws } from '../identity/sd-jwt/domain/es256.js';
import { parseStatusListToken } from '../identity/token-status/domain/status-list-token.js';
import { TrustListService } from '../identity/trust-list/trust-list.service.js';
import { identityVct } from './domain/configurations.js';
import { secretDigest } from './domain/offers.js';
import { IdentityCredentialsService } from './identity-credentials.service.js';
import { sdJwtSignatureDigest } from './domain/signature-digest.js';
import { JwtVcIssuerService } from './jwt-vc-issuer.service.js';
import { TokenStatusListService } from './token-status-list.service.js';

export const SD_JWT_MEDIA_TYPE = 'application/dc+sd-jwt';
const PROBLEM_BASE = 'urn:xueji:problem:sd-jwt:';
const NONCE_RETENTION_MS = 24 * 3600_000;

/**
 * `POST /presentations/verify` for SD-JWT VCs with key binding, sent as an
 * EnvelopedVerifiablePresentation (`data:application/dc+sd-jwt,…`): the issuer's signature with
 * its key from its JWT VC Issuer Metadata (our authorities; others are unknown offline), the
 * disclosures, validity, the Token Status List, and the KB-JWT for the verifier's challenge
 * (nonce) and domain (aud), once: a nonce answered before is a replay. The issuer's name comes
 * from the trust list.
 */
@Injectable()
export class SdJwtPresentationsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly presentations: PresentationVerificationService,
    private readonly issuers: JwtVcIssuerService,
    private readonly tokens: TokenStatusListService,
    private readonly trust: TrustListService,
    private readonly dids: DidService,
    private readonly credentials: IdentityCredentialsService,
  ) {}

  onModuleInit(): void {
    this.presentations.registerEnvelopedFormat(SD_JWT_MEDIA_TYPE, (encoded, options, now) => this.verify(encoded, options, now));
  }

  async verify(presentation: string, options: PresentationOptions, now: Date): Promise<PresentationVerificationReport> {
    if (!options.challenge || !options.domain) {
      return refused([{ code: 'VERIFIER_ERROR', detail: 'an SD-JWT presentation is verified for a challenge (the KB-JWT nonce) and a domain (its aud): pass both in options' }]);
    }
    const issuerCode = this.issuerCodeOf(presentation);
    let revokedKey: VerificationProblem | null = null;
    const result = await verifySdJwtVcPresentation({
      presentation,
      resolveIssuerKey: async (iss, kid) => {
        const code = this.codeOfIssuer(iss);
        const metadata = code ? await this.issuers.metadata(code) : null;
        const current = metadata ? issuerKeyFromMetadata(metadata, iss, kid) : undefined;
        if (current || !code || !kid) return current;
        // A revoked key counts only for a credential the register signed before the compromise.
        const revoked = await this.issuers.revokedKey(code, kid);
        if (!revoked) return undefined;
        if (await this.credentials.issuedBefore(this.dids.didForCode(code), sdJwtSignatureDigest(presentation), revoked.compromisedAt)) return revoked.publicKey;
        revokedKey = {
          type: 'urn:xueji:problem:key-revoked',
          title: 'Key revoked after compromise',
          detail: `the issuer's key ${kid} was revoked after a compromise at ${revoked.compromisedAt.toISOString()}, and the register holds no credential it signed before then with this signature`,
        };
        return undefined;
      },
      expectedNonce: options.challenge,
      expectedAud: options.domain,
      expectedVct: identityVct(this.config.publicUrl),
      now,
      nonceUsed: async (nonce) => {
        await this.dataSource.query(`DELETE FROM presentation_nonces WHERE used_at < $1`, [new Date(now.getTime() - NONCE_RETENTION_MS)]);
        const inserted = await this.dataSource.query(
          `INSERT INTO presentation_nonces (nonce_digest, used_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
          [secretDigest(`${options.domain}\n${nonce}`), now],
        );
        return rowsOf(inserted).length === 0;
      },
      statusCheck: async (uri, idx, { iss }) => {
        const prefix = `${this.config.publicUrl}/token-status-lists/`;
        const seq = uri.startsWith(prefix) && /^\d{1,18}$/.test(uri.slice(prefix.length)) ? uri.slice(prefix.length) : undefined;
        const code = this.codeOfIssuer(iss);
        if (!seq || !code) return undefined;
        const { token } = await this.tokens.token(seq, now);
        const kid = decodeJws(token)?.header.kid;
        const metadata = await this.issuers.metadata(code);
        const key = metadata ? issuerKeyFromMetadata(metadata, iss, typeof kid === 'string' ? kid : undefined) : undefined;
        if (!key) return undefined;
        return parseStatusListToken(token, key, { now, expectedUri: uri, expectedIss: iss }).statusAt(idx);
      },
    });
    const issuer = issuerCode ? await this.trust.entryFor(this.dids.didForCode(issuerCode)) : null;
    const problems = result.problems.map(problemOf);
    if (revokedKey) problems.unshift(revokedKey);
    if (result.verified && !issuer) problems.push({ type: 'urn:xueji:problem:untrusted-issuer', title: 'Issuer not on the trust list', detail: 'the issuer is not an education authority of this register' });
    const verified = result.verified && issuer !== null;
    const status: StatusSummary = result.problems.some((p) => p.code === 'STATUS_REVOKED')
      ? 'revoked'
      : result.problems.some((p) => p.code === 'STATUS_SUSPENDED')
        ? 'suspended'
        : result.problems.some((p) => p.code === 'STATUS_UNKNOWN')
          ? 'unknown'
          : 'valid';
    return {
      verified,
      checks: verified ? ['structure', 'proof', 'credentials'] : ['structure'],
      problemDetails: problems,
      warnings: [],
      credentialResults: [
        {
          verified,
          status,
          checks: verified ? ['proof', 'disclosures', 'keyBinding', 'validFrom', 'validUntil', 'revocation', 'suspension', 'trustedIssuer'] : [],
          problemDetails: problems,
          warnings: [],
          ...(verified ? { claims: result.claims, issuer: { ...issuer, trusted: true } } : {}),
        },
      ],
    };
  }

  /** `${publicUrl}/issuers/330106` → 330106 for our own authorities; null for anyone else. */
  private codeOfIssuer(iss: string): string | null {
    const prefix = `${this.config.publicUrl}/issuers/`;
    return iss.startsWith(prefix) && /^\d{6}$/.test(iss.slice(prefix.length)) ? iss.slice(prefix.length) : null;
  }

  private issuerCodeOf(presentation: string): string | null {
    const iss = decodeJws(presentation.split('~')[0])?.payload.iss;
    return typeof iss === 'string' ? this.codeOfIssuer(iss) : null;
  }
}

function problemOf(problem: SdJwtProblem): VerificationProblem {
  return { type: `${PROBLEM_BASE}${problem.code.toLowerCase().replaceAll('_', '-')}`, title: problem.code, detail: problem.detail };
}

function refused(problems: SdJwtProblem[]): PresentationVerificationReport {
  return { verified: false, checks: [], problemDetails: problems.map(problemOf), warnings: [], credentialResults: [] };
}



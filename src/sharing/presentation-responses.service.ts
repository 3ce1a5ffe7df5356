import { Inject, Injectable } from '@nestjs/common';
import { parseOpenid4vpAuthorizationResponse, type Openid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { DataSource, type EntityManager } from 'typeorm';
import { PresentationVerificationService, type PresentationVerificationReport } from '../certificates/presentation-verification.service.js';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, UnprocessableError } from '../common/errors/domain-error.js';
import { todayInChina } from '../common/time/china-date.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { rowsOf } from '../database/rows.js';
import { deriveSubkey } from '../identity/domain/secret-box.js';
import { decodeJws } from '../identity/sd-jwt/domain/es256.js';
import { needsGuardianConsent } from '../student-identity/domain/offers.js';
import { sdJwtSignatureDigest, sdProofSignatureDigest } from '../student-identity/domain/signature-digest.js';
import { IdentityCredentialsService } from '../student-identity/identity-credentials.service.js';
import { SdJwtPresentationsService } from '../student-identity/sd-jwt-presentations.service.js';
import { AccessLogService } from './access-log.service.js';
import { useRefusal, type ApprovalStatus } from './domain/approval.js';
import { CREDENTIAL_QUERY_IDS, disclosedOutside, disclosedSubject, resultClaims, type PresentationFormat } from './domain/claim-paths.js';
import { pairwiseSubject } from './domain/pairwise.js';
import { PresentationRequestsService, RESULT_SECONDS, type PresentationRequestRow } from './presentation-requests.service.js';

interface Verified {
  format: PresentationFormat;
  claims: Record<string, unknown>;
  holder: NonNullable<Awaited<ReturnType<IdentityCredentialsService['holderOf']>>>;
}

/**
 * The response endpoint of OpenID4VP requests (`direct_post`). A request is answered once: the
 * first answer consumes it, right or wrong. Then, in order: the answer's shape against the DCQL
 * query; the presentation's nonce and audience (the request's, not another's); signature, holder
 * binding, validity, status and trusted issuer (the services of POST /presentations/verify);
 * that nothing outside the request was disclosed; that the register issued the copy; for a
 * student under 14, a guardian's recorded consent; the approval still active, within its period
 * and volume (`used` incremented in the same statement that checks it) and covering the student's
 * region. The result keeps only the requested claims and the pairwise subject.
 */
@Injectable()
export class PresentationResponsesService {
  private readonly pairwiseKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly requests: PresentationRequestsService,
    private readonly log: AccessLogService,
    private readonly sdJwt: SdJwtPresentationsService,
    private readonly w3c: PresentationVerificationService,
    private readonly credentials: IdentityCredentialsService,
  ) {
    this.pairwiseKey = deriveSubkey(config.masterKey, 'xueji/sharing-pairwise/v1');
  }

  async answer(id: string, body: Record<string, unknown>, now = new Date()): Promise<Record<string, never>> {
    const row = await this.consume(id, now);
    // Whom the answer concerns, once the register knows the credential: the holder sees the entry too.
    const known: { studentId: string | null } = { studentId: null };
    try {
      const verified = await this.verify(row, body, now, known);
      const subject = pairwiseSubject(this.pairwiseKey, row.relying_system_id, verified.holder.studentId);
      const result = resultClaims(verified.format, disclosedSubject(verified.format, verified.claims), row.claims);
      await this.dataSource.transaction(async (em) => {
        const [approval] = rowsOf<{ region_path: string }>(
          await em.query(
            `UPDATE sharing_approvals SET used = used + 1
              WHERE id = $1 AND status = 'active' AND valid_until >= $2::date AND used < volume_limit RETURNING region_path`,
            [row.approval_id, todayInChina(now)],
          ),
        );
        if (!approval) throw await this.approvalRefusal(em, row.approval_id, now);
        if (!verified.holder.scopePath.startsWith(approval.region_path)) {
          throw new ForbiddenError("the student is not of the approval's region", 'OUTSIDE_REGION');
        }
        await em.query(
          `UPDATE sharing_presentation_requests SET state = 'answered', format = $2, result = $3, subject = $4, result_expires_at = $5 WHERE id = $1`,
          [row.id, verified.format, JSON.stringify(result), subject, new Date(now.getTime() + RESULT_SECONDS * 1000)],
        );
        await this.log.append({ relyingSystemId: row.relying_system_id, approvalId: row.approval_id, event: 'presentation.answer', outcome: 'allowed', claims: Object.keys(result), subject, studentId: verified.holder.studentId }, em);
      });
      return {};
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'VERIFIER_ERROR';
      await this.dataSource.query(`UPDATE sharing_presentation_requests SET state = 'refused', refusal_code = $2 WHERE id = $1`, [row.id, code]);
      await this.log.refused({ relyingSystemId: row.relying_system_id, approvalId: row.approval_id, event: 'presentation.answer', code, claims: row.claims, studentId: known.studentId });
      throw error;
    }
  }

  /** Takes the request for this answer, once; a second answer, or a late one, is refused and logged. */
  private async consume(id: string, now: Date): Promise<PresentationRequestRow> {
    const [row] = rowsOf<PresentationRequestRow>(
      await this.dataSource.query(
        `UPDATE sharing_presentation_requests SET state = 'answering', answered_at = $2 WHERE id = $1 AND state = 'pending' AND expires_at > $2 RETURNING *`,
        [id, now],
      ),
    );
    if (row) return row;
    const [existing] = rowsOf<PresentationRequestRow>(await this.dataSource.query(`SELECT * FROM sharing_presentation_requests WHERE id = $1`, [id]));
    if (!existing) throw new NotFoundError('Presentation request');
    const error =
      existing.state === 'pending'
        ? new ConflictError('REQUEST_EXPIRED', 'the presentation request has expired')
        : new ConflictError('REQUEST_ALREADY_ANSWERED', 'the presentation request was answered before: its nonce is used');
    await this.log.refused({ relyingSystemId: existing.relying_system_id, approvalId: existing.approval_id, event: 'presentation.answer', code: error.code, claims: existing.claims });
    throw error;
  }

  private async verify(row: PresentationRequestRow, body: Record<string, unknown>, now: Date, known: { studentId: string | null }): Promise<Verified> {
    const request = row.authorization_request as Openid4vpAuthorizationRequest;
    const parsed = await parseOpenid4vpAuthorizationResponse({
      authorizationResponse: body,
      authorizationRequestPayload: request,
      callbacks: { verifyJwt: unsupported, decryptJwe: unsupported },
    }).catch(() => {
      // The library's message may quote the answer, which may hold personal data: not repeated.
      throw new UnprocessableError('PRESENTATION_INVALID', 'the answer does not fit the request: a DCQL vp_token with one of its credential query ids');
    });
    if (parsed.type !== 'dcql') throw new UnprocessableError('PRESENTATION_INVALID', 'the answer must be a DCQL vp_token');
    if (body.state !== undefined && body.state !== row.id) throw new UnprocessableError('PRESENTATION_INVALID', 'the answer carries another request’s state');
    const answered = Object.entries(parsed.dcql.presentations);
    const format = (Object.keys(CREDENTIAL_QUERY_IDS) as PresentationFormat[]).find((f) => answered[0]?.[0] === CREDENTIAL_QUERY_IDS[f]);
    if (answered.length !== 1 || answered[0][1].length !== 1 || !format) {
      throw new UnprocessableError('PRESENTATION_INVALID', 'answer with exactly one presentation of one credential query');
    }
    const presentation = answered[0][1][0];
    const clientId = this.requests.clientId();
    const { report, claims, digest } =
      format === 'dc+sd-jwt' ? await this.verifySdJwt(presentation, row.nonce, clientId, now) : await this.verifyW3c(presentation, row.nonce, clientId, now);
    const credential = report.credentialResults[0];
    if (!report.verified || !credential?.verified) {
      if (credential?.status === 'revoked' || credential?.status === 'suspended') {
        throw new UnprocessableError('CREDENTIAL_NOT_VALID', `the credential is ${credential.status}`);
      }
      if (credential && credential.issuer?.trusted === false) throw new UnprocessableError('UNTRUSTED_ISSUER', 'the issuer is not on the trust list');
      throw new UnprocessableError('PRESENTATION_INVALID', `the presentation does not verify: ${report.problemDetails.map((p) => p.title).join('; ')}`);
    }
    if (credential.issuer?.trusted !== true) throw new UnprocessableError('UNTRUSTED_ISSUER', 'the issuer is not on the trust list');
    const outside = disclosedOutside(format, disclosedSubject(format, claims), row.claims);
    if (outside.length > 0) throw new UnprocessableError('EXTRA_DISCLOSURE', `disclosed beyond the request: ${outside.join(', ')}`);
    const holder = await this.credentials.holderOf(digest);
    if (!holder) throw new UnprocessableError('UNKNOWN_CREDENTIAL', 'the register did not issue this credential');
    known.studentId = holder.studentId;
    if (needsGuardianConsent(holder.birthDate, now) && !holder.guardianConsent) {
      throw new ForbiddenError('the student is under 14 and no guardian’s consent is recorded', 'GUARDIAN_CONSENT_REQUIRED');
    }
    return { format, claims, holder };
  }

  private async verifySdJwt(presentation: unknown, nonce: string, clientId: string, now: Date) {
    if (typeof presentation !== 'string') throw new UnprocessableError('PRESENTATION_INVALID', 'an SD-JWT VC presentation is a string');
    const kb = decodeJws(presentation.slice(presentation.lastIndexOf('~') + 1))?.payload;
    if (!kb) throw new UnprocessableError('PRESENTATION_INVALID', 'the SD-JWT presentation has no key binding JWT');
    bindingOf(kb.nonce, kb.aud, nonce, clientId);
    const report = await this.sdJwt.verify(presentation, { challenge: nonce, domain: clientId }, now);
    return { report, claims: report.credentialResults[0]?.claims ?? {}, digest: sdJwtSignatureDigest(presentation) };
  }

  private async verifyW3c(presentation: unknown, nonce: string, clientId: string, now: Date) {
    if (typeof presentation !== 'object' || presentation === null) throw new UnprocessableError('PRESENTATION_INVALID', 'a W3C presentation is a JSON object');
    const vp = presentation as Record<string, unknown>;
    const proof = (Array.isArray(vp.proof) ? vp.proof[0] : vp.proof) as Record<string, unknown> | undefined;
    bindingOf(proof?.challenge, proof?.domain, nonce, clientId);
    const credentials = Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [vp.verifiableCredential];
    const credential = credentials[0] as Record<string, unknown> | undefined;
    const types = Array.isArray(credential?.type) ? credential.type : [credential?.type];
    if (credentials.length !== 1 || !types.includes('StudentIdentityCredential')) {
      throw new UnprocessableError('PRESENTATION_INVALID', 'present exactly one student identity credential');
    }
    const report: PresentationVerificationReport = await this.w3c.verify(vp, { challenge: nonce, domain: clientId }, now);
    const subject = (credential!.credentialSubject ?? {}) as Record<string, unknown>;
    return { report, claims: subject, digest: sdProofSignatureDigest((credential!.proof as { proofValue?: unknown } | undefined)?.proofValue) };
  }

  private async approvalRefusal(em: EntityManager, approvalId: string, now: Date): Promise<DomainError> {
    const [a] = await em.query(`SELECT status, claims, region_path, valid_until::text AS valid_until, volume_limit, used FROM sharing_approvals WHERE id = $1`, [approvalId]);
    const refusal = useRefusal(
      { status: a.status as ApprovalStatus, claims: a.claims, regionPath: a.region_path, validUntil: a.valid_until, volumeLimit: a.volume_limit, used: a.used },
      [],
      todayInChina(now),
    );
    return new ForbiddenError(refusal?.message ?? 'the approval does not allow this use', refusal?.code ?? 'APPROVAL_NOT_ACTIVE');
  }
}

/** The presentation must be made for this request: its nonce (once) and this verifier as audience. */
function bindingOf(presentedNonce: unknown, presentedAudience: unknown, nonce: string, clientId: string): void {
  if (presentedNonce !== nonce) throw new UnprocessableError('NONCE_MISMATCH', 'the presentation was made for another request’s nonce');
  const audiences = Array.isArray(presentedAudience) ? presentedAudience : [presentedAudience];
  if (!audiences.includes(clientId)) throw new UnprocessableError('AUDIENCE_MISMATCH', `the presentation was made for another audience than ${clientId}`);
}

async function unsupported(): Promise<never> {
  throw new Error('encrypted or signed responses are not accepted (response_mode direct_post)');
}

import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { setGlobalConfig } from '@openid4vc/oauth2';
import { createOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import type { z } from 'zod';
import { DataSource } from 'typeorm';
import { DomainError, ForbiddenError, NotFoundError } from '../common/errors/domain-error.js';
import { todayInChina } from '../common/time/china-date.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { rowsOf } from '../database/rows.js';
import { DidService } from '../identity/did.service.js';
import { IssuerSignerService } from '../identity/issuer-signer.service.js';
import { encodeJws, p256PublicJwk } from '../identity/sd-jwt/domain/es256.js';
import { pathCodes } from '../platform/organisations/domain/org-level.js';
import { OrganisationsService, ROOT_CODE } from '../platform/organisations/organisations.service.js';
import { identityVct } from '../student-identity/domain/configurations.js';
import { AccessLogService } from './access-log.service.js';
import type { ApprovalRow } from './approvals.service.js';
import { useRefusal } from './domain/approval.js';
import { dcqlQuery } from './domain/claim-paths.js';
import type { ShareableClaim } from './domain/claims.js';
import type { CreatePresentationRequestRequest } from './dto/sharing.dto.js';
import type { RelyingSystemRow } from './relying-systems.service.js';

/** A request lives five minutes: long enough to scan a QR code and confirm, short for a replay. */
export const REQUEST_SECONDS = 300;
/** A result waits ten minutes for its relying system, then it is erased. */
export const RESULT_SECONDS = 600;

export interface PresentationRequestRow {
  id: string;
  relying_system_id: string;
  approval_id: string;
  claims: ShareableClaim[];
  nonce: string;
  authorization_request: Record<string, unknown>;
  request_object: string;
  state: 'pending' | 'answering' | 'answered' | 'refused';
  expires_at: Date | string;
  answered_at: Date | string | null;
  refusal_code: string | null;
  format: 'dc+sd-jwt' | 'ldp_vc' | null;
  result: Record<string, unknown> | null;
  subject: string | null;
  result_expires_at: Date | string | null;
}

const APPROVAL_COLUMNS = `id, relying_system_id, claims, purpose, legal_basis, region_path, valid_until::text AS valid_until, volume_limit, used, status, approver_path`;

/**
 * OpenID4VP 1.0 presentation requests (on @openid4vc/openid4vp) that a relying system makes within
 * one of its approvals. The service is the verifier back-end: the client identifier is
 * `decentralized_identifier:<the root authority's did:web>` and the request object is signed by
 * that authority's P-256 key — the DID that also signs the trust list, so a wallet that knows the
 * register's root can check a request offline. The signed object names the relying system, the
 * purpose and the approval (who approved, legal basis, until when) in `verifier_info`, so what the
 * wallet shows is the register's statement, not the relying system's. DCQL asks for the claims in
 * either format; the answer comes by `direct_post` to a response URI of this request alone.
 */
@Injectable()
export class PresentationRequestsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly issuers: IssuerSignerService,
    private readonly dids: DidService,
    private readonly log: AccessLogService,
  ) {
    if (config.publicUrl.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
  }

  clientId(): string {
    return `decentralized_identifier:${this.dids.didForCode(ROOT_CODE)}`;
  }

  async create(system: RelyingSystemRow, input: z.output<typeof CreatePresentationRequestRequest>, now = new Date()) {
    const [approval] = rowsOf<ApprovalRow>(
      await this.dataSource.query(`SELECT ${APPROVAL_COLUMNS} FROM sharing_approvals WHERE id = $1 AND relying_system_id = $2`, [input.approvalId, system.id]),
    );
    if (!approval) {
      await this.log.refused({ relyingSystemId: system.id, approvalId: null, event: 'request.create', code: 'APPROVAL_NOT_FOUND', claims: input.claims });
      throw new NotFoundError('Approval');
    }
    const refusal = useRefusal(
      { status: approval.status, claims: approval.claims, regionPath: approval.region_path, validUntil: approval.valid_until, volumeLimit: approval.volume_limit, used: approval.used },
      input.claims,
      todayInChina(now),
    );
    if (refusal) {
      await this.log.refused({ relyingSystemId: system.id, approvalId: approval.id, event: 'request.create', code: refusal.code, claims: input.claims });
      throw new ForbiddenError(refusal.message, refusal.code);
    }
    const id = randomUUID();
    const nonce = randomBytes(32).toString('base64url');
    const created = await this.signedRequest(system, approval, { id, nonce, claims: input.claims }, now);
    const expiresAt = new Date(now.getTime() + REQUEST_SECONDS * 1000);
    await this.dataSource.transaction(async (em) => {
      // Results nobody collected in time are erased, whoever asks next.
      await em.query(`UPDATE sharing_presentation_requests SET result = NULL, subject = NULL WHERE result IS NOT NULL AND result_expires_at <= $1`, [now]);
      await em.query(
        `INSERT INTO sharing_presentation_requests (id, relying_system_id, approval_id, claims, nonce, authorization_request, request_object, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, system.id, approval.id, input.claims, nonce, JSON.stringify(created.authorizationRequestPayload), created.jar!.authorizationRequestJwt, now, expiresAt],
      );
      await this.log.append({ relyingSystemId: system.id, approvalId: approval.id, event: 'request.create', outcome: 'allowed', claims: input.claims }, em);
    });
    return { id, requestUri: created.authorizationRequest, clientId: this.clientId(), expiresAt: expiresAt.toISOString() };
  }

  /** The signed request object, for the wallet (public: it carries nothing personal); while pending. */
  async requestObject(id: string, now = new Date()): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT request_object FROM sharing_presentation_requests WHERE id = $1 AND state = 'pending' AND expires_at > $2`, [id, now]);
    if (!row) throw new NotFoundError('Presentation request');
    return row.request_object as string;
  }

  /** The answer, for the relying system that asked: only the disclosed claims and the pairwise subject. */
  async result(system: RelyingSystemRow, id: string, now = new Date()) {
    const [row] = rowsOf<PresentationRequestRow>(
      await this.dataSource.query(`SELECT * FROM sharing_presentation_requests WHERE id = $1 AND relying_system_id = $2`, [id, system.id]),
    );
    if (!row) throw new NotFoundError('Presentation request');
    if (row.result_expires_at && new Date(row.result_expires_at) <= now) {
      await this.dataSource.query(`UPDATE sharing_presentation_requests SET result = NULL, subject = NULL WHERE id = $1`, [id]);
      await this.log.refused({ relyingSystemId: system.id, approvalId: row.approval_id, event: 'result.collect', code: 'RESULT_EXPIRED' });
      throw new DomainError('not_found', 'RESULT_EXPIRED', 'the result has expired and was erased');
    }
    if (row.state === 'answered') {
      await this.log.append({ relyingSystemId: system.id, approvalId: row.approval_id, event: 'result.collect', outcome: 'allowed', claims: Object.keys(row.result ?? {}), subject: row.subject });
    }
    const done = row.state === 'answered' || row.state === 'refused';
    const unanswered = row.state === 'pending' && new Date(row.expires_at) <= now;
    return {
      id: row.id,
      approvalId: row.approval_id,
      state: done ? row.state : unanswered ? ('refused' as const) : ('pending' as const),
      format: done ? row.format : null,
      claims: row.state === 'answered' ? row.result : null,
      subject: row.state === 'answered' ? row.subject : null,
      refusalCode: unanswered ? 'REQUEST_EXPIRED' : row.refusal_code,
      answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
      expiresAt: new Date(row.result_expires_at ?? row.expires_at).toISOString(),
    };
  }

  /** The authorization request and its signed request object (JAR), by the root authority's P-256 key. */
  private async signedRequest(system: RelyingSystemRow, approval: ApprovalRow, request: { id: string; nonce: string; claims: ShareableClaim[] }, now: Date) {
    const root = await this.organisations.root();
    const signer = await this.issuers.signerFor({ id: root.id, code: root.code, name: root.name }, 'P-256');
    return createOpenid4vpAuthorizationRequest({
      authorizationRequestPayload: {
        response_type: 'vp_token',
        client_id: this.clientId(),
        response_mode: 'direct_post',
        response_uri: `${this.config.publicUrl}/sharing/oid4vp/responses/${request.id}`,
        nonce: request.nonce,
        state: request.id,
        dcql_query: dcqlQuery(request.claims, identityVct(this.config.publicUrl)),
        client_metadata: {
          client_name: system.name,
          vp_formats_supported: {
            'dc+sd-jwt': { 'sd-jwt_alg_values': ['ES256'], 'kb-jwt_alg_values': ['ES256'] },
            ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['ecdsa-sd-2023', 'ecdsa-rdfc-2019'] },
          },
        },
        verifier_info: [{ format: 'xueji_sharing_approval', data: await this.approvalStatement(system, approval) }],
      },
      jar: {
        requestUri: `${this.config.publicUrl}/sharing/oid4vp/requests/${request.id}`,
        jwtSigner: { method: 'did', didUrl: signer.id, alg: 'ES256' },
        expiresInSeconds: REQUEST_SECONDS,
        additionalJwtPayload: { aud: 'https://self-issued.me/v2' },
      },
      callbacks: {
        signJwt: async (_signer, jwt) => ({ jwt: encodeJws(jwt.header, jwt.payload, signer.key), signerJwk: { ...p256PublicJwk(signer.key) } }),
        encryptJwe: async () => {
          throw new Error('request objects are signed, not encrypted');
        },
      },
      now,
    });
  }

  /** What the wallet shows: who asks, for what, under whose approval (no personal data). */
  private async approvalStatement(system: RelyingSystemRow, approval: ApprovalRow) {
    const approver = approval.approver_path ? await this.organisations.findVisible(null, pathCodes(approval.approver_path).at(-1)!) : null;
    const region = await this.organisations.findVisible(null, pathCodes(approval.region_path).at(-1)!);
    return {
      relyingSystem: { clientId: system.client_id, name: system.name, operator: system.operator },
      purpose: approval.purpose,
      approval: {
        id: approval.id,
        approvingOrganisation: approver ? { code: approver.code, name: approver.name } : null,
        legalBasis: approval.legal_basis,
        region: region ? { code: region.code, name: region.name } : null,
        validUntil: approval.valid_until,
      },
    };
  }
}

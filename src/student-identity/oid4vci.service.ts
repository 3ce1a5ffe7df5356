import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Oauth2AuthorizationServer,
  Oauth2ErrorCodes,
  Oauth2ResourceServer,
  Oauth2ResourceUnauthorizedError,
  Oauth2ServerErrorResponseError,
  clientAuthenticationAnonymous,
  preAuthorizedCodeGrantIdentifier,
  setGlobalConfig,
  type CallbackContext,
  type HttpMethod,
  type Jwk,
  type JwtSigner,
  type RequestLike,
} from '@openid4vc/oauth2';
import { Openid4vciIssuer, Openid4vciVersion, type IssuerMetadataResult } from '@openid4vc/openid4vci';
import * as jose from 'jose';
import { rowsOf } from '../database/rows.js';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { xuejiIdentityContextUrl } from '../identity/contexts/xueji-identity-v1.js';
import type { P256Signer } from '../identity/domain/p256-keys.js';
import { IssuerSignerService } from '../identity/issuer-signer.service.js';
import { decodeJws, encodeJws } from '../identity/sd-jwt/domain/es256.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import {
  authorizationServerMetadata,
  credentialIssuerMetadata,
  formatOf,
  IDENTITY_CONFIGURATIONS,
  type IdentityConfigurationId,
} from './domain/configurations.js';
import { didKeyJwk, jwkThumbprint, publicJwkOf } from './domain/holder-keys.js';
import { ACCESS_TOKEN_TTL_SECONDS, afterWrongTxCode, BATCH_SIZE, NONCE_TTL_SECONDS, newNonce, redemptionProblem, secretDigest, TX_CODE_LENGTH } from './domain/offers.js';
import { IdentityCredentialsService, type HolderKey } from './identity-credentials.service.js';

/** What an OAuth/OpenID4VCI endpoint answers: a status and a JSON body (an error is `{error, error_description}`). */
export interface ProtocolAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

interface OfferRow {
  id: string;
  student_id: string;
  scope_path: string;
  configuration_ids: string[];
  tx_code_digest: string;
  tx_code_failures: number;
  state: 'offered' | 'redeemed' | 'locked' | 'cancelled';
  issued_configurations: string[];
  expires_at: Date;
  token_expires_at: Date | null;
}

const REDEMPTION_WORDS: Record<string, string> = {
  OFFER_USED: 'this offer was already redeemed',
  OFFER_LOCKED: 'this offer is locked after too many wrong transaction codes; ask the school for a new one',
  OFFER_CANCELLED: 'this offer was cancelled',
  OFFER_EXPIRED: 'this offer has expired; ask the school for a new one',
};

/**
 * The OpenID4VCI credential issuer and its OAuth 2.0 authorisation server (pre-authorised code
 * flow), on @openid4vc/openid4vci and @openid4vc/oauth2. The libraries parse and check the
 * protocol messages; this service keeps the state they leave to us, in PostgreSQL: offers and
 * their codes (digests), the transaction-code attempts, single-use c_nonces, issued copies.
 *
 * Access tokens are JWTs signed by the deployment's root authority (P-256), five minutes long,
 * bearer, with the offer's id as `sub`; the jwks is served at /oid4vci/jwks and read in-process.
 */
@Injectable()
export class Oid4vciService {
  private readonly logger = new Logger('OID4VCI');
  private readonly callbacks: Omit<CallbackContext, 'encryptJwe' | 'decryptJwe'>;
  private readonly issuer: Openid4vciIssuer;
  private readonly authorizationServer: Oauth2AuthorizationServer;
  private readonly resourceServer: Oauth2ResourceServer;
  private readonly publicUrl: string;
  private metadataResult: IssuerMetadataResult | undefined;
  private metadata: { issuer: ReturnType<Openid4vciIssuer['createCredentialIssuerMetadata']>; as: ReturnType<Oauth2AuthorizationServer['createAuthorizationServerMetadata']> } | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly signers: IssuerSignerService,
    private readonly organisations: OrganisationsService,
    private readonly credentials: IdentityCredentialsService,
    private readonly audit: AuditService,
  ) {
    this.publicUrl = config.publicUrl;
    // The libraries refuse http URLs; a deployment serves https, a developer's machine may not.
    if (this.publicUrl.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
    this.callbacks = {
      hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      generateRandom: (bytes) => randomBytes(bytes),
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt: (signer, jwt) => this.signJwt(signer, jwt),
      verifyJwt: (signer, jwt) => verifyJwt(signer, jwt),
      // Only our own jwks is ever fetched, and it is answered in-process: nothing leaves the service.
      fetch: async (input) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (url !== this.asMetadata().jwks_uri) return new Response(null, { status: 404 });
        return Response.json(await this.jwks(), { headers: { 'content-type': 'application/jwk-set+json' } });
      },
    };
    this.issuer = new Openid4vciIssuer({ callbacks: this.callbacks });
    this.authorizationServer = new Oauth2AuthorizationServer({ callbacks: this.callbacks });
    this.resourceServer = new Oauth2ResourceServer({ callbacks: this.callbacks });
  }

  /** Built and validated once: the metadata derive from the public URL alone. */
  credentialIssuerMetadata() {
    this.metadata ??= {
      issuer: this.issuer.createCredentialIssuerMetadata(credentialIssuerMetadata(this.publicUrl, xuejiIdentityContextUrl(this.publicUrl)) as never),
      as: this.authorizationServer.createAuthorizationServerMetadata(authorizationServerMetadata(this.publicUrl)),
    };
    return this.metadata.issuer;
  }

  asMetadata() {
    this.credentialIssuerMetadata();
    return this.metadata!.as;
  }

  async jwks(): Promise<{ keys: Jwk[] }> {
    const signer = await this.tokenSigner();
    return { keys: [{ ...publicJwkOfSigner(signer), kid: signer.id, alg: 'ES256', use: 'sig' } as Jwk] };
  }

  /** The offer object behind a credential_offer_uri (the code in the URL is the pre-authorised code). */
  async offerObject(code: string, now = new Date()): Promise<Record<string, unknown> | null> {
    const [offer]: OfferRow[] = await this.dataSource.query(`SELECT * FROM identity_offers WHERE pre_authorized_code_digest = $1`, [secretDigest(code)]);
    if (!offer || redemptionProblem(offerState(offer), now)) return null;
    const { credentialOfferObject } = await this.issuer.createCredentialOffer({
      issuerMetadata: this.issuerMetadata(),
      credentialConfigurationIds: offer.configuration_ids,
      grants: {
        [preAuthorizedCodeGrantIdentifier]: {
          'pre-authorized_code': code,
          tx_code: { input_mode: 'numeric', length: TX_CODE_LENGTH, description: '学校另行交给您的六位交易码 / the six-digit code the school gave you separately' },
        },
      },
    });
    return credentialOfferObject as unknown as Record<string, unknown>;
  }

  /** The token endpoint: pre-authorised code + transaction code → a five-minute access token. */
  async token(body: Record<string, unknown>, request: RequestLike, now = new Date()): Promise<ProtocolAnswer> {
    return protocol(async () => {
      const parsed = this.authorizationServer.parseAccessTokenRequest({ accessTokenRequest: body, request });
      const grant = parsed.grant;
      if (grant.grantType !== preAuthorizedCodeGrantIdentifier) {
        throw oauthError(Oauth2ErrorCodes.UnsupportedGrantType, 'only the pre-authorised code grant is supported');
      }
      const { preAuthorizedCode, txCode } = grant;
      const outcome = await this.dataSource.transaction(async (em) => {
        const [offer]: OfferRow[] = await em.query(`SELECT * FROM identity_offers WHERE pre_authorized_code_digest = $1 FOR UPDATE`, [secretDigest(preAuthorizedCode)]);
        if (!offer) return { error: oauthError(Oauth2ErrorCodes.InvalidGrant, 'unknown pre-authorised code') };
        const problem = redemptionProblem(offerState(offer), now);
        if (problem) return { error: oauthError(Oauth2ErrorCodes.InvalidGrant, REDEMPTION_WORDS[problem]) };
        if (!txCode || !sameDigest(secretDigest(txCode), offer.tx_code_digest)) {
          // Counted and committed even though the request fails: guessing has a hard limit.
          const next = afterWrongTxCode(offer.tx_code_failures);
          await em.query(`UPDATE identity_offers SET tx_code_failures = $2, state = $3 WHERE id = $1`, [offer.id, next.failures, next.state]);
          await this.audit.append(em, null, {
            action: next.state === 'locked' ? 'identity.offer_locked' : 'identity.offer_wrong_tx_code',
            recordType: 'student',
            recordId: offer.student_id,
            scopePath: offer.scope_path,
            details: { offerId: offer.id, failures: next.failures },
          });
          return { error: oauthError(Oauth2ErrorCodes.InvalidGrant, txCode ? 'wrong transaction code' : 'tx_code is required') };
        }
        await this.authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
          authorizationServerMetadata: this.asMetadata(),
          grant,
          accessTokenRequest: parsed.accessTokenRequest,
          request,
          expectedPreAuthorizedCode: preAuthorizedCode,
          expectedTxCode: txCode,
          preAuthorizedCodeExpiresAt: new Date(offer.expires_at),
          now,
        });
        const tokenExpiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
        await em.query(`UPDATE identity_offers SET state = 'redeemed', redeemed_at = $2, token_expires_at = $3 WHERE id = $1`, [offer.id, now, tokenExpiresAt]);
        await this.audit.append(em, null, {
          action: 'identity.offer_redeemed',
          recordType: 'student',
          recordId: offer.student_id,
          scopePath: offer.scope_path,
          details: { offerId: offer.id },
        });
        return { offer };
      });
      if ('error' in outcome) throw outcome.error;
      const signer = await this.tokenSigner();
      const response = await this.authorizationServer.createAccessTokenResponse({
        audience: this.publicUrl,
        authorizationServer: this.publicUrl,
        signer: { method: 'jwk', alg: 'ES256', publicJwk: publicJwkOfSigner(signer), kid: signer.id } as never,
        subject: outcome.offer.id,
        expiresInSeconds: ACCESS_TOKEN_TTL_SECONDS,
        now,
      });
      return { status: 200, body: response as Record<string, unknown>, headers: { 'Cache-Control': 'no-store' } };
    });
  }

  /** The nonce endpoint: a fresh single-use c_nonce. */
  async nonce(now = new Date()): Promise<ProtocolAnswer> {
    const cNonce = newNonce();
    await this.dataSource.query(`DELETE FROM oid4vci_nonces WHERE expires_at < $1`, [now]);
    await this.dataSource.query(`INSERT INTO oid4vci_nonces (nonce_digest, expires_at) VALUES ($1, $2)`, [secretDigest(cNonce), new Date(now.getTime() + NONCE_TTL_SECONDS * 1000)]);
    return { status: 200, body: this.issuer.createNonceResponse({ cNonce, cNonceExpiresIn: NONCE_TTL_SECONDS }) as Record<string, unknown>, headers: { 'Cache-Control': 'no-store' } };
  }

  /** The credential endpoint: one copy per proof (up to the batch size), each bound to its proof's key. */
  async credential(body: Record<string, unknown>, request: RequestLike, now = new Date()): Promise<ProtocolAnswer> {
    return protocol(async () => {
      const { tokenPayload } = await this.resourceServer.verifyResourceRequest({
        request,
        resourceServer: this.publicUrl,
        authorizationServers: [this.asMetadata()],
        now,
      });
      const issuerMetadata = this.issuerMetadata();
      const parsed = this.issuer.parseCredentialRequest({ issuerMetadata, credentialRequest: body });
      const configurationId = parsed.credentialConfigurationId as IdentityConfigurationId | undefined;
      if (!configurationId || !IDENTITY_CONFIGURATIONS.includes(configurationId)) {
        throw oauthError('invalid_credential_request', 'credential_configuration_id must name one of the offered configurations');
      }
      const jwts = parsed.proofs?.jwt ?? [];
      if (jwts.length === 0) throw oauthError('invalid_proof', 'a jwt proof of possession of the holder key is required');
      if (jwts.length > BATCH_SIZE) throw oauthError('invalid_credential_request', `at most ${BATCH_SIZE} proofs (copies) per request`);
      const holders: HolderKey[] = [];
      const nonces = new Set<string>();
      for (const jwt of jwts) {
        const nonce = decodeJws(jwt)?.payload.nonce;
        if (typeof nonce !== 'string') throw oauthError('invalid_nonce', 'each proof must carry a c_nonce from the nonce endpoint');
        const verified = await this.issuer.verifyCredentialRequestJwtProof({ issuerMetadata, jwt, expectedNonce: nonce, now });
        nonces.add(nonce);
        holders.push(holderKeyOf(formatOf(configurationId), verified.signer));
      }
      if (nonces.size !== 1) throw oauthError('invalid_proof', 'all proofs of one request carry the same c_nonce');
      const issued = await this.dataSource.transaction(async (em) => {
        const offer = await this.offerForToken(em, String(tokenPayload.sub ?? ''), configurationId, now);
        const consumed = rowsOf(await em.query(`DELETE FROM oid4vci_nonces WHERE nonce_digest = $1 AND expires_at > $2 RETURNING 1`, [secretDigest([...nonces][0]), now]));
        if (consumed.length === 0) throw oauthError('invalid_nonce', 'the c_nonce is unknown, used or expired; fetch a new one from the nonce endpoint');
        const copies = await this.credentials.issueIn(em, offer.id, offer.student_id, holders, now);
        await em.query(`UPDATE identity_offers SET issued_configurations = array_append(issued_configurations, $2) WHERE id = $1`, [offer.id, configurationId]);
        await this.audit.append(em, null, {
          action: 'identity.credential_issued',
          recordType: 'student',
          recordId: offer.student_id,
          scopePath: offer.scope_path,
          details: { offerId: offer.id, configuration: configurationId, credentialIds: copies.map((c) => c.id) },
        });
        return copies;
      });
      const response = this.issuer.createCredentialResponse({ credentialRequest: parsed, credentials: issued.map((c) => ({ credential: c.credential })) as never });
      return { status: 200, body: response as Record<string, unknown>, headers: { 'Cache-Control': 'no-store' } };
    });
  }

  private async offerForToken(em: EntityManager, offerId: string, configurationId: string, now: Date): Promise<OfferRow> {
    const [offer]: OfferRow[] = UUID.test(offerId) ? await em.query(`SELECT * FROM identity_offers WHERE id = $1 FOR UPDATE`, [offerId]) : [];
    if (!offer || offer.state !== 'redeemed' || !offer.token_expires_at || new Date(offer.token_expires_at) <= now) {
      throw oauthError(Oauth2ErrorCodes.InvalidToken, 'the access token is not valid for an open offer', 401);
    }
    if (!offer.configuration_ids.includes(configurationId)) throw oauthError('invalid_credential_request', 'this offer does not include that credential configuration');
    if (offer.issued_configurations.includes(configurationId)) throw oauthError('invalid_credential_request', 'this offer’s credential of that configuration was already issued');
    return offer;
  }

  private issuerMetadata(): IssuerMetadataResult {
    const credentialIssuer = this.credentialIssuerMetadata();
    this.metadataResult ??= {
      credentialIssuer,
      authorizationServers: [this.asMetadata()],
      originalDraftVersion: Openid4vciVersion.V1,
      knownCredentialConfigurations: this.issuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
    };
    return this.metadataResult;
  }

  private async tokenSigner(): Promise<P256Signer> {
    const root = await this.organisations.root();
    return this.signers.signerFor({ id: root.id, code: root.code, name: root.name, level: root.level }, 'P-256');
  }

  private async signJwt(signer: JwtSigner, jwt: { header: Record<string, unknown>; payload: Record<string, unknown> }) {
    const key = await this.tokenSigner();
    const publicJwk = publicJwkOfSigner(key);
    if (signer.method !== 'jwk' || signer.publicJwk.x !== publicJwk.x) throw new Error('the service signs access tokens with its own key only');
    return { jwt: encodeJws({ ...jwt.header, kid: key.id }, jwt.payload, key.key), signerJwk: publicJwk as Jwk };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function publicJwkOfSigner(signer: P256Signer): { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  const { x, y } = signer.key.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: x!, y: y! };
}


/** JWT signatures for the libraries: a JWK signer (proofs with `jwk`, our access tokens) or a did:key URL. */
async function verifyJwt(signer: JwtSigner, jwt: { compact: string }) {
  const jwk = signer.method === 'jwk' ? publicJwkOf(signer.publicJwk) : signer.method === 'did' ? (didKeyJwk(signer.didUrl)?.jwk ?? null) : null;
  if (!jwk) return { verified: false as const };
  try {
    const alg = jwk.kty === 'EC' ? 'ES256' : 'EdDSA';
    await jose.compactVerify(jwt.compact, await jose.importJWK(jwk, alg), { algorithms: [alg] });
    return { verified: true as const, signerJwk: jwk as Jwk };
  } catch {
    return { verified: false as const };
  }
}

function holderKeyOf(format: 'dc+sd-jwt' | 'ldp_vc', signer: JwtSigner): HolderKey {
  if (format === 'dc+sd-jwt') {
    const jwk = signer.method === 'jwk' ? publicJwkOf(signer.publicJwk) : null;
    if (!jwk || jwk.kty !== 'EC') throw oauthError('invalid_proof', 'an SD-JWT VC is bound to a P-256 key given as the proof’s `jwk` header');
    return { format, jwk, thumbprint: jwkThumbprint(jwk) };
  }
  const didKey = signer.method === 'did' ? didKeyJwk(signer.didUrl) : null;
  if (!didKey) throw oauthError('invalid_proof', 'the W3C credential is bound to a did:key named by the proof’s `kid` header');
  return { format, did: didKey.did };
}

function offerState(offer: OfferRow) {
  return { state: offer.state, expiresAt: new Date(offer.expires_at), txCodeFailures: offer.tx_code_failures };
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}


function oauthError(error: string, description: string, status = 400): Oauth2ServerErrorResponseError {
  return new Oauth2ServerErrorResponseError({ error, error_description: description }, { status } as never);
}

/** Protocol errors answer in OAuth's shape; anything else is a fault of ours and is rethrown. */
async function protocol(run: () => Promise<ProtocolAnswer>): Promise<ProtocolAnswer> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Oauth2ServerErrorResponseError) {
      return { status: error.status ?? 400, body: error.errorResponse as Record<string, unknown>, headers: { 'Cache-Control': 'no-store' } };
    }
    if (error instanceof Oauth2ResourceUnauthorizedError) {
      const header = error.toHeaderValue();
      return { status: 401, body: { error: 'invalid_token', error_description: 'a valid access token is required' }, headers: { 'WWW-Authenticate': header } };
    }
    throw error;
  }
}

export function requestLike(method: string, url: string, headers: Record<string, string | string[] | undefined>): RequestLike {
  const h = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) h.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return { method: method as HttpMethod, url, headers: h };
}

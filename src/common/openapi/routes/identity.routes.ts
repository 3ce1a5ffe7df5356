import { IssuerKeys, RevokeIssuerKeyRequest, RotateIssuerKeyRequest } from '../../../identity/dto/issuer-key.dto.js';
import { CreateIdentityOfferRequest, GuardianConsent, GuardianConsentRequest, IdentityOffer, StudentConsentList } from '../../../student-identity/dto/identity-offer.dto.js';
import { ALL, AUTHORITIES, type Routes } from './operation.js';

/** The identity routes of the OpenAPI document. */
export const IDENTITY_ROUTES: Routes = {
  '/organisations/{code}/keys': {
    get: { summary: "An education authority's signing keys (Ed25519 and P-256), active, retired and revoked, with their verification methods", access: AUTHORITIES, tag: 'identity', ok: { status: 200, schema: IssuerKeys }, errors: [404] },
  },
  '/organisations/{code}/keys/rotation': {
    post: { summary: "Rotate your own authority's key of one algorithm: a new key signs from now on, what the old one signed keeps verifying (audited)", access: AUTHORITIES, tag: 'identity', body: RotateIssuerKeyRequest, ok: { status: 200, schema: IssuerKeys }, errors: [400, 403, 404, 409] },
  },
  '/organisations/{code}/keys/{keyId}/revocation': {
    post: { summary: "Revoke a key of your own authority after a compromise: what it signed from compromisedAt on fails verification with the reason, credentials on record from before keep verifying; an active key is replaced at once and the status lists it signed are signed again (audited)", access: AUTHORITIES, tag: 'identity', body: RevokeIssuerKeyRequest, ok: { status: 200, schema: IssuerKeys }, errors: [400, 403, 404, 409] },
  },
  '/students/{id}/guardian-consents': {
    get: { summary: "A student's guardian consents for the identity credential — paper ones recorded by a school, online ones given by a parent or legal guardian — with their state (withdrawn or standing) and whether one is needed today (under 14); no guardian's name", access: ALL, tag: 'identity', ok: { status: 200, schema: StudentConsentList }, errors: [404] },
    post: { summary: "Record a guardian's consent for a student under 14 (who, relation, when, the signed form's SHA-256), before an identity credential offer; audited without the guardian's name", access: ['school_registrar', 'county_admin'], tag: 'identity', body: GuardianConsentRequest, ok: { status: 201, schema: GuardianConsent }, errors: [400, 404] },
  },
  '/students/{id}/identity-offers': {
    post: { summary: 'Offer the student identity credential (OpenID4VCI pre-authorised code): the offer URL for the QR code and a six-digit transaction code, answered once (the store keeps digests); valid 72 h, single use, locked after 5 wrong codes; under 14 needs a recorded guardian consent (422)', access: ['school_registrar', 'county_admin'], tag: 'identity', body: CreateIdentityOfferRequest, ok: { status: 201, schema: IdentityOffer }, errors: [400, 404, 422] },
  },
  '/.well-known/openid-credential-issuer': {
    get: { summary: 'OpenID4VCI credential issuer metadata: the identity credential as SD-JWT VC (dc+sd-jwt) and as W3C VC with ecdsa-sd-2023 (ldp_vc), batch issuance', access: 'public', tag: 'identity', ok: { status: 200 } },
  },
  '/.well-known/oauth-authorization-server': {
    get: { summary: 'OAuth 2.0 authorisation server metadata (pre-authorised code grant only)', access: 'public', tag: 'identity', ok: { status: 200 } },
  },
  '/oid4vci/offers/{code}': {
    get: { summary: 'The credential offer object behind a QR code, while it can be redeemed', access: 'public', tag: 'identity', ok: { status: 200 }, errors: [404] },
  },
  '/oid4vci/token': {
    post: { summary: 'OAuth 2.0 token endpoint: pre-authorised code + tx_code (form-encoded) → five-minute access token; OAuth errors (invalid_grant…)', access: 'public', tag: 'identity', ok: { status: 200 }, errors: [400] },
  },
  '/oid4vci/nonce': {
    post: { summary: 'OpenID4VCI nonce endpoint: a single-use c_nonce for proofs of possession', access: 'public', tag: 'identity', ok: { status: 200 } },
  },
  '/oid4vci/credential': {
    post: { summary: 'OpenID4VCI credential endpoint (bearer access token): one copy per jwt proof (up to the batch size), each bound to its proof key', access: 'public', tag: 'identity', ok: { status: 200 }, errors: [400, 401] },
  },
  '/oid4vci/jwks': {
    get: { summary: "The authorisation server's access token key (the root authority's P-256 key)", access: 'public', tag: 'identity', ok: { status: 200, contentType: 'application/jwk-set+json' } },
  },
  '/credentials/types/student-identity': {
    get: { summary: "SD-JWT VC type metadata of the identity credential's vct", access: 'public', tag: 'identity', ok: { status: 200 } },
  },
  '/token-status-lists/{seq}': {
    get: { summary: 'IETF Token Status List (statuslist+jwt, 2 bits: 0 valid, 1 revoked, 2 suspended) of a status list, for SD-JWT VCs: the same entries as its Bitstring Status List credentials; ES256 by the issuing authority', access: 'public', tag: 'identity', ok: { status: 200, contentType: 'application/statuslist+jwt' }, errors: [404] },
  },
  '/.well-known/jwt-vc-issuer/issuers/{code}': {
    get: { summary: "JWT VC Issuer Metadata of an education authority: its P-256 keys (active first, retired kept, revoked left out) for SD-JWT VC verifiers", access: 'public', tag: 'identity', ok: { status: 200 }, errors: [404] },
  },
  '/issuers/{code}/did.json': { get: { summary: 'did:web DID document of an issuing organisation', access: 'public', tag: 'identity', ok: { status: 200, contentType: 'application/did+ld+json' }, errors: [404] } },
  '/contexts/xueji/v1': { get: { summary: 'The Xueji JSON-LD context (also bundled offline)', access: 'public', tag: 'identity', ok: { status: 200, contentType: 'application/ld+json' } } },
};

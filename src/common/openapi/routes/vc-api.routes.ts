import { IssueCredentialRequest, IssueCredentialResponse, UpdateCredentialStatusRequest, UpdateCredentialStatusResponse, VerifyCredentialRequest, VerifyCredentialResponse, VerifyPresentationRequest, VerifyPresentationResponse } from '../../../certificates/dto/certificate.dto.js';
import { DeriveCredentialRequest } from '../../../student-identity/dto/identity-offer.dto.js';
import { AUTHORITIES, type Routes } from './operation.js';

/** The vc-api routes of the OpenAPI document. */
export const VC_API_ROUTES: Routes = {
  '/credentials/verify': {
    post: { summary: 'W3C VC API: verify a credential: proof, validity, status, and an issuer on the trust list (422 with problemDetails when it fails; an issuer not on the list fails it, except in conformance mode). The signature checks run on verification threads: past VERIFY_TIMEOUT_MS 422 problem+json VERIFICATION_TIMEOUT; all threads busy and the queue full 503 VERIFICATION_BUSY with Retry-After', access: 'public', tag: 'vc-api', body: VerifyCredentialRequest, ok: { status: 200, schema: VerifyCredentialResponse }, errors: [400, 422, 503] },
  },
  '/presentations/verify': {
    post: { summary: 'W3C VC API: verify a signed presentation (Data Integrity, proof purpose authentication, challenge and domain as given in options) and each credential it holds, status included, identity credentials only from their holder; or an SD-JWT VC with key binding as an EnvelopedVerifiablePresentation (data:application/dc+sd-jwt,…; options.challenge = KB nonce, used once; options.domain = aud). 422 with problemDetails when it fails; an unsigned presentation fails. Time limit and busy answers as for /credentials/verify (422 VERIFICATION_TIMEOUT, 503 VERIFICATION_BUSY)', access: 'public', tag: 'vc-api', body: VerifyPresentationRequest, ok: { status: 200, schema: VerifyPresentationResponse }, errors: [400, 422, 503] },
  },
  '/credentials/issue': {
    post: { summary: "W3C VC API: sign a VC 2.0 credential as your authority's own DID (given id and issuer kept, urn:uuid id added when missing), always with revocation and suspension BitstringStatusListEntry entries. Without a token only in conformance mode, for its did:key issuer", access: AUTHORITIES, tag: 'vc-api', body: IssueCredentialRequest, ok: { status: 201, schema: IssueCredentialResponse }, errors: [400, 409] },
  },
  '/credentials/status': {
    post: { summary: 'W3C VC API: set (or, for suspension, clear) a status of a credential your authority issued. Without a token only in conformance mode, for its did:key issuer (reason optional)', access: AUTHORITIES, tag: 'vc-api', body: UpdateCredentialStatusRequest, ok: { status: 200, schema: UpdateCredentialStatusResponse }, errors: [400, 404, 409] },
  },
  '/status-lists/{seq}/{purpose}': {
    get: { summary: 'A signed BitstringStatusListCredential (revocation or suspension), cached 30 s with an ETag', access: 'public', tag: 'vc-api', ok: { status: 200, contentType: 'application/vc+ld+json' }, errors: [404] },
  },
  '/trust-list': {
    get: { summary: "The trust list: a credential signed by the root authority (pin its DID) naming every education authority of the register by DID, with name, level, region and standing, and every school with its supervising authority; valid a day, cached 5 min with an ETag", access: 'public', tag: 'vc-api', ok: { status: 200, contentType: 'application/vc+ld+json' } },
  },
  '/credentials/derive': {
    post: { summary: 'W3C VC API: derive a selective disclosure (selectivePointers) from an ecdsa-sd-2023 base credential; public and stateless. Runs on the verification threads: past VERIFY_TIMEOUT_MS 422 VERIFICATION_TIMEOUT; all threads busy and the queue full 503 VERIFICATION_BUSY with Retry-After', access: 'public', tag: 'vc-api', body: DeriveCredentialRequest, ok: { status: 201 }, errors: [400, 422, 503] },
  },
};

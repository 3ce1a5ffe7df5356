import { z } from 'zod';
import { AccessLogPage, AccessLogQuery, Approval, DisclosurePage, ApprovalStatusChangeRequest, AuthorizationResponseRequest, ClientTokenRequest, CreatePresentationRequestRequest, PresentationRequestCreated, PresentationResult, RegisterRelyingSystemRequest, RelyingSystem, RequestApprovalRequest } from '../../../sharing/dto/sharing.dto.js';
import { ExportQuery } from '../../../sharing/sharing.controller.js';
import { CreateVerificationCodeRequest, ExtendVerificationCodeRequest, HolderSessionRequest } from '../../../sharing/holders/holder.controller.js';
import { CSV, XLSX } from '../../../registry/imports/import-files.js';
import { AUTHORITIES, type Routes } from './operation.js';

/** The sharing routes of the OpenAPI document. */
export const SHARING_ROUTES: Routes = {
  '/relying-systems': {
    post: { summary: 'Register a relying system (library, transit card, exam registration …) with its operator, purpose, response URIs and public keys (it authenticates with private_key_jwt, never a password) (audited)', access: AUTHORITIES, tag: 'sharing', body: RegisterRelyingSystemRequest, ok: { status: 201, schema: RelyingSystem }, errors: [400] },
    get: { summary: 'Relying systems registered in your subtree', access: AUTHORITIES, tag: 'sharing', ok: { status: 200, schema: z.array(RelyingSystem) } },
  },
  '/relying-systems/{id}': { get: { summary: 'A relying system registered in your subtree', access: AUTHORITIES, tag: 'sharing', ok: { status: 200, schema: RelyingSystem }, errors: [400, 404] } },
  '/relying-systems/{id}/approval-requests': {
    post: { summary: 'Ask for an approval (第二十四条): which claims, for what purpose, under which legal basis, for which region (county level or above), until when, up to what volume; decided on the request engine by the region’s authority, never by you', access: AUTHORITIES, tag: 'sharing', body: RequestApprovalRequest, ok: { status: 201, schema: Approval }, errors: [400, 404] },
  },
  '/sharing-approvals': { get: { summary: 'Approvals you asked for, granted, or that cover your region (?relyingSystemId=)', access: AUTHORITIES, tag: 'sharing', ok: { status: 200, schema: z.array(Approval) }, errors: [400] } },
  '/sharing-approvals/{id}': { get: { summary: 'One approval, with who granted it (谁批准、谁负责)', access: AUTHORITIES, tag: 'sharing', ok: { status: 200, schema: Approval }, errors: [400, 404] } },
  '/sharing-approvals/{id}/access-log': { get: { summary: 'Every use of an approval and every refusal under it, newest first (keyset pages): for the authorities that see it — the approver answers for it', access: AUTHORITIES, tag: 'sharing', query: AccessLogQuery, ok: { status: 200, schema: AccessLogPage }, errors: [400, 404] } },
  '/sharing-approvals/{id}/suspension': { post: { summary: 'Suspend an active approval, with a reason (the approving authority or one above it; audited)', access: AUTHORITIES, tag: 'sharing', body: ApprovalStatusChangeRequest, ok: { status: 200, schema: Approval }, errors: [400, 403, 404, 409] } },
  '/sharing-approvals/{id}/revocation': { post: { summary: 'Revoke an approval for good, with a reason (the approving authority or one above it; audited)', access: AUTHORITIES, tag: 'sharing', body: ApprovalStatusChangeRequest, ok: { status: 200, schema: Approval }, errors: [400, 403, 404, 409] } },
  '/sharing-approvals/{id}/reinstatement': { post: { summary: 'Reinstate a suspended approval, with a reason (audited)', access: AUTHORITIES, tag: 'sharing', body: ApprovalStatusChangeRequest, ok: { status: 200, schema: Approval }, errors: [400, 403, 404, 409] } },
  '/sharing/token': {
    post: { summary: 'OAuth client credentials for a relying system: a client assertion (private_key_jwt, RFC 7523) signed by one of its registered keys, aud = this endpoint, at most 5 minutes, its jti used once → a 5-minute access token', access: 'public', tag: 'sharing', body: ClientTokenRequest, ok: { status: 200 }, errors: [400, 401] },
  },
  '/sharing/approvals': { get: { summary: "A relying system's own approvals (its access token from /sharing/token)", access: 'public', tag: 'sharing', ok: { status: 200, schema: z.array(Approval) }, errors: [401] } },
  '/sharing/presentation-requests': {
    post: { summary: "A relying system's OpenID4VP request within one of its approvals (its access token): DCQL for the claims, each in the approval, signed request object by request_uri, direct_post, nonce single-use, 5 minutes → openid4vp:// URI for a QR code", access: 'public', tag: 'sharing', body: CreatePresentationRequestRequest, ok: { status: 201, schema: PresentationRequestCreated }, errors: [400, 401, 403, 404] },
  },
  '/sharing/presentation-requests/{id}/result': {
    get: { summary: 'The result for the relying system that asked: only the disclosed claims and its pairwise subject for the student; erased after 10 minutes', access: 'public', tag: 'sharing', ok: { status: 200, schema: PresentationResult }, errors: [400, 401, 404] },
  },
  '/sharing/oid4vp/requests/{id}': {
    get: { summary: 'The signed request object (oauth-authz-req+jwt, by the root authority’s did:web key) a wallet fetches from request_uri, while the request is open', access: 'public', tag: 'sharing', ok: { status: 200, contentType: 'application/oauth-authz-req+jwt' }, errors: [400, 404] },
  },
  '/sharing/oid4vp/responses/{id}': {
    post: { summary: "The wallet's answer (direct_post, once): signature, holder binding, status, trusted issuer, nonce and audience, nothing disclosed beyond the request, guardian consent under 14, approval volume and region", access: 'public', tag: 'sharing', body: AuthorizationResponseRequest, ok: { status: 200 }, errors: [400, 403, 404, 409, 422] },
  },
  '/sharing/exports/students': {
    get: { summary: "A relying system's desensitised export of its approval's region (relying-system token): one column per approved claim, names masked, birth year only, no student or ID number; every row counts against the approval's volume; CSV (UTF-8 with BOM) or XLSX; refusals are logged", access: 'public', tag: 'sharing', query: ExportQuery, ok: { status: 200, contentType: 'text/csv' }, errors: [400, 401, 404, 422] },
  },
  '/holder/challenges': { post: { summary: 'A single-use challenge (5 min) for a holder to sign in with the key their identity credential is bound to', access: 'public', tag: 'sharing', ok: { status: 201 } } },
  '/holder/sessions': {
    post: { summary: "Holder sign-in: a JWT (ES256) over the challenge, signed by an identity credential's holder key (kid = its did:key, or jwk for an SD-JWT VC's key), that key holding a credential still valid → a 15-minute holder token", access: 'public', tag: 'sharing', body: HolderSessionRequest, ok: { status: 200 }, errors: [400, 401] },
  },
  '/holder/disclosures': { get: { summary: 'Every disclosure about the signed-in student: which system learned what, when, under whose approval (holder token)', access: 'public', tag: 'sharing', query: AccessLogQuery, ok: { status: 200, schema: DisclosurePage }, errors: [400, 401] } },
  '/holder/certificates': { get: { summary: "The signed-in student's own certificates (holder token)", access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [401] } },
  '/holder/verification-codes': {
    post: { summary: 'Make an online verification code (学信网-style) for one of your certificates, valid 30 days to six months; the code is answered this once (holder token)', access: 'public', tag: 'sharing', body: CreateVerificationCodeRequest, ok: { status: 201 }, errors: [400, 401, 404] },
    get: { summary: 'Your verification codes: hint, validity, state and number of uses — never the code (holder token)', access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [401] },
  },
  '/holder/verification-codes/{id}/extension': { post: { summary: 'Move the end of an open code to 30 days–six months from now (holder token)', access: 'public', tag: 'sharing', body: ExtendVerificationCodeRequest, ok: { status: 200 }, errors: [400, 401, 404, 409] } },
  '/holder/verification-codes/{id}/closure': { post: { summary: 'Close a code for good (holder token)', access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [400, 401, 404, 409] } },
  '/holder/verification-codes/{id}/uses': { get: { summary: 'Each time the code was used (holder token)', access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [400, 401, 404] } },
};

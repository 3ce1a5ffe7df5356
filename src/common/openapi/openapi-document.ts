import { z } from 'zod';
import {
  Certificate,
  CertificateStatusChangeRequest,
  IssueCertificateRequest,
  IssueCredentialRequest,
  IssueCredentialResponse,
  UpdateCredentialStatusRequest,
  UpdateCredentialStatusResponse,
  VerifyCredentialRequest,
  VerifyCredentialResponse,
  VerifyPresentationRequest,
  VerifyPresentationResponse,
} from '../../certificates/dto/certificate.dto.js';
import {
  LeaverList,
  LeaverListItemsQuery,
  LeaverListSummary,
  ListLeaverListsQuery,
  ProposeLeaverListRequest,
  RefuseLeaverListRequest,
} from '../../certificates/batches/dto/leaver-list.dto.js';
import { IssuerKeys, RevokeIssuerKeyRequest, RotateIssuerKeyRequest } from '../../identity/dto/issuer-key.dto.js';
import { CheckAuditHeadRequest } from '../../identity/audit-head/audit-head.controller.js';
import {
  CreateIdentityOfferRequest,
  DeriveCredentialRequest,
  GuardianConsent,
  GuardianConsentRequest,
  IdentityOffer,
} from '../../student-identity/dto/identity-offer.dto.js';
import { ALL_ROLES, AUTHORITY_ROLES } from '../../platform/auth/access.decorator.js';
import {
  Account,
  AccountPage,
  ActivationIssued,
  ActivationRequest,
  AuditChainReport,
  AuditEntry,
  ChangePasswordRequest,
  CreateAccountRequest,
  CreateOrganisationRequest,
  FilingRequest,
  ListAccountsQuery,
  LoginRequest,
  LoginResponse,
  ConsoleSessionResponse,
  Organisation,
  TotpConfirmationRequest,
  TotpEnrolment,
  TrainingRequest,
} from '../../platform/dto/platform.dto.js';
import { CalendarYear, CalendarYearRequest, DueDate, DueDateQuery } from '../../workflow/dto/calendar.dto.js';
import { AccessLogPage, AccessLogQuery, Approval, ApprovalStatusChangeRequest, AuthorizationResponseRequest, ClientTokenRequest, CreatePresentationRequestRequest, PresentationRequestCreated, PresentationResult, RegisterRelyingSystemRequest, RelyingSystem, RequestApprovalRequest } from '../../sharing/dto/sharing.dto.js';
import { StudentStatistics, StudentStatisticsQuery } from '../../registry/statistics/student-statistics.controller.js';
import { ExportQuery } from '../../sharing/sharing.controller.js';
import { CreateVerificationCodeRequest, ExtendVerificationCodeRequest, HolderSessionRequest } from '../../sharing/holders/holder.controller.js';
import { DecideStepRequest, ListRequestsQuery, Request, RequestPage } from '../../workflow/dto/request.dto.js';
import { ListReadsQuery, RecordReadPage } from '../../platform/read-log/dto/read-log.dto.js';
import { HeldRow, HeldRowPage, ListSecondApprovalsQuery, SecondReviewRequest } from '../../certificates/batches/dto/second-approval.dto.js';
import { AcknowledgeWarningRequest, ListWarningsQuery, Warning, WarningPage } from '../../platform/warnings/dto/warning.dto.js';
import {
  ConfirmGraduationRequest,
  EnrolStudentRequest,
  ListStudentsQuery,
  ProposeGraduationRequest,
  SearchStudentsRequest,
  Student,
  StudentPage,
  StudentRecord,
  UpdateExtraRequest,
} from '../../registry/dto/student.dto.js';
import { ChangeRequestBody, GuardianChangeRequestBody, StatusHistory, StatusHistoryQuery } from '../../registry/dto/change-request.dto.js';
import {
  BindingCodeIssued,
  CreateGuardianAccountRequest,
  GuardianAccountCreated,
  GuardianBindingRequest,
  GuardianChild,
  GuardianChildRecord,
  GuardianRequest,
  GuardianRequestList,
  GuardianSessionRequest,
  IssueBindingCodeRequest,
  StudentGuardianList,
} from '../../registry/guardians/dto/guardian.dto.js';
import { FieldChangeList, IdentityDocumentList } from '../../registry/record-history/dto/record-history.dto.js';
import { ImportErrors, StudentImport, UploadImportQuery } from '../../registry/imports/dto/student-import.dto.js';
import { CSV, XLSX } from '../../registry/imports/import-files.js';
import { PutRecordSchemaRequest, RecordSchema } from '../../registry/dto/record-schema.dto.js';
import { CloseSchoolRequest, SchoolClosure } from '../../registry/moves/dto/closure.dto.js';
import { DropoutCase, DropoutPage, FlagDropoutRequest, FollowUpRequest, ListDropoutsQuery } from '../../registry/dropouts/dto/dropout.dto.js';
import { ConfirmRosterRequest, ListProblemsQuery, ProblemPage, RecordProblem, ResolveProblemRequest, RosterConfirmation } from '../../registry/verification/dto/verification.dto.js';
import { ListRecordCopiesQuery, RecordCopy, RecordCopyPage, StartTransferRequest } from '../../registry/transfers/dto/transfer.dto.js';
import { ProgressionRequestBody, PromotionBatch, PromotionBody } from '../../registry/dto/change-request.dto.js';
import { AddMaterialRequest, Material, MaterialList } from '../../workflow/dto/request-material.dto.js';

/**
 * The OpenAPI 3.1 document, built from the same zod schemas the controllers validate with.
 * `docs/openapi.json` is this document, committed; a test keeps the two and the routes in step.
 */
/** `guardian`: guardian tokens only (GuardianOnly); organisation accounts get 403. */
type Access = 'public' | 'guardian' | string[];
interface Operation {
  summary: string;
  access: Access;
  tag: string;
  body?: z.ZodType;
  /** An HTML form's body (multipart/form-data), instead of JSON. */
  form?: z.ZodType;
  /** A file sent as the body itself, in one of these media types. */
  upload?: string[];
  query?: z.ZodObject;
  ok: { status: number; schema?: z.ZodType; contentType?: string };
  errors?: number[];
}

const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  correlationId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  lockedUntil: z.string().optional().describe('ACCOUNT_LOCKED: when the lock of this address ends'),
  passwordChangeToken: z.string().optional().describe('PASSWORD_EXPIRED: a Bearer token whose only use is POST /auth/password'),
  expiresIn: z.number().int().optional().describe('PASSWORD_EXPIRED: seconds the passwordChangeToken lives'),
});

const ALL = [...ALL_ROLES];
const AUTHORITIES = [...AUTHORITY_ROLES];
const html = { status: 200, contentType: 'text/html' };
const PageLanguage = z.object({ lang: z.enum(['zh', 'en']).optional().describe('Page language; without it, Accept-Language decides (Chinese unless English is preferred)') });
const VerifyForm = z.object({
  credential: z.string().optional().describe('The credential as JSON text (at most 64 KB)'),
  file: z.file().optional().describe('Or the credential as a JSON file (at most 64 KB); wins over the text'),
});

export const OPERATIONS: Record<string, Record<string, Operation>> = {
  '/health': { get: { summary: 'Liveness and database reachability', access: 'public', tag: 'platform', ok: { status: 200 } } },
  '/auth/login': {
    post: { summary: 'Exchange username and password (and totpCode, once enrolled) for a short-lived access token. One 401 for an unknown username or a wrong password; only after a right password the refusal says more: 401 TOTP_REQUIRED / TOTP_INVALID, 403 ACCOUNT_SEALED (unused for six months), 403 PASSWORD_EXPIRED (with a passwordChangeToken), 403 ACCOUNT_LOCKED with lockedUntil (at an address the account has logged in from)', access: 'public', tag: 'platform', body: LoginRequest, ok: { status: 200, schema: LoginResponse }, errors: [400, 401, 403] },
  },
  '/auth/console-session': {
    post: { summary: 'The web console\'s login (same rules, locks and rate limit as /auth/login): sets the access token in an HttpOnly, SameSite=Strict cookie (xueji_session, Secure over https) and a CSRF token (xueji_csrf, also in the answer) that every non-GET call authenticated by the cookie echoes in X-CSRF-Token (else 403 CSRF_TOKEN_INVALID). An Authorization header, when sent, always wins over the cookie', access: 'public', tag: 'platform', body: LoginRequest, ok: { status: 200, schema: ConsoleSessionResponse }, errors: [400, 401, 403] },
  },
  '/auth/activation': {
    post: { summary: 'The holder activates a new (or unsealed) account with the one-time code the authority handed over, setting a password nobody else knows; one 401 ACTIVATION_FAILED for an unknown username or a wrong, used or expired code (five wrong codes end it)', access: 'public', tag: 'platform', body: ActivationRequest, ok: { status: 204 }, errors: [400, 401] },
  },
  '/auth/password': {
    post: { summary: 'Change your password (also with the passwordChangeToken of an expired one): not the current one nor one of the last five; every session of the account ends. A wrong current password ends the calling session (403 CURRENT_PASSWORD_WRONG)', access: ALL, tag: 'platform', body: ChangePasswordRequest, ok: { status: 204 }, errors: [400, 401, 403] },
  },
  '/auth/totp': {
    post: { summary: 'Enrol an authenticator (TOTP, RFC 6238): a fresh secret and its otpauth:// URI, shown once, kept sealed under the master key; confirm it with its first code', access: ALL, tag: 'platform', ok: { status: 200, schema: TotpEnrolment }, errors: [409] },
  },
  '/auth/totp/confirmation': {
    post: { summary: 'Confirm the authenticator with its current code; from then on every login needs a code (a code is accepted once)', access: ALL, tag: 'platform', body: TotpConfirmationRequest, ok: { status: 204 }, errors: [400, 409] },
  },
  '/auth/logout': { post: { summary: "End every session of the calling account: all its access tokens stop working at once (a lock-out does the same); a console session's cookies are cleared", access: ALL, tag: 'platform', ok: { status: 204 } } },
  '/auth/me': { get: { summary: 'The calling account', access: ALL, tag: 'platform', ok: { status: 200, schema: Account } } },
  '/organisations': {
    post: { summary: 'Create a child organisation in your subtree (level follows the parent)', access: AUTHORITIES, tag: 'platform', body: CreateOrganisationRequest, ok: { status: 201, schema: Organisation }, errors: [400, 404, 409] },
  },
  '/organisations/{code}': { get: { summary: 'An organisation in your subtree', access: ALL, tag: 'platform', ok: { status: 200, schema: Organisation }, errors: [404] } },
  '/organisations/{code}/children': {
    get: { summary: 'Direct children of an organisation in your subtree', access: ALL, tag: 'platform', ok: { status: 200, schema: z.array(Organisation) }, errors: [404] },
  },
  '/organisations/{code}/keys': {
    get: { summary: "An education authority's signing keys (Ed25519 and P-256), active, retired and revoked, with their verification methods", access: AUTHORITIES, tag: 'identity', ok: { status: 200, schema: IssuerKeys }, errors: [404] },
  },
  '/organisations/{code}/keys/rotation': {
    post: { summary: "Rotate your own authority's key of one algorithm: a new key signs from now on, what the old one signed keeps verifying (audited)", access: AUTHORITIES, tag: 'identity', body: RotateIssuerKeyRequest, ok: { status: 200, schema: IssuerKeys }, errors: [400, 403, 404, 409] },
  },
  '/organisations/{code}/keys/{keyId}/revocation': {
    post: { summary: "Revoke a key of your own authority after a compromise: what it signed from compromisedAt on fails verification with the reason, credentials on record from before keep verifying; an active key is replaced at once and the status lists it signed are signed again (audited)", access: AUTHORITIES, tag: 'identity', body: RevokeIssuerKeyRequest, ok: { status: 200, schema: IssuerKeys }, errors: [400, 403, 404, 409] },
  },
  '/accounts': {
    get: { summary: 'Accounts of your subtree with their standing — status, filing and training, password age, last login, TOTP — never passwords or codes (keyset pages by username)', access: AUTHORITIES, tag: 'platform', query: ListAccountsQuery, ok: { status: 200, schema: AccountPage }, errors: [400] },
    post: { summary: 'Create an account for an organisation in your subtree (role follows its level). It has no password: the answer carries a one-time activation code (72 h), shown once, for the holder to set their own', access: AUTHORITIES, tag: 'platform', body: CreateAccountRequest, ok: { status: 201, schema: ActivationIssued }, errors: [400, 404, 409] },
  },
  '/accounts/{id}/filing': {
    post: { summary: "Record a school registrar's filing (备案, 第二十二条), as the authority above its school (audited); a registrar acts on records only once filed and trained (403 REGISTRAR_NOT_FILED before)", access: AUTHORITIES, tag: 'platform', body: FilingRequest, ok: { status: 200, schema: Account }, errors: [400, 404, 422] },
  },
  '/accounts/{id}/training': {
    post: { summary: "Record a school registrar's training, as the authority above its school (audited)", access: AUTHORITIES, tag: 'platform', body: TrainingRequest, ok: { status: 200, schema: Account }, errors: [400, 404, 422] },
  },
  '/accounts/{id}/unseal': {
    post: { summary: 'Unseal an account sealed for disuse, as an authority above its organisation (audited): its password is retired and a fresh activation code issued for the holder', access: AUTHORITIES, tag: 'platform', ok: { status: 200, schema: ActivationIssued }, errors: [404, 409] },
  },
  '/accounts/{id}/activation-code': {
    post: { summary: 'Issue a new activation code for an account not yet activated (the old one expired or was lost), as an authority above its organisation (audited)', access: AUTHORITIES, tag: 'platform', ok: { status: 200, schema: ActivationIssued }, errors: [404, 409] },
  },
  '/calendar/due-date': {
    get: { summary: 'The due date of a period of N working days from a day (not counted), by the State Council notices loaded (民法典 第二百零一条); 422 CALENDAR_YEAR_MISSING for a year not loaded — never a guess', access: ALL, tag: 'workflow', query: DueDateQuery, ok: { status: 200, schema: DueDate }, errors: [400, 422] },
  },
  '/calendar/years': { get: { summary: 'The years of the working-day calendar loaded, with their holidays and make-up working days', access: ALL, tag: 'workflow', ok: { status: 200, schema: z.array(CalendarYear) } } },
  '/calendar/years/{year}': {
    put: { summary: "Load (or correct) a year's notice: holidays and make-up working days, checked as data (audited)", access: ['national_admin'], tag: 'workflow', body: CalendarYearRequest, ok: { status: 200, schema: CalendarYear }, errors: [400] },
  },
  '/requests': {
    get: { summary: 'Requests (record changes, approvals) your subtree sees — a transfer is seen by both sides and nobody else — newest first, with each step, its deciding organisation and working-day due date', access: ALL, tag: 'workflow', query: ListRequestsQuery, ok: { status: 200, schema: RequestPage }, errors: [400] },
  },
  '/requests/inbox': { get: { summary: "Steps waiting for your organisation's decision — and overdue steps of the organisations directly below it, which you may now decide — by due date", access: ALL, tag: 'workflow', ok: { status: 200, schema: z.object({ items: z.array(Request) }) } } },
  '/requests/{id}': { get: { summary: 'One request you see, with its steps', access: ALL, tag: 'workflow', ok: { status: 200, schema: Request }, errors: [400, 404] } },
  '/requests/{id}/materials': {
    post: { summary: "Add a material to an open request (a scanned form: PDF, JPEG or PNG as its first bytes say, ≤ 5 MB, base64 in JSON), as the submitter's organisation or one deciding a step; kept in the store with its SHA-256 (audited)", access: ALL, tag: 'workflow', body: AddMaterialRequest, ok: { status: 201, schema: Material }, errors: [400, 403, 404, 409, 413] },
    get: { summary: "A request's materials (name, type, size, SHA-256), for whoever sees the request", access: ALL, tag: 'workflow', ok: { status: 200, schema: MaterialList }, errors: [400, 404] },
  },
  '/requests/{id}/materials/{materialId}': {
    get: { summary: 'Download a material of a request you see, as stored (its SHA-256 in the list)', access: ALL, tag: 'workflow', ok: { status: 200, contentType: 'application/octet-stream' }, errors: [400, 404] },
  },
  '/requests/{id}/steps/{index}/decision': {
    post: { summary: "Approve or refuse (with a reason) the pending step, as its organisation or, once overdue, the authority above; never as the request's submitter nor for a second step of the same request; two decisions at once: one wins, the other gets 409 (audited)", access: ALL, tag: 'workflow', body: DecideStepRequest, ok: { status: 200, schema: Request }, errors: [400, 403, 404, 409] },
  },
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
  '/statistics/students': {
    get: { summary: 'Counts of the students of your subtree by region (the organisations directly below you), stage, grade and status; cells under 5 suppressed, and a lone suppressed cell’s smallest neighbour too, so that the total gives nothing away (第二十四条)', access: ALL, tag: 'registry', query: StudentStatisticsQuery, ok: { status: 200, schema: StudentStatistics }, errors: [400] },
  },
  '/sharing/exports/students': {
    get: { summary: "A relying system's desensitised export of its approval's region (relying-system token): one column per approved claim, names masked, birth year only, no student or ID number; every row counts against the approval's volume; CSV (UTF-8 with BOM) or XLSX; refusals are logged", access: 'public', tag: 'sharing', query: ExportQuery, ok: { status: 200, contentType: 'text/csv' }, errors: [400, 401, 404, 422] },
  },
  '/holder/challenges': { post: { summary: 'A single-use challenge (5 min) for a holder to sign in with the key their identity credential is bound to', access: 'public', tag: 'sharing', ok: { status: 201 } } },
  '/holder/sessions': {
    post: { summary: "Holder sign-in: a JWT (ES256) over the challenge, signed by an identity credential's holder key (kid = its did:key, or jwk for an SD-JWT VC's key), that key holding a credential still valid → a 15-minute holder token", access: 'public', tag: 'sharing', body: HolderSessionRequest, ok: { status: 200 }, errors: [400, 401] },
  },
  '/holder/disclosures': { get: { summary: 'Every disclosure about the signed-in student: which system learned what, when, under whose approval (holder token)', access: 'public', tag: 'sharing', query: AccessLogQuery, ok: { status: 200 }, errors: [400, 401] } },
  '/holder/certificates': { get: { summary: "The signed-in student's own certificates (holder token)", access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [401] } },
  '/holder/verification-codes': {
    post: { summary: 'Make an online verification code (学信网-style) for one of your certificates, valid 30 days to six months; the code is answered this once (holder token)', access: 'public', tag: 'sharing', body: CreateVerificationCodeRequest, ok: { status: 201 }, errors: [400, 401, 404] },
    get: { summary: 'Your verification codes: hint, validity, state and number of uses — never the code (holder token)', access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [401] },
  },
  '/holder/verification-codes/{id}/extension': { post: { summary: 'Move the end of an open code to 30 days–six months from now (holder token)', access: 'public', tag: 'sharing', body: ExtendVerificationCodeRequest, ok: { status: 200 }, errors: [400, 401, 404, 409] } },
  '/holder/verification-codes/{id}/closure': { post: { summary: 'Close a code for good (holder token)', access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [400, 401, 404, 409] } },
  '/holder/verification-codes/{id}/uses': { get: { summary: 'Each time the code was used (holder token)', access: 'public', tag: 'sharing', ok: { status: 200 }, errors: [400, 401, 404] } },
  '/verify-code': {
    get: { summary: 'The public form for an online verification code (zh/en)', access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'text/html' } },
    post: { summary: "Anyone with a holder's code sees the certificate's verification report (form field `code`; case, spaces and dashes ignored); an unknown, closed or expired code answers 404 with the form; each use is shown to the holder", access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'text/html' }, errors: [404] },
  },
  '/warnings': {
    get: { summary: 'Warnings addressed to your authority or below (第二十三、二十六条): locks, new schools and accounts, certificates needing a second approval, unusual reads and lookups — each with its evidence, newest first (keyset pages)', access: AUTHORITIES, tag: 'platform', query: ListWarningsQuery, ok: { status: 200, schema: WarningPage }, errors: [400] },
  },
  '/warnings/{id}/acknowledgement': {
    post: { summary: 'Acknowledge a warning with a note of what was found and done, once (audited)', access: AUTHORITIES, tag: 'platform', body: AcknowledgeWarningRequest, ok: { status: 200, schema: Warning }, errors: [400, 404, 409] },
  },
  '/audit/head': { get: { summary: "The audit trail's head (last entry's number and chain hash), signed by the root authority; public — keep copies elsewhere, so that a cut or rewrite of the trail shows against them", access: 'public', tag: 'platform', ok: { status: 200, contentType: 'application/vc+ld+json' } } },
  '/audit/head/check': { post: { summary: 'Whether the trail still holds the entry a kept head names, with the same hash (signature and issuer checked; the signature on the verification threads: 422 VERIFICATION_TIMEOUT, 503 VERIFICATION_BUSY as for /credentials/verify)', access: ['national_admin', 'province_admin'], tag: 'platform', body: CheckAuditHeadRequest, ok: { status: 200 }, errors: [400, 422, 503] } },
  '/contexts/xueji-audit/v1': { get: { summary: 'The JSON-LD context of the signed audit head (frozen)', access: 'public', tag: 'platform', ok: { status: 200, contentType: 'application/ld+json' } } },
  '/audit/verify': { get: { summary: 'Recompute the audit chain — numbers without gaps, links, hashes and MACs under the master key — and report the first broken entry and why', access: ['national_admin', 'province_admin'], tag: 'platform', ok: { status: 200, schema: AuditChainReport } } },
  '/audit/reads': {
    get: { summary: 'The read log of your subtree (第二十三、二十四条): who read which student record, or was told whether an ID number is registered (by its keyed digest, never the number), when and by which route — newest first (keyset pages); append-only, kept apart from the hash-chained trail', access: AUTHORITIES, tag: 'platform', query: ListReadsQuery, ok: { status: 200, schema: RecordReadPage }, errors: [400] },
  },
  '/audit/{recordType}/{recordId}': {
    get: { summary: 'Audit entries of one record in your subtree', access: ALL, tag: 'platform', ok: { status: 200, schema: z.array(AuditEntry) } },
  },
  '/students': {
    post: { summary: "Enrol a student at your school (第六、八、九条) from a resident ID, or for 第十条 students a residence permit, HK/Macau or Taiwan permit, passport or foreign permanent residence ID (then birth date and gender given, and a passport's nationality); with the basic information of 第三条 (nationality, ethnicity, 户籍, guardians, special education, class, admission method) and the province's non-basic fields (extra, checked against its record schema). A grade-1 primary entrant younger than the province's entry age on its cut-off day is refused 422 UNDER_ENTRY_AGE (第十一条); a record made over two months after entry is flagged lateRegistration and warned upward (第六条)", access: ['school_registrar'], tag: 'registry', body: EnrolStudentRequest, ok: { status: 201, schema: StudentRecord }, errors: [400, 409, 422] },
    get: { summary: 'Students in your subtree, filtered by school, stage, grade, class, status, late registration and student number (exact or prefix), in keyset pages ordered by school path and student number (pass `next` as `after`; a cursor not handed out is 400 naming after). Nothing personal goes in this URL: a name or ID number here is refused 400 — use POST /students/search', access: ALL, tag: 'registry', query: ListStudentsQuery, ok: { status: 200, schema: StudentPage }, errors: [400] },
  },
  '/students/search': {
    post: { summary: "Search your subtree with the filters of GET /students and the personal ones, kept out of URLs: a name prefix, or an ID number (exact, compared by its keyed digest; each such search is logged as a lookup, GET /audit/reads). Same keyset pages", access: ALL, tag: 'registry', body: SearchStudentsRequest, ok: { status: 200, schema: StudentPage }, errors: [400] },
  },
  '/students/{id}': { get: { summary: "A student in your subtree, with the guardian contacts (in clear for the student's own school, masked above it); the ID number masked", access: ALL, tag: 'registry', ok: { status: 200, schema: StudentRecord }, errors: [400, 404] } },
  '/students/{id}/extra': {
    patch: { summary: "Set or remove (null) non-basic fields of a record of your school; the whole is checked against the province's record schema (400 naming extra.<field>), audited", access: ['school_registrar'], tag: 'registry', body: UpdateExtraRequest, ok: { status: 200, schema: StudentRecord }, errors: [400, 404, 409] },
  },
  '/provinces/{code}/record-schema': {
    get: { summary: "A province's rules for its records: the non-basic fields (第三条) and the primary entry age with its cut-off day (第十一条); for anyone inside the province or above it", access: ALL, tag: 'registry', ok: { status: 200, schema: RecordSchema }, errors: [404] },
    put: { summary: "Set a province's record rules (its administrator or the national one): the non-basic field list (name, type string/number/date/enum/boolean, required, enum values, max length) and the entry age (6 or 7) with its cut-off (MM-DD, default 08-31); audited. Records are checked against it from then on", access: ['national_admin', 'province_admin'], tag: 'registry', body: PutRecordSchemaRequest, ok: { status: 200, schema: RecordSchema }, errors: [400, 404, 409] },
  },
  '/students/{id}/change-requests': {
    post: { summary: "Ask for a register change of a student at your school (休学 suspension ≤ 1 year, 第十六条; 复学 resumption; 死亡注销 death cancellation, 第二十一条; 退学 withdrawal, senior secondary only, 第十八条; a special-education student's grade change after the expert committee's assessment, up or down, 第十四条 — 422 NOT_SPECIAL_EDUCATION for others; 出国(境)学习 abroad and 回国 return with the grade assigned, 第二十条; 缓学 deferral of a primary grade 1 entry ≤ 1 school year and the entry that ends it, 第十一条): opens a request the school's supervising authority decides through /requests/{id}/steps/{index}/decision (10 working days; death 60). Dates and SHA-256 digests of the signed forms only. A change recorded over a month after its effective date is flagged lateChange and warned upward (第七条)", access: ['school_registrar'], tag: 'registry', body: ChangeRequestBody, ok: { status: 201, schema: Request }, errors: [400, 404, 409, 422] },
  },
  '/students/progressions': {
    post: { summary: "升学 keeping the student number (第十四条, 第八条): the receiving school — any school, any county — names a graduate's record by its student number and ID number (both must match, else 404; a logged lookup) and asks to receive it in the next stage's first grade; the receiving school's supervising authority decides (10 working days). Approved, the record moves to the receiving school (stage, grade, school, entry date; enrolled), the number unchanged, and is seen by the receiving school's subtree", access: ['school_registrar'], tag: 'registry', body: ProgressionRequestBody, ok: { status: 201, schema: Request }, errors: [400, 404, 409, 422] },
  },
  '/students/promotions': {
    post: { summary: "正常升级 (第七条): promote every class of your school one grade as one batch, once per school year (from N-07-01): enrolled records below their stage's last grade that entered before the year began; the last grade, new entrants and suspended, abroad, deferred, proposed, withdrawn, deceased or graduated records are not promoted. One audit entry names the batch (count, first and last record) for the supervising authority; a second run for the same year is 409 PROMOTION_ALREADY_RUN and promotes nobody", access: ['school_registrar'], tag: 'registry', body: PromotionBody, ok: { status: 201, schema: PromotionBatch }, errors: [400, 409] },
  },
  '/students/{id}/status-history': {
    get: { summary: "The record's placements: periods (from inclusive, to exclusive) of status (enrolled, suspended, withdrawn, deceased, graduated) at a school, stage and grade, with the request that caused each; with ?on=YYYY-MM-DD where the student was on that day", access: ALL, tag: 'registry', query: StatusHistoryQuery, ok: { status: 200, schema: StatusHistory }, errors: [400, 404] },
  },
  '/transfers': {
    post: { summary: "Start a transfer (转学, 第十五条) into your school: the record is found by its student number and the student's identity document together (a wrong pair is 404). The sending school, its supervising authority and (when another) yours each decide within 10 working days through /requests/{id}/steps/{index}/decision; overdue steps may be decided by the authority above; a refusal needs a reason. Only the two sides see the request. On the last approval the record moves with its number unchanged (第八条), its certificates and audit trail follow it, and the sending school keeps a read-only copy (/record-copies)", access: ['school_registrar'], tag: 'registry', body: StartTransferRequest, ok: { status: 201, schema: Request }, errors: [400, 404, 409] },
  },
  '/organisations/{code}/closure': {
    post: { summary: "Merge a school into another (合并) or close it (撤销, 第十二条), as an authority over it: the school is marked closed and every record it holds, whatever its status, moves to the successor (a school; for a closure, a school or the supervising authority, the default) with a new placement, its history and certificates kept. Refused while requests about its students are open", access: AUTHORITIES, tag: 'registry', body: CloseSchoolRequest, ok: { status: 200, schema: SchoolClosure }, errors: [400, 404, 409, 422] },
  },
  '/schools/{code}/roster-confirmations': {
    post: { summary: "Confirm your school's roster for a semester (学籍核准, 第二十五条): every student actually present, by identity document (kept as keyed digests). The run queues each exception for the authority above — records with nobody present (空挂学籍), persons present whose record is at another school (人籍分离), persons with no record (无籍), likely duplicates (same name, birth date and gender under another document) — and enters compulsory-education records with nobody present in the drop-out ledger (第十七条). Once per school and semester", access: ['school_registrar'], tag: 'registry', body: ConfirmRosterRequest, ok: { status: 201, schema: RosterConfirmation }, errors: [400, 404, 409] },
  },
  '/record-problems': {
    get: { summary: "Problems found by semester verification in your subtree (either side's), newest first", access: ALL, tag: 'registry', query: ListProblemsQuery, ok: { status: 200, schema: ProblemPage }, errors: [400] },
  },
  '/record-problems/{id}/resolution': {
    post: { summary: 'Resolve a problem as an authority over either side: a duplicate is merged into the record kept (the other becomes merged, never deleted) or confirmed distinct (never reported again); any other problem is resolved with what was done. Audited', access: AUTHORITIES, tag: 'registry', body: ResolveProblemRequest, ok: { status: 200, schema: RecordProblem }, errors: [400, 404, 409, 422] },
  },
  '/dropouts': {
    get: { summary: 'The drop-out ledger of your subtree (控辍保学, 第十七条): each case with its follow-ups and outcome, newest first', access: ALL, tag: 'registry', query: ListDropoutsQuery, ok: { status: 200, schema: DropoutPage }, errors: [400] },
    post: { summary: 'Enter a compulsory-education student of your subtree in the ledger; the first follow-up is due in 10 working days, after which the authority above is warned (第二十六条)', access: AUTHORITIES, tag: 'registry', body: FlagDropoutRequest, ok: { status: 201, schema: DropoutCase }, errors: [400, 404, 409] },
  },
  '/dropouts/{id}/follow-ups': {
    post: { summary: 'Record a follow-up of a case (home visit, call, …); an outcome (returned, transferred, exempted, other) closes it. Audited', access: ALL, tag: 'registry', body: FollowUpRequest, ok: { status: 201, schema: DropoutCase }, errors: [400, 404, 409] },
  },
  '/record-copies': {
    get: { summary: 'Read-only copies of records that left your subtree (a transfer out, 第十五条), newest first', access: ALL, tag: 'registry', query: ListRecordCopiesQuery, ok: { status: 200, schema: RecordCopyPage }, errors: [400] },
  },
  '/record-copies/{id}': {
    get: { summary: 'One read-only copy: the record as your organisation last held it (ID number masked) and its placements up to the move; a logged read', access: ALL, tag: 'registry', ok: { status: 200, schema: RecordCopy }, errors: [400, 404] },
  },
  '/students/{id}/guardian-codes': {
    post: { summary: "A one-time binding code for a guardian of a student at your school, with their relation: shown once, kept as a digest, valid 14 days, single use (audited). The guardian creates an account with it (POST /guardian/accounts) or, signed in, binds a further child (POST /guardian/bindings)", access: ['school_registrar'], tag: 'guardians', body: IssueBindingCodeRequest, ok: { status: 201, schema: BindingCodeIssued }, errors: [400, 404, 409] },
  },
  '/students/{id}/field-changes': {
    get: { summary: "The record's field history (第十三条): what each correction asks (while open) and changed (old and new value, the day applied), personal values opened for the answer; a logged read", access: ALL, tag: 'registry', ok: { status: 200, schema: FieldChangeList }, errors: [400, 404] },
  },
  '/students/{id}/identity-documents': {
    get: { summary: 'The identity documents the record carried before (valid from–to, the request that replaced each) and one proposed by an open request, numbers masked; a logged read', access: ALL, tag: 'registry', ok: { status: 200, schema: IdentityDocumentList }, errors: [400, 404] },
  },
  '/students/{id}/guardians': {
    get: { summary: 'The guardians bound to a record you see: their relation and since when (no phone numbers)', access: ALL, tag: 'guardians', ok: { status: 200, schema: StudentGuardianList }, errors: [400, 404] },
  },
  '/students/{id}/guardians/{guardianId}': {
    delete: { summary: "End a guardian's binding to a record of your school (a code misused, a guardian no longer responsible); audited", access: ['school_registrar'], tag: 'guardians', ok: { status: 204 }, errors: [400, 404] },
  },
  '/guardian/accounts': {
    post: { summary: "A guardian creates an account with the school's binding code, a mainland mobile number and a password (the accounts' rules); the child is bound. 400 names the field: phone, password, code (BINDING_CODE_UNKNOWN / _EXPIRED / _USED); 409 GUARDIAN_EXISTS: sign in and bind instead. Rate-limited like login", access: 'public', tag: 'guardians', body: CreateGuardianAccountRequest, ok: { status: 201, schema: GuardianAccountCreated }, errors: [400, 409] },
  },
  '/guardian/sessions': {
    post: { summary: 'Guardian sign-in by mobile number and password → a guardian token (its own audience: organisation routes answer it 403 GUARDIAN_NOT_ALLOWED). One 401 for an unknown number or a wrong password; rate-limited like login', access: 'public', tag: 'guardians', body: GuardianSessionRequest, ok: { status: 200, schema: LoginResponse }, errors: [400, 401] },
  },
  '/guardian/console-session': {
    post: { summary: "A guardian's browser session: as /guardian/sessions (same answers, same rate limit), but the token goes into the guardian's own HttpOnly, SameSite=Strict cookie (xueji_guardian_session) with a CSRF token (xueji_guardian_csrf, also in the answer) to echo in X-CSRF-Token on every non-GET guardian call (else 403 CSRF_TOKEN_INVALID)", access: 'public', tag: 'guardians', body: GuardianSessionRequest, ok: { status: 200, schema: ConsoleSessionResponse }, errors: [400, 401] },
  },
  '/guardian/logout': { post: { summary: "End every session of the signed-in guardian: all their tokens stop working at once; a browser session's cookies are cleared", access: 'guardian', tag: 'guardians', ok: { status: 204 } } },
  '/guardian/bindings': {
    post: { summary: 'A signed-in guardian binds a further child with another binding code', access: 'guardian', tag: 'guardians', body: GuardianBindingRequest, ok: { status: 201, schema: GuardianChild }, errors: [400, 409] },
  },
  '/guardian/children': { get: { summary: 'The children bound to the signed-in guardian (never anyone else)', access: 'guardian', tag: 'guardians', ok: { status: 200, schema: z.object({ items: z.array(GuardianChild) }) } } },
  '/guardian/children/{id}': {
    get: { summary: "A bound child's record: ID number masked, status history, corrected fields (404 for any child not bound to you)", access: 'guardian', tag: 'guardians', ok: { status: 200, schema: GuardianChildRecord }, errors: [400, 404] },
  },
  '/guardian/children/{id}/requests': {
    get: { summary: 'Every request about a bound child, whatever its kind or who started it (a transfer by another school too): steps, deciding organisations, due dates', access: 'guardian', tag: 'guardians', ok: { status: 200, schema: GuardianRequestList }, errors: [400, 404] },
  },
  '/guardian/children/{id}/change-requests': {
    post: { summary: "Ask for a correction of basic information (第十三条) or a suspension (第十六条) of a bound child: the school confirms (step school_confirmation, 10 working days), then its supervising authority decides", access: 'guardian', tag: 'guardians', body: GuardianChangeRequestBody, ok: { status: 201, schema: GuardianRequest }, errors: [400, 404, 409, 422] },
  },
  '/students/{id}/graduation': {
    post: { summary: 'Propose the student as a graduate (school)', access: ['school_registrar'], tag: 'registry', body: ProposeGraduationRequest, ok: { status: 200, schema: Student }, errors: [400, 404, 409] },
  },
  '/students/{id}/graduation/confirmation': {
    post: { summary: "Confirm graduation (the school's supervising county authority)", access: ['county_admin'], tag: 'registry', body: ConfirmGraduationRequest, ok: { status: 200, schema: Student }, errors: [400, 403, 404, 409] },
  },
  '/students/{id}/certificates': {
    post: { summary: 'Issue the certificate the register allows (毕业/结业/肄业, 第十九条): Open Badges 3.0 on VC 2.0, eddsa-rdfc-2022, with revocation and suspension status entries. A record younger than its stage answers 202 second_approval_required with the request the authority above decides (separation of duties); call again once it is approved', access: ['county_admin'], tag: 'certificates', body: IssueCertificateRequest, ok: { status: 201, schema: Certificate }, errors: [400, 403, 404, 409, 422] },
    get: { summary: "A student's certificates", access: ALL, tag: 'certificates', ok: { status: 200, schema: z.array(Certificate) }, errors: [404] },
  },
  '/imports': {
    post: { summary: "Import students from a spreadsheet: the file itself as the body (text/csv, UTF-8 or GB18030, or an XLSX workbook's first sheet; at most 32 MB and 100,000 rows), with the template's Chinese headers. A registrar imports into its own school, an authority into a school of its subtree (schoolCode). 202 with the import; a queued job checks every row by the rules of POST /students (and 第九条 duplicates in the file and against the register): any bad row rejects the whole file and nothing is written, else every record is written in one transaction with one audit entry. The same file into the same school again answers 200 with the earlier import (unless it was rejected)", access: ALL, tag: 'registry', upload: [CSV, XLSX], query: UploadImportQuery, ok: { status: 202, schema: StudentImport }, errors: [400, 404] },
  },
  '/imports/template.xlsx': {
    get: { summary: 'The import template: the header row (required columns bold, ID numbers as text) and a sheet explaining each column', access: ALL, tag: 'registry', ok: { status: 200, contentType: XLSX } },
  },
  '/imports/{id}': {
    get: { summary: 'An import of your subtree: state and progress (rows total, validated, imported, failed)', access: ALL, tag: 'registry', ok: { status: 200, schema: StudentImport }, errors: [400, 404] },
  },
  '/imports/{id}/errors': {
    get: { summary: "An import's bad rows: row number (header = 1), column header, code and reason (no personal data)", access: ALL, tag: 'registry', ok: { status: 200, schema: ImportErrors }, errors: [400, 404] },
  },
  '/imports/{id}/report.xlsx': {
    get: { summary: 'The file as sent, as XLSX, with a column of errors added (错误: "column: reason; …" on each bad row)', access: ALL, tag: 'registry', ok: { status: 200, contentType: XLSX }, errors: [400, 404] },
  },
  '/leaver-lists': {
    post: { summary: "Propose the school's leavers (毕业/结业/肄业, 第十九条) as one list; every bad row is named (items.<index>.<field>) and nothing is written", access: ['school_registrar'], tag: 'certificates', body: ProposeLeaverListRequest, ok: { status: 201, schema: LeaverList }, errors: [400, 422] },
    get: { summary: 'Leaver lists in your subtree, newest first, with progress', access: ALL, tag: 'certificates', query: ListLeaverListsQuery, ok: { status: 200, schema: z.object({ items: z.array(LeaverListSummary) }) }, errors: [400] },
  },
  '/leaver-lists/{id}': {
    get: { summary: 'A leaver list: state, progress (total/done/failed/pending/held) and a page of its rows with their certificate or error', access: ALL, tag: 'certificates', query: LeaverListItemsQuery, ok: { status: 200, schema: LeaverList }, errors: [400, 404] },
  },
  '/leaver-lists/{id}/approval': {
    post: { summary: "Approve a proposed list (the school's supervising authority): the students graduate and a queued job signs one certificate each; rows whose record is younger than its stage are held for the authority above (see /second-approvals)", access: ['county_admin'], tag: 'certificates', ok: { status: 200, schema: LeaverList }, errors: [400, 403, 404, 409] },
  },
  '/leaver-lists/{id}/refusal': {
    post: { summary: 'Refuse a proposed list with a reason; its students are enrolled again', access: ['county_admin'], tag: 'certificates', body: RefuseLeaverListRequest, ok: { status: 200, schema: LeaverList }, errors: [400, 403, 404, 409] },
  },
  '/leaver-lists/{id}/items/{position}/second-review': {
    post: { summary: 'Approve or refuse, with a reason, a row held for the second approval (separation of duties): only the authority above the one that confirmed the list, never the confirming account; once (a retry of the same decision answers it again); approved rows are signed by the list\'s job, refused ones get no certificate (audited)', access: AUTHORITIES, tag: 'certificates', body: SecondReviewRequest, ok: { status: 200, schema: HeldRow }, errors: [400, 403, 404, 409] },
  },
  '/second-approvals': {
    get: { summary: 'Leaver-list rows in your subtree held for the second approval: records younger than their stage (or never verified), with the evidence (keyset pages)', access: AUTHORITIES, tag: 'certificates', query: ListSecondApprovalsQuery, ok: { status: 200, schema: HeldRowPage }, errors: [400] },
  },
  '/certificates/{id}': { get: { summary: 'A certificate with its verifiable credential', access: ALL, tag: 'certificates', ok: { status: 200, schema: Certificate }, errors: [404] } },
  '/certificates/{id}/revocation': {
    post: { summary: 'Revoke a certificate your authority issued, with a reason (final)', access: AUTHORITIES, tag: 'certificates', body: CertificateStatusChangeRequest, ok: { status: 200, schema: Certificate }, errors: [400, 404, 409] },
  },
  '/certificates/{id}/suspension': {
    post: { summary: 'Suspend a certificate your authority issued, with a reason', access: AUTHORITIES, tag: 'certificates', body: CertificateStatusChangeRequest, ok: { status: 200, schema: Certificate }, errors: [400, 404, 409] },
  },
  '/certificates/{id}/reinstatement': {
    post: { summary: 'Lift the suspension of a certificate your authority issued, with a reason', access: AUTHORITIES, tag: 'certificates', body: CertificateStatusChangeRequest, ok: { status: 200, schema: Certificate }, errors: [400, 404, 409] },
  },
  '/certificates/{id}/correction': {
    post: { summary: 'Issue a corrected certificate from the record as it is now; the old one is revoked as superseded', access: AUTHORITIES, tag: 'certificates', body: CertificateStatusChangeRequest, ok: { status: 201, schema: Certificate }, errors: [400, 404, 409, 422] },
  },
  '/certificates/{id}/qr.svg': { get: { summary: 'QR code (SVG) of the verification URL', access: ALL, tag: 'certificates', ok: { status: 200, contentType: 'image/svg+xml' }, errors: [404] } },
  '/certificates/{id}/qr.png': { get: { summary: 'QR code (PNG) of the verification URL', access: ALL, tag: 'certificates', ok: { status: 200, contentType: 'image/png' }, errors: [404] } },
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
  '/contexts/xueji-certificate/v1': {
    get: { summary: 'The JSON-LD context of our certificates besides VC 2.0 and Open Badges 3.0 (frozen)', access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'application/ld+json' } },
  },
  '/trust-list': {
    get: { summary: "The trust list: a credential signed by the root authority (pin its DID) naming every education authority of the register by DID, with name, level, region and standing, and every school with its supervising authority; valid a day, cached 5 min with an ETag", access: 'public', tag: 'vc-api', ok: { status: 200, contentType: 'application/vc+ld+json' } },
  },
  '/contexts/xueji-trust/v1': {
    get: { summary: 'The JSON-LD context of the trust list (frozen)', access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'application/ld+json' } },
  },
  '/contexts/xueji-trust/v2': {
    get: { summary: 'The JSON-LD context of the trust list with its schools (frozen; v1 stays served for lists signed before)', access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'application/ld+json' } },
  },
  '/contexts/xueji-identity/v1': {
    get: { summary: 'The JSON-LD context of the student identity credential (frozen)', access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'application/ld+json' } },
  },
  '/verify/{id}': {
    get: { summary: 'Public verification page behind the QR code: verdict, reason, each check, masked name; no script. When no verification thread is free, 503 with Retry-After as an HTML page (past the time limit 422, likewise)', access: 'public', tag: 'certificates', query: PageLanguage, ok: html, errors: [404] },
  },
  '/verify': {
    get: { summary: 'Public form to check a credential one was handed (paste or file)', access: 'public', tag: 'certificates', query: PageLanguage, ok: html },
    post: { summary: 'Check a credential from the form: the same page as behind the QR code; an empty, malformed, too deep or too many-valued (depth 64, 2,000 values, as the verify routes; 400), too large (413) or non-form (415) submission gets the form again, as HTML, as do a verification past the time limit (422) and no thread free (503 with Retry-After)', access: 'public', tag: 'certificates', query: PageLanguage, form: VerifyForm, ok: html },
  },
  '/certificates/{id}/print.html': {
    get: { summary: 'The certificate as a printable A4 HTML page (no script), with a banner when revoked or suspended', access: ALL, tag: 'certificates', ok: html, errors: [400, 404] },
  },
  '/certificates/{id}/print.pdf': {
    get: { summary: 'The certificate as a one-page A4 PDF, downloaded as <certificate number>.pdf', access: ALL, tag: 'certificates', ok: { status: 200, contentType: 'application/pdf' }, errors: [400, 404] },
  },
  '/students/{id}/guardian-consents': {
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
  '/credentials/derive': {
    post: { summary: 'W3C VC API: derive a selective disclosure (selectivePointers) from an ecdsa-sd-2023 base credential; public and stateless. Runs on the verification threads: past VERIFY_TIMEOUT_MS 422 VERIFICATION_TIMEOUT; all threads busy and the queue full 503 VERIFICATION_BUSY with Retry-After', access: 'public', tag: 'vc-api', body: DeriveCredentialRequest, ok: { status: 201 }, errors: [400, 422, 503] },
  },
  '/issuers/{code}/did.json': { get: { summary: 'did:web DID document of an issuing organisation', access: 'public', tag: 'identity', ok: { status: 200, contentType: 'application/did+ld+json' }, errors: [404] } },
  '/contexts/xueji/v1': { get: { summary: 'The Xueji JSON-LD context (also bundled offline)', access: 'public', tag: 'identity', ok: { status: 200, contentType: 'application/ld+json' } } },
  '/docs': { get: { summary: 'This API, browsable', access: 'public', tag: 'platform', ok: html } },
  '/docs/assets/{file}': { get: { summary: 'Static files of the browsable UI', access: 'public', tag: 'platform', ok: { status: 200 }, errors: [404] } },
  '/docs/openapi.json': { get: { summary: 'This document', access: 'public', tag: 'platform', ok: { status: 200 } } },
};

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

function operation(path: string, method: string, op: Operation) {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (method !== 'get' && op.access !== 'public') {
    params.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } });
  }
  const query = op.query
    ? Object.entries(op.query.shape).map(([name, s]) => ({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: schema(s as z.ZodType) }))
    : [];
  const responses: Record<string, unknown> = {
    [op.ok.status]: {
      description: 'OK',
      ...(op.ok.schema || op.ok.contentType ? { content: { [op.ok.contentType ?? 'application/json']: { schema: op.ok.schema ? schema(op.ok.schema) : {} } } } : {}),
    },
  };
  const errorStatuses = [...(op.errors ?? []), ...(op.access === 'public' ? [] : [401, 403])];
  for (const status of [...new Set(errorStatuses)].sort()) {
    responses[status] = { $ref: '#/components/responses/Problem' };
  }
  return {
    operationId: `${method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: op.summary,
    tags: [op.tag],
    'x-access': op.access === 'public' || op.access === 'guardian' ? op.access : { roles: op.access },
    security: op.access === 'public' ? [] : [{ bearer: [] }],
    ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } } : {}),
    ...(op.upload ? { requestBody: { required: true, content: Object.fromEntries(op.upload.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } } : {}),
    ...(op.form ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: schema(op.form) } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(OPERATIONS).map(([path, methods]) => [
      path,
      Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(path, method, op)])),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Xueji (学籍) API',
      version: '0.1.0',
      description:
        'The student register of 《中小学生学籍管理办法》 with verifiable e-certificates. Errors are application/problem+json. `x-access` says who may call each operation; every account acts inside its own organisation subtree. Authenticated writes accept an `Idempotency-Key` header: a retry with the same key and body gets the first success back (`Idempotent-Replayed: true`); the same key with another body is 422; while the first is still running, 409.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Problem: { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: schema(Problem) } } },
      },
    },
  };
}

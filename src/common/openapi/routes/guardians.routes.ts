import { z } from 'zod';
import { LoginResponse, ConsoleSessionResponse } from '../../../platform/dto/platform.dto.js';
import { GuardianChangeRequestBody } from '../../../registry/dto/change-request.dto.js';
import { BindingCodeIssued, CreateGuardianAccountRequest, GuardianAccountCreated, GuardianBindingRequest, GuardianChild, GuardianChildRecord, GuardianRequest, GuardianRequestList, GuardianSessionRequest, IssueBindingCodeRequest, StudentGuardianList } from '../../../registry/guardians/dto/guardian.dto.js';
import { AccessLogQuery, DisclosurePage } from '../../../sharing/dto/sharing.dto.js';
import { GiveGuardianConsentRequest, GuardianConsentList, GuardianConsentView } from '../../../student-identity/dto/identity-offer.dto.js';
import { ALL, type Routes } from './operation.js';

/** The guardians routes of the OpenAPI document. */
export const GUARDIANS_ROUTES: Routes = {
  '/students/{id}/guardian-codes': {
    post: { summary: "A one-time binding code for a guardian of a student at your school, with their relation: shown once, kept as a digest, valid 14 days, single use (audited). The guardian creates an account with it (POST /guardian/accounts) or, signed in, binds a further child (POST /guardian/bindings)", access: ['school_registrar'], tag: 'guardians', body: IssueBindingCodeRequest, ok: { status: 201, schema: BindingCodeIssued }, errors: [400, 404, 409] },
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
  '/guardian/children/{id}/consents': {
    get: { summary: "The consents recorded for a bound child's identity credential (under 14): paper ones the school recorded (which school; the signer's name stays there) and online ones by a guardian; their relation, date, purpose and state; whether one is needed today and whether you may give one", access: 'guardian', tag: 'guardians', ok: { status: 200, schema: GuardianConsentList }, errors: [400, 404] },
    post: { summary: "A parent or legal guardian (监护人) bound to the child consents online to the identity credential being offered to the child while under 14; the school's offer then needs no paper form. Audited (ids and codes only). 403 RELATION_MAY_NOT_CONSENT (a grandparent or other: the school records a paper consent), 409 CONSENT_ALREADY_GIVEN, 422 CONSENT_NOT_NEEDED (14 or older)", access: 'guardian', tag: 'guardians', body: GiveGuardianConsentRequest, ok: { status: 201, schema: GuardianConsentView }, errors: [400, 403, 404, 409, 422] },
  },
  '/guardian/children/{id}/consents/{consentId}/withdrawal': {
    post: { summary: "A parent or legal guardian bound to the child withdraws a consent (their own, another guardian's or the school's paper one): no further identity credential offer is made under it and its offers not yet redeemed are cancelled; sharing the under-14 child's credential stops; credentials already issued are not revoked (the school revokes them if needed). Audited. 403 RELATION_MAY_NOT_CONSENT, 409 CONSENT_ALREADY_WITHDRAWN", access: 'guardian', tag: 'guardians', ok: { status: 200, schema: GuardianConsentView }, errors: [400, 403, 404, 409] },
  },
  '/guardian/children/{id}/disclosures': {
    get: { summary: 'Who learned what about a bound child (第二十四条): the entries the child’s wallet sees at /holder/disclosures — which relying system, which claims, when, under whose approval, refusals too; newest first, keyset pages', access: 'guardian', tag: 'guardians', query: AccessLogQuery, ok: { status: 200, schema: DisclosurePage }, errors: [400, 404] },
  },
  '/guardian/children/{id}/change-requests': {
    post: { summary: "Ask for a correction of basic information (第十三条) or a suspension (第十六条) of a bound child: the school confirms (step school_confirmation, 10 working days), then its supervising authority decides", access: 'guardian', tag: 'guardians', body: GuardianChangeRequestBody, ok: { status: 201, schema: GuardianRequest }, errors: [400, 404, 409, 422] },
  },
};

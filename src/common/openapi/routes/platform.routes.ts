import { z } from 'zod';
import { CheckAuditHeadRequest } from '../../../identity/audit-head/audit-head.controller.js';
import { Account, AccountPage, ActivationIssued, ActivationRequest, AuditChainReport, AuditEntry, ChangePasswordRequest, CreateAccountRequest, CreateOrganisationRequest, FilingRequest, ListAccountsQuery, LoginRequest, LoginResponse, ConsoleSessionResponse, Organisation, TotpConfirmationRequest, TotpEnrolment, TrainingRequest } from '../../../platform/dto/platform.dto.js';
import { ListReadsQuery, RecordReadPage } from '../../../platform/read-log/dto/read-log.dto.js';
import { AcknowledgeWarningRequest, ListWarningsQuery, Warning, WarningPage } from '../../../platform/warnings/dto/warning.dto.js';
import { ALL, AUTHORITIES, html, type Routes } from './operation.js';

/** The platform routes of the OpenAPI document. */
export const PLATFORM_ROUTES: Routes = {
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
  '/docs': { get: { summary: 'This API, browsable', access: 'public', tag: 'platform', ok: html } },
  '/docs/assets/{file}': { get: { summary: 'Static files of the browsable UI', access: 'public', tag: 'platform', ok: { status: 200 }, errors: [404] } },
  '/docs/openapi.json': { get: { summary: 'This document', access: 'public', tag: 'platform', ok: { status: 200 } } },
};

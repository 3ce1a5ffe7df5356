import { z } from 'zod';
import { Certificate, CertificateStatusChangeRequest, IssueCertificateRequest } from '../../../certificates/dto/certificate.dto.js';
import { LeaverList, LeaverListItemsQuery, LeaverListSummary, ListLeaverListsQuery, ProposeLeaverListRequest, RefuseLeaverListRequest } from '../../../certificates/batches/dto/leaver-list.dto.js';
import { HeldRow, HeldRowPage, ListSecondApprovalsQuery, SecondReviewRequest } from '../../../certificates/batches/dto/second-approval.dto.js';
import { ALL, AUTHORITIES, PageLanguage, VerifyForm, html, type Routes } from './operation.js';

/** The certificates routes of the OpenAPI document. */
export const CERTIFICATES_ROUTES: Routes = {
  '/verify-code': {
    get: { summary: 'The public form for an online verification code (zh/en)', access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'text/html' } },
    post: { summary: "Anyone with a holder's code sees the certificate's verification report (form field `code`; case, spaces and dashes ignored); an unknown, closed or expired code answers 404 with the form; each use is shown to the holder", access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'text/html' }, errors: [404] },
  },
  '/students/{id}/certificates': {
    post: { summary: 'Issue the certificate the register allows (毕业/结业/肄业, 第十九条): Open Badges 3.0 on VC 2.0, eddsa-rdfc-2022, with revocation and suspension status entries. A record younger than its stage answers 202 second_approval_required with the request the authority above decides (separation of duties); call again once it is approved', access: ['county_admin'], tag: 'certificates', body: IssueCertificateRequest, ok: { status: 201, schema: Certificate }, errors: [400, 403, 404, 409, 422] },
    get: { summary: "A student's certificates", access: ALL, tag: 'certificates', ok: { status: 200, schema: z.array(Certificate) }, errors: [404] },
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
  '/contexts/xueji-certificate/v1': {
    get: { summary: 'The JSON-LD context of our certificates besides VC 2.0 and Open Badges 3.0 (frozen)', access: 'public', tag: 'certificates', ok: { status: 200, contentType: 'application/ld+json' } },
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
};

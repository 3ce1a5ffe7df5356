import { StudentStatistics, StudentStatisticsQuery } from '../../../registry/statistics/student-statistics.controller.js';
import { Request } from '../../../workflow/dto/request.dto.js';
import { ConfirmGraduationRequest, EnrolStudentRequest, ListStudentsQuery, ProposeGraduationRequest, SearchStudentsRequest, Student, StudentPage, StudentRecord, UpdateExtraRequest } from '../../../registry/dto/student.dto.js';
import { ChangeRequestBody, StatusHistory, StatusHistoryQuery } from '../../../registry/dto/change-request.dto.js';
import { FieldChangeList, IdentityDocumentList } from '../../../registry/record-history/dto/record-history.dto.js';
import { ImportErrors, StudentImport, UploadImportQuery } from '../../../registry/imports/dto/student-import.dto.js';
import { CSV, XLSX } from '../../../registry/imports/import-files.js';
import { PutRecordSchemaRequest, RecordSchema } from '../../../registry/dto/record-schema.dto.js';
import { CloseSchoolRequest, SchoolClosure } from '../../../registry/moves/dto/closure.dto.js';
import { DropoutCase, DropoutPage, FlagDropoutRequest, FollowUpRequest, ListDropoutsQuery } from '../../../registry/dropouts/dto/dropout.dto.js';
import { ConfirmRosterRequest, ListProblemsQuery, ProblemPage, RecordProblem, ResolveProblemRequest, RosterConfirmation } from '../../../registry/verification/dto/verification.dto.js';
import { ListRecordCopiesQuery, RecordCopy, RecordCopyPage, StartTransferRequest } from '../../../registry/transfers/dto/transfer.dto.js';
import { ProgressionRequestBody, PromotionBatch, PromotionBody } from '../../../registry/dto/change-request.dto.js';
import { ALL, AUTHORITIES, type Routes } from './operation.js';

/** The registry routes of the OpenAPI document. */
export const REGISTRY_ROUTES: Routes = {
  '/statistics/students': {
    get: { summary: 'Counts of the students of your subtree by region (the organisations directly below you), stage, grade and status; cells under 5 suppressed, and a lone suppressed cell’s smallest neighbour too, so that the total gives nothing away (第二十四条)', access: ALL, tag: 'registry', query: StudentStatisticsQuery, ok: { status: 200, schema: StudentStatistics }, errors: [400] },
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
  '/students/{id}/field-changes': {
    get: { summary: "The record's field history (第十三条): what each correction asks (while open) and changed (old and new value, the day applied), personal values opened for the answer; a logged read", access: ALL, tag: 'registry', ok: { status: 200, schema: FieldChangeList }, errors: [400, 404] },
  },
  '/students/{id}/identity-documents': {
    get: { summary: 'The identity documents the record carried before (valid from–to, the request that replaced each) and one proposed by an open request, numbers masked; a logged read', access: ALL, tag: 'registry', ok: { status: 200, schema: IdentityDocumentList }, errors: [400, 404] },
  },
  '/students/{id}/graduation': {
    post: { summary: 'Propose the student as a graduate (school)', access: ['school_registrar'], tag: 'registry', body: ProposeGraduationRequest, ok: { status: 200, schema: Student }, errors: [400, 404, 409] },
  },
  '/students/{id}/graduation/confirmation': {
    post: { summary: "Confirm graduation (the school's supervising county authority)", access: ['county_admin'], tag: 'registry', body: ConfirmGraduationRequest, ok: { status: 200, schema: Student }, errors: [400, 403, 404, 409] },
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
};

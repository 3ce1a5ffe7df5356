import { z } from 'zod';
import { CalendarYear, CalendarYearRequest, DueDate, DueDateQuery } from '../../../workflow/dto/calendar.dto.js';
import { DecideStepRequest, ListRequestsQuery, Request, RequestPage } from '../../../workflow/dto/request.dto.js';
import { AddMaterialRequest, Material, MaterialList } from '../../../workflow/dto/request-material.dto.js';
import { ALL, type Routes } from './operation.js';

/** The workflow routes of the OpenAPI document. */
export const WORKFLOW_ROUTES: Routes = {
  '/calendar/due-date': {
    get: { summary: 'The due date of a period of N working days from a day (not counted), by the State Council notices loaded (民法典 第二百零一条); 422 CALENDAR_YEAR_MISSING for a year not loaded — never a guess', access: ALL, tag: 'workflow', query: DueDateQuery, ok: { status: 200, schema: DueDate }, errors: [400, 422] },
  },
  '/calendar/years': { get: { summary: 'The years of the working-day calendar loaded, with their holidays and make-up working days', access: ALL, tag: 'workflow', ok: { status: 200, schema: z.array(CalendarYear) } } },
  '/calendar/years/{year}': {
    put: { summary: "Load (or correct) a year's notice: holidays and make-up working days, checked as data (audited)", access: ['national_admin'], tag: 'workflow', body: CalendarYearRequest, ok: { status: 200, schema: CalendarYear }, errors: [400] },
  },
  '/requests': {
    get: { summary: 'Requests (record changes, approvals) your subtree sees — a transfer is seen by both sides and nobody else — newest first, with each step, its deciding organisation and working-day due date; filtered by kind, status or student (studentId: a record’s requests, within what your subtree sees)', access: ALL, tag: 'workflow', query: ListRequestsQuery, ok: { status: 200, schema: RequestPage }, errors: [400] },
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
};

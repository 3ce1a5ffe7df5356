import type { RequestStatus, StepState, StepStatus } from './domain/request-steps.js';
import { isOverdue } from './domain/request-steps.js';
import { pathCodes } from '../platform/organisations/domain/org-level.js';

export interface RequestRow {
  id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  status: RequestStatus;
  /** An organisation account, or null when a guardian submitted (then `submitted_by_guardian`). */
  submitted_by: string | null;
  submitted_by_guardian: string | null;
  submitted_path: string;
  visible_paths: string[];
  details: Record<string, unknown> | string;
  version: number;
  created_at: Date | string;
  closed_at: Date | string | null;
}

export interface StepRow {
  request_id: string;
  index: number;
  name: string;
  actor_path: string;
  working_days: number;
  status: StepStatus;
  started_on: string | null;
  due_date: string | null;
  escalated_at: Date | string | null;
  decided_by: string | null;
  decided_by_username: string | null;
  decided_at: Date | string | null;
  reason: string | null;
}

export interface RequestView {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  status: RequestStatus;
  submittedBy: string;
  createdAt: string;
  closedAt: string | null;
  version: number;
  details: Record<string, unknown>;
  steps: Array<{
    index: number;
    name: string;
    organisationCode: string;
    status: StepStatus;
    startedOn: string | null;
    dueDate: string | null;
    overdue: boolean;
    escalated: boolean;
    decidedBy: string | null;
    decidedAt: string | null;
    reason: string | null;
  }>;
}

/** `date` columns are selected as text (STEP_COLUMNS), so no driver turns them into instants. */
function day(value: string | null): string | null {
  return value === null ? null : value.slice(0, 10);
}

export const STEP_COLUMNS = `request_id, index, name, actor_path, working_days, status, started_on::text AS started_on, due_date::text AS due_date,
  escalated_at, decided_by, (SELECT a.username FROM accounts a WHERE a.id = request_steps.decided_by) AS decided_by_username, decided_at, reason`;

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** The submitting account's id, an organisation account's or a guardian's (exactly one is set). */
export function submitterOf(row: Pick<RequestRow, 'submitted_by' | 'submitted_by_guardian'>): string {
  return (row.submitted_by ?? row.submitted_by_guardian)!;
}

export function stepState(row: StepRow): StepState {
  return {
    index: row.index,
    name: row.name,
    actorPath: row.actor_path,
    workingDays: row.working_days,
    status: row.status,
    startedOn: day(row.started_on),
    dueDate: day(row.due_date),
    decidedBy: row.decided_by,
    reason: row.reason,
  };
}

export function requestView(row: RequestRow, steps: StepRow[], today: string): RequestView {
  return {
    id: row.id,
    kind: row.kind,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    status: row.status,
    submittedBy: submitterOf(row),
    createdAt: iso(row.created_at)!,
    closedAt: iso(row.closed_at),
    version: row.version,
    details: json(row.details),
    steps: steps
      .sort((a, b) => a.index - b.index)
      .map((s) => {
        const state = stepState(s);
        return {
          index: s.index,
          name: s.name,
          organisationCode: pathCodes(s.actor_path).at(-1)!,
          status: s.status,
          startedOn: state.startedOn,
          dueDate: state.dueDate,
          overdue: isOverdue(state, today),
          escalated: s.escalated_at !== null,
          decidedBy: s.decided_by,
          decidedByUsername: s.decided_by_username,
          decidedAt: iso(s.decided_at),
          reason: s.reason,
        };
      }),
  };
}


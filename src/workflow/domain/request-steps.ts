/**
 * The request engine's rules (第十三、十五、十六、二十一条 and the sharing module's approvals): a
 * request is a chain of steps, each for one organisation, each with a deadline in working days
 * from the day it starts. Nothing here knows what the request is about.
 *
 * - Steps run in order: the first starts when the request is submitted, each next one when the
 *   one before is approved; a refusal (with a reason) ends the request.
 * - Only the step's organisation decides it; once the step is overdue the authority above may
 *   decide it instead (escalation).
 * - The account that submitted the request decides none of its steps, and no account decides
 *   two steps of one request.
 */
import { authorityAbove } from '../../platform/organisations/domain/org-level.js';
import type { WorkingCalendar } from './working-days.js';

export type StepStatus = 'waiting' | 'pending' | 'approved' | 'refused';
export type RequestStatus = 'open' | 'approved' | 'refused' | 'withdrawn';

export interface StepPlan {
  /** What the step is, e.g. `sending_school`, `receiving_authority`. */
  name: string;
  /** The organisation that decides it. */
  actorPath: string;
  workingDays: number;
}

export interface StepState extends StepPlan {
  index: number;
  status: StepStatus;
  startedOn: string | null;
  dueDate: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface RequestState {
  status: RequestStatus;
  submittedBy: string;
  steps: StepState[];
}

export interface Actor {
  accountId: string;
  organisationPath: string;
}

export type Decision = { outcome: 'approve'; reason?: string } | { outcome: 'refuse'; reason: string };

export type DecisionRefusal =
  | 'REQUEST_CLOSED'
  | 'STEP_NOT_PENDING'
  | 'NOT_YOUR_STEP'
  | 'SUBMITTER_CANNOT_DECIDE'
  | 'ALREADY_DECIDED_A_STEP'
  | 'REASON_REQUIRED';

export type DecisionOutcome =
  | { ok: true; steps: StepState[]; status: RequestStatus; changed: number[]; escalated: boolean }
  | { ok: false; refusal: DecisionRefusal };

/** The steps of a new request: the first starts today, the others wait. */
export function startSteps(plans: readonly StepPlan[], today: string, calendar: WorkingCalendar): StepState[] {
  if (plans.length === 0) throw new RangeError('a request needs at least one step');
  return plans.map((plan, index) => ({
    ...plan,
    index,
    status: index === 0 ? 'pending' : 'waiting',
    startedOn: index === 0 ? today : null,
    dueDate: index === 0 ? calendar.dueDate(today, plan.workingDays) : null,
    decidedBy: null,
    reason: null,
  }));
}

/** A pending step is overdue once its due date has passed (it is due at the end of that day). */
export function isOverdue(step: Pick<StepState, 'status' | 'dueDate'>, today: string): boolean {
  return step.status === 'pending' && step.dueDate !== null && today > step.dueDate;
}

export { authorityAbove };

/** Whether this organisation may decide the step today: its own, or the one above once overdue. */
export function mayDecide(step: StepState, organisationPath: string, today: string): 'own' | 'escalated' | false {
  if (organisationPath === step.actorPath) return 'own';
  if (isOverdue(step, today) && organisationPath === authorityAbove(step.actorPath)) return 'escalated';
  return false;
}

export function decide(
  request: RequestState,
  index: number,
  decision: Decision,
  actor: Actor,
  today: string,
  calendar: WorkingCalendar,
): DecisionOutcome {
  if (request.status !== 'open') return { ok: false, refusal: 'REQUEST_CLOSED' };
  const step = request.steps[index];
  if (!step || step.status !== 'pending') return { ok: false, refusal: 'STEP_NOT_PENDING' };
  const may = mayDecide(step, actor.organisationPath, today);
  if (!may) return { ok: false, refusal: 'NOT_YOUR_STEP' };
  if (actor.accountId === request.submittedBy) return { ok: false, refusal: 'SUBMITTER_CANNOT_DECIDE' };
  if (request.steps.some((s) => s.decidedBy === actor.accountId)) return { ok: false, refusal: 'ALREADY_DECIDED_A_STEP' };
  if (decision.outcome === 'refuse' && !decision.reason?.trim()) return { ok: false, refusal: 'REASON_REQUIRED' };

  const steps = request.steps.map((s) => ({ ...s }));
  steps[index] = { ...step, status: decision.outcome === 'approve' ? 'approved' : 'refused', decidedBy: actor.accountId, reason: decision.reason ?? null };
  if (decision.outcome === 'refuse') return { ok: true, steps, status: 'refused', changed: [index], escalated: may === 'escalated' };
  const next = steps[index + 1];
  if (!next) return { ok: true, steps, status: 'approved', changed: [index], escalated: may === 'escalated' };
  steps[index + 1] = { ...next, status: 'pending', startedOn: today, dueDate: calendar.dueDate(today, next.workingDays) };
  return { ok: true, steps, status: 'open', changed: [index, index + 1], escalated: may === 'escalated' };
}

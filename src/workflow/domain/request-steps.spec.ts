import { SHIPPED_CALENDAR_YEARS } from '../calendar-data.js';
import { authorityAbove, decide, isOverdue, mayDecide, startSteps, type RequestState } from './request-steps.js';
import { WorkingCalendar } from './working-days.js';

const calendar = new WorkingCalendar(SHIPPED_CALENDAR_YEARS);
const SENDING = '/000000/330000/330100/330106/3330106001/';
const SENDING_COUNTY = '/000000/330000/330100/330106/';
const RECEIVING_COUNTY = '/000000/110000/110100/110105/';

const transfer = (): RequestState => ({
  status: 'open',
  submittedBy: 'receiving-registrar',
  steps: startSteps(
    [
      { name: 'sending_school', actorPath: SENDING, workingDays: 10 },
      { name: 'sending_authority', actorPath: SENDING_COUNTY, workingDays: 10 },
      { name: 'receiving_authority', actorPath: RECEIVING_COUNTY, workingDays: 10 },
    ],
    '2026-09-18',
    calendar,
  ),
});

describe('request steps', () => {
  it('starts the first step with its working-day deadline; the others wait', () => {
    const { steps } = transfer();
    expect(steps.map((s) => [s.status, s.startedOn, s.dueDate])).toEqual([
      ['pending', '2026-09-18', '2026-10-09'],
      ['waiting', null, null],
      ['waiting', null, null],
    ]);
  });

  it('advances step by step, each next step starting on the day of the approval before it', () => {
    let request = transfer();
    const chain = [
      { accountId: 'sending-registrar', organisationPath: SENDING },
      { accountId: 'sending-county', organisationPath: SENDING_COUNTY },
      { accountId: 'receiving-county', organisationPath: RECEIVING_COUNTY },
    ];
    const days = ['2026-09-21', '2026-09-30', '2026-10-08'];
    const statuses: string[] = [];
    chain.forEach((actor, i) => {
      const outcome = decide(request, i, { outcome: 'approve' }, actor, days[i], calendar);
      if (!outcome.ok) throw new Error(outcome.refusal);
      request = { ...request, steps: outcome.steps, status: outcome.status };
      statuses.push(outcome.status);
    });
    expect(statuses).toEqual(['open', 'open', 'approved']);
    // approved 09-30: ten working days after the National Day holiday
    expect(request.steps[2]).toMatchObject({ startedOn: '2026-09-30', dueDate: '2026-10-20', status: 'approved' });
  });

  it.each([
    ['a sibling school', { accountId: 'x', organisationPath: '/000000/330000/330100/330106/3330106002/' }, '2026-09-21', 'NOT_YOUR_STEP'],
    ['the authority above before the deadline', { accountId: 'x', organisationPath: SENDING_COUNTY }, '2026-10-09', 'NOT_YOUR_STEP'],
    ['the submitter', { accountId: 'receiving-registrar', organisationPath: SENDING }, '2026-09-21', 'SUBMITTER_CANNOT_DECIDE'],
  ])('refuses %s', (_, actor, today, refusal) => {
    expect(decide(transfer(), 0, { outcome: 'approve' }, actor, today, calendar)).toEqual({ ok: false, refusal });
  });

  it('lets the authority above decide an overdue step (escalation), and says so', () => {
    const request = transfer();
    expect(isOverdue(request.steps[0], '2026-10-09')).toBe(false);
    expect(isOverdue(request.steps[0], '2026-10-10')).toBe(true);
    expect(mayDecide(request.steps[0], SENDING_COUNTY, '2026-10-10')).toBe('escalated');
    const outcome = decide(request, 0, { outcome: 'approve' }, { accountId: 'county', organisationPath: SENDING_COUNTY }, '2026-10-10', calendar);
    expect(outcome).toMatchObject({ ok: true, escalated: true, status: 'open' });
  });

  it('lets no account decide two steps of one request', () => {
    const request = transfer();
    const first = decide(request, 0, { outcome: 'approve' }, { accountId: 'county', organisationPath: SENDING_COUNTY }, '2026-10-12', calendar);
    if (!first.ok) throw new Error(first.refusal);
    const second = decide({ ...request, steps: first.steps }, 1, { outcome: 'approve' }, { accountId: 'county', organisationPath: SENDING_COUNTY }, '2026-10-12', calendar);
    expect(second).toEqual({ ok: false, refusal: 'ALREADY_DECIDED_A_STEP' });
  });

  it('needs a reason to refuse, and a refusal ends the request', () => {
    const actor = { accountId: 'sending-registrar', organisationPath: SENDING };
    expect(decide(transfer(), 0, { outcome: 'refuse', reason: ' ' }, actor, '2026-09-21', calendar)).toEqual({ ok: false, refusal: 'REASON_REQUIRED' });
    const refused = decide(transfer(), 0, { outcome: 'refuse', reason: '学生仍在本校就读' }, actor, '2026-09-21', calendar);
    expect(refused).toMatchObject({ ok: true, status: 'refused', changed: [0] });
    if (!refused.ok) return;
    expect(decide({ ...transfer(), status: 'refused', steps: refused.steps }, 1, { outcome: 'approve' }, actor, '2026-09-21', calendar)).toEqual({
      ok: false,
      refusal: 'REQUEST_CLOSED',
    });
  });

  it('refuses a step that is not the pending one', () => {
    const actor = { accountId: 'c', organisationPath: SENDING_COUNTY };
    expect(decide(transfer(), 1, { outcome: 'approve' }, actor, '2026-09-21', calendar)).toEqual({ ok: false, refusal: 'STEP_NOT_PENDING' });
    expect(decide(transfer(), 7, { outcome: 'approve' }, actor, '2026-09-21', calendar)).toEqual({ ok: false, refusal: 'STEP_NOT_PENDING' });
  });

  it('finds the authority above', () => {
    expect(authorityAbove(SENDING)).toBe(SENDING_COUNTY);
    expect(authorityAbove('/000000/')).toBe('/000000/');
  });
});

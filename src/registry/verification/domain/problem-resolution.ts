/** How an authority resolves a problem of semester verification (第二十五条). Pure rules. */
export type ProblemKind = 'phantom' | 'mismatch' | 'unregistered' | 'duplicate';
export type Resolution = 'merged' | 'distinct' | 'resolved';

export interface ProblemFacts {
  kind: ProblemKind;
  status: 'open' | 'resolved';
  scopePath: string;
  otherScopePath: string | null;
  studentId: string | null;
  otherStudentId: string | null;
}

export type ResolutionCheck = { ok: true; keep?: string; remove?: string } | { ok: false; field?: string; code: string; message: string };

/** An authority over either side resolves; a duplicate is merged (naming the record kept) or confirmed distinct. */
export function checkResolution(problem: ProblemFacts, actorPath: string, resolution: Resolution, keepStudentId: string | undefined): ResolutionCheck {
  const over = (path: string | null) => path !== null && path !== actorPath && path.startsWith(actorPath);
  if (!over(problem.scopePath) && !over(problem.otherScopePath)) {
    return { ok: false, code: 'NOT_SUPERVISING', message: 'a problem is resolved by an authority over the school concerned' };
  }
  if (problem.status !== 'open') return { ok: false, code: 'ALREADY_RESOLVED', message: 'the problem is already resolved' };
  const duplicate = problem.kind === 'duplicate';
  if (resolution !== 'resolved' && !duplicate) return { ok: false, field: 'resolution', code: 'INVALID_RESOLUTION', message: `${resolution} applies to a duplicate only` };
  if (resolution === 'resolved' && duplicate) return { ok: false, field: 'resolution', code: 'INVALID_RESOLUTION', message: 'a duplicate is merged or confirmed distinct' };
  if (resolution !== 'merged') return { ok: true };
  const pair = [problem.studentId, problem.otherStudentId];
  if (!keepStudentId || !pair.includes(keepStudentId)) {
    return { ok: false, field: 'keepStudentId', code: 'INVALID_RESOLUTION', message: 'keepStudentId must name one of the two records' };
  }
  return { ok: true, keep: keepStudentId, remove: pair.find((id) => id !== keepStudentId)! };
}

/**
 * 学校合并与撤销 (第十二条) as pure rules: when schools merge, the records move to the merged
 * school; when a school is closed, to its supervising authority or a unit it names. Both are
 * decided by an authority over the school and the successor; a school closes once, and only a
 * school that is open receives records.
 */
import { authorityAbove, isWithinSubtree } from '../../../platform/organisations/domain/org-level.js';
import type { ChangeRefusal } from '../../domain/change-kinds/change-kind.js';

export type ClosureKind = 'merger' | 'closure';

export interface ClosingOrganisation {
  level: string;
  path: string;
  closedOn: string | null;
}

/** The successor the records go to: a school for a merger; for a closure a school or the authority above. */
export function checkClosure(kind: ClosureKind, school: ClosingOrganisation, successor: ClosingOrganisation, actorPath: string): ChangeRefusal | null {
  if (school.level !== 'school') return { kind: 'validation', field: 'code', code: 'NOT_A_SCHOOL', message: 'only a school is merged or closed' };
  if (actorPath === school.path || !isWithinSubtree(actorPath, school.path)) {
    return { kind: 'unprocessable', code: 'NOT_SUPERVISING', message: "a school is merged or closed by an authority over it" };
  }
  if (school.closedOn) return { kind: 'conflict', code: 'SCHOOL_CLOSED', message: `the school was merged or closed on ${school.closedOn}` };
  if (successor.path === school.path) return { kind: 'validation', field: 'successorCode', code: 'SAME_SCHOOL', message: 'a school cannot be merged into itself' };
  if (!isWithinSubtree(actorPath, successor.path)) {
    return { kind: 'validation', field: 'successorCode', code: 'NOT_IN_SUBTREE', message: 'the successor must be within your own subtree' };
  }
  if (successor.closedOn) return { kind: 'conflict', code: 'SCHOOL_CLOSED', message: 'the successor has itself been merged or closed' };
  const toSchool = successor.level === 'school';
  if (kind === 'merger' && !toSchool) return { kind: 'validation', field: 'successorCode', code: 'NOT_A_SCHOOL', message: 'a school merges into another school' };
  if (kind === 'closure' && !toSchool && successor.path !== authorityAbove(school.path)) {
    return { kind: 'validation', field: 'successorCode', code: 'NOT_A_SUCCESSOR', message: "a closed school's records go to a school or to its own supervising authority" };
  }
  return null;
}

/**
 * An approval (第二十四条): a county-level or higher authority lets one relying system learn named
 * claims, for a purpose, under a legal basis, about students of one region, until a day, up to a
 * number of presentations. 谁批准、谁负责: the approving account and organisation are part of it.
 */
import { firstClaimOutside } from './claims.js';

export type ApprovalStatus = 'requested' | 'active' | 'suspended' | 'revoked' | 'refused';

export interface ApprovalTerms {
  status: ApprovalStatus;
  claims: readonly string[];
  /** Organisation path of the region whose students it covers. */
  regionPath: string;
  /** Last day of use (YYYY-MM-DD, China time). */
  validUntil: string;
  volumeLimit: number;
  used: number;
}

export type UseRefusal =
  | { code: 'APPROVAL_NOT_ACTIVE'; message: string }
  | { code: 'APPROVAL_EXPIRED'; message: string }
  | { code: 'APPROVAL_VOLUME_EXCEEDED'; message: string }
  | { code: 'CLAIM_NOT_APPROVED'; message: string; claim: string };

/** Whether a presentation request for `claims` may be made under the approval today. */
export function useRefusal(approval: ApprovalTerms, claims: readonly string[], today: string): UseRefusal | null {
  if (approval.status !== 'active') return { code: 'APPROVAL_NOT_ACTIVE', message: `the approval is ${approval.status}` };
  if (today > approval.validUntil) return { code: 'APPROVAL_EXPIRED', message: `the approval ended on ${approval.validUntil}` };
  if (approval.used >= approval.volumeLimit) return { code: 'APPROVAL_VOLUME_EXCEEDED', message: `the approval's volume of ${approval.volumeLimit} is used up` };
  const outside = firstClaimOutside(claims, approval.claims);
  if (outside) return { code: 'CLAIM_NOT_APPROVED', message: `the claim ${outside} is not in the approval`, claim: outside };
  return null;
}

/** Whether a student of the organisation at `studentPath` lies in the approval's region. */
export function inRegion(approval: Pick<ApprovalTerms, 'regionPath'>, studentPath: string): boolean {
  return studentPath.startsWith(approval.regionPath);
}

/** An approving authority must be county level or above (第二十四条: 县级以上人民政府). */
export function mayApprove(level: string): boolean {
  return level === 'county' || level === 'city' || level === 'province' || level === 'national';
}

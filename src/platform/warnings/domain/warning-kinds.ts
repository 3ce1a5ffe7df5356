import { authorityAbove } from '../../organisations/domain/org-level.js';

/**
 * Warnings (预警, 第二十三、二十六条): what the register notices and reports to the authority above
 * the organisation concerned, each with its evidence (codes, counts and opaque ids — never names
 * or ID numbers). The kinds are a closed list so that a console can explain each one.
 */
export const WARNING_KINDS = [
  // accounts (第二十二、二十四条)
  'account.locked',
  'account.created',
  'account.sealed',
  'login.failure_burst',
  // organisations
  'organisation.created',
  // separation of duties against forged records
  'certificate.second_approval_needed',
  // early warnings of misuse (第二十三条)
  'records.read_burst',
  'duplicate_person.lookup_burst',
  'change.unusual_hour',
  // 第六条: records made more than two months after entry (one warning a day per school; the records carry the flag)
  'registration.late',
  // 第七条: a register change recorded more than one month after it happened
  'change.late_recorded',
  // requests (第十五、二十六条): a step past its working-day deadline goes to the authority above
  'request.step_overdue',
  // 第十五、二十六条: a refused transfer, for the authority above the refusing party to review
  'transfer.refused',
  // 第十七、二十六条: a possible drop-out with no follow-up by its due date
  'dropout.not_followed_up',
  // sharing (第二十四条): a relying system beyond its approval, told to the approving authority
  'sharing.volume_exceeded',
  'sharing.outside_scope',
  'sharing.outside_region',
  'sharing.verification_failures',
] as const;

export type WarningKind = (typeof WARNING_KINDS)[number];

/**
 * Where a warning about an organisation goes: to the authority directly above it, whose subtree
 * (and its ancestors') then lists it. The national root reports to itself.
 */
export const addressedPath = authorityAbove;

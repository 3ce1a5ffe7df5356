/**
 * Who asks for a register change decides its steps: the school's own request goes to its
 * supervising authority; a guardian's goes to the school first, which confirms it (its
 * confirmation is what a school's own submission is), then to the authority (第十三、十六条).
 */
export type Asker = 'school' | 'guardian';

export const SCHOOL_CONFIRMATION_WORKING_DAYS = 10;

export interface PlannedStep {
  name: string;
  actorPath: string;
  workingDays: number;
}

export function askedSteps(asker: Asker, schoolPath: string, authorityPath: string, authorityWorkingDays: number): PlannedStep[] {
  const authority = { name: 'supervising_authority', actorPath: authorityPath, workingDays: authorityWorkingDays };
  if (asker === 'school') return [authority];
  return [{ name: 'school_confirmation', actorPath: schoolPath, workingDays: SCHOOL_CONFIRMATION_WORKING_DAYS }, authority];
}

/**
 * What a relying system may learn about a student, as a closed list of claims of the student
 * identity credential (docs/identity.md). An approval names some of them; a presentation request
 * may ask for no more. The student number is not on the list: a relying system recognises a
 * student by a pairwise identifier of its own, never by the register's number.
 */
export const SHAREABLE_CLAIMS = [
  'enrolment_status',
  'education_stage',
  'grade',
  'school',
  'region',
  'age_over_12',
  'age_over_14',
  'age_over_16',
  'age_over_18',
  'name',
  'gender',
  'birth_date',
] as const;

export type ShareableClaim = (typeof SHAREABLE_CLAIMS)[number];

/** Claims that identify the person: an approval for them needs a legal basis beyond consent of use. */
export const PERSONAL_CLAIMS: ReadonlySet<ShareableClaim> = new Set(['name', 'gender', 'birth_date']);

export function isShareableClaim(value: string): value is ShareableClaim {
  return (SHAREABLE_CLAIMS as readonly string[]).includes(value);
}

/** The first claim asked for that the approval does not allow, or null when all are allowed. */
export function firstClaimOutside(asked: readonly string[], allowed: readonly string[]): string | null {
  return asked.find((claim) => !allowed.includes(claim)) ?? null;
}

/**
 * The slice of a record's life this service handles so far: enrolled → graduation proposed by
 * the school → graduated once the supervising authority confirms (第十九条). Pure rules.
 */
export type EducationStage = 'primary' | 'junior' | 'senior';
/** The record's status column: record states (status-history.ts) and the graduation workflow's proposal. */
export type StudentStatus = 'enrolled' | 'graduation_proposed' | 'graduated' | 'suspended' | 'withdrawn' | 'deceased' | 'merged' | 'abroad' | 'deferred';
export const STUDENT_STATUSES = ['enrolled', 'graduation_proposed', 'graduated', 'suspended', 'withdrawn', 'deceased', 'merged', 'abroad', 'deferred'] as const;

export const EDUCATION_STAGES: readonly EducationStage[] = ['primary', 'junior', 'senior'];

/** Grades a stage runs through (primary 1–6, junior 7–9, senior 10–12; 五四制 fits inside). */
export const GRADE_RANGE: Record<EducationStage, { min: number; max: number }> = {
  primary: { min: 1, max: 6 },
  junior: { min: 6, max: 9 },
  senior: { min: 10, max: 12 },
};

export type Decision = { ok: true } | { ok: false; code: string; message: string };

const allow: Decision = { ok: true };

const NOT_PROPOSABLE: Record<Exclude<StudentStatus, 'enrolled'>, string> = {
  graduated: 'The student has already graduated',
  graduation_proposed: 'Graduation has already been proposed for this student',
  suspended: 'The student is suspended (休学); resume the record first',
  withdrawn: 'The student has withdrawn (退学)',
  deceased: 'The record is cancelled (死亡注销)',
  merged: 'The record was a duplicate, merged into another (第二十五条)',
  abroad: 'The student studies abroad (出国(境)学习); record the return first',
  deferred: 'The child has deferred entry (缓学); record the entry first',
};

export function canProposeGraduation(status: StudentStatus): Decision {
  if (status === 'enrolled') return allow;
  return { ok: false, code: 'INVALID_STATE', message: NOT_PROPOSABLE[status] };
}

export function canConfirmGraduation(status: StudentStatus): Decision {
  if (status === 'graduation_proposed') return allow;
  return {
    ok: false,
    code: 'INVALID_STATE',
    message:
      status === 'graduated' ? 'The student has already graduated' : 'The school has not proposed this student as a graduate',
  };
}

/** A graduation date lies after enrolment and not in the future. Dates are YYYY-MM-DD. */
export function checkGraduationDate(graduationDate: string, enrolmentDate: string, today: string): Decision {
  if (graduationDate < enrolmentDate) {
    return { ok: false, code: 'INVALID_DATE', message: 'graduationDate is before the enrolment date' };
  }
  if (graduationDate > today) {
    return { ok: false, code: 'INVALID_DATE', message: 'graduationDate is in the future' };
  }
  return allow;
}

/** An enrolment date is not in the future and not before the student was born. */
export function checkEnrolmentDate(enrolmentDate: string, birthDate: string, today: string): Decision {
  if (enrolmentDate > today) return { ok: false, code: 'INVALID_DATE', message: 'enrolmentDate is in the future' };
  if (enrolmentDate <= birthDate) {
    return { ok: false, code: 'INVALID_DATE', message: 'enrolmentDate is not after the birth date in the ID number' };
  }
  return allow;
}

export function checkGrade(stage: EducationStage, grade: number): Decision {
  const { min, max } = GRADE_RANGE[stage];
  if (Number.isInteger(grade) && grade >= min && grade <= max) return allow;
  return { ok: false, code: 'INVALID_GRADE', message: `grade must be ${min}–${max} for ${stage} education` };
}

/**
 * How a student leaves a stage, which decides the certificate (第十九条): 毕业 (graduation) and
 * 结业 (completion: studied to the end, requirements not all met) need the whole stage; a student
 * who leaves before its end gets 肄业 (incompletion) and nothing else.
 */
export type LeavingKind = 'graduation' | 'completion' | 'incompletion';
export const LEAVING_KINDS: readonly LeavingKind[] = ['graduation', 'completion', 'incompletion'];

/**
 * The first day a stage counts as finished: June 1 of the school year in which the student,
 * entering `grade` in the school year of `enrolmentDate`, reaches the stage's last grade.
 * (School years start in September; a spring entry belongs to the year begun the autumn before.)
 */
export function stageEndDate(stage: EducationStage, grade: number, enrolmentDate: string): string {
  const year = Number(enrolmentDate.slice(0, 4));
  const month = Number(enrolmentDate.slice(5, 7));
  const schoolYearStart = month >= 8 ? year : year - 1;
  const yearsLeft = GRADE_RANGE[stage].max - grade + 1;
  return `${schoolYearStart + yearsLeft}-06-01`;
}

export function checkLeavingKind(kind: LeavingKind, leavingDate: string, stageEnd: string): Decision {
  if (kind === 'incompletion' || leavingDate >= stageEnd) return allow;
  return {
    ok: false,
    code: 'STAGE_NOT_FINISHED',
    message: `a student leaving before the end of the stage (${stageEnd}) receives an incompletion (肄业) certificate, not ${kind}`,
  };
}

export const EDUCATION_STAGES = ['primary', 'junior', 'senior'];
/** Grades a stage runs through (primary 1–6, junior 7–9, senior 10–12; 五四制 fits inside). */
export const GRADE_RANGE = {
    primary: { min: 1, max: 6 },
    junior: { min: 6, max: 9 },
    senior: { min: 10, max: 12 },
};
const allow = { ok: true };
export function canProposeGraduation(status) {
    if (status === 'enrolled')
        return allow;
    return {
        ok: false,
        code: 'INVALID_STATE',
        message: status === 'graduated' ? 'The student has already graduated' : 'Graduation has already been proposed for this student',
    };
}
export function canConfirmGraduation(status) {
    if (status === 'graduation_proposed')
        return allow;
    return {
        ok: false,
        code: 'INVALID_STATE',
        message: status === 'graduated' ? 'The student has already graduated' : 'The school has not proposed this student as a graduate',
    };
}
/** A graduation date lies after enrolment and not in the future. Dates are YYYY-MM-DD. */
export function checkGraduationDate(graduationDate, enrolmentDate, today) {
    if (graduationDate < enrolmentDate) {
        return { ok: false, code: 'INVALID_DATE', message: 'graduationDate is before the enrolment date' };
    }
    if (graduationDate > today) {
        return { ok: false, code: 'INVALID_DATE', message: 'graduationDate is in the future' };
    }
    return allow;
}
/** An enrolment date is not in the future and not before the student was born. */
export function checkEnrolmentDate(enrolmentDate, birthDate, today) {
    if (enrolmentDate > today)
        return { ok: false, code: 'INVALID_DATE', message: 'enrolmentDate is in the future' };
    if (enrolmentDate <= birthDate) {
        return { ok: false, code: 'INVALID_DATE', message: 'enrolmentDate is not after the birth date in the ID number' };
    }
    return allow;
}
export function checkGrade(stage, grade) {
    const { min, max } = GRADE_RANGE[stage];
    if (Number.isInteger(grade) && grade >= min && grade <= max)
        return allow;
    return { ok: false, code: 'INVALID_GRADE', message: `grade must be ${min}–${max} for ${stage} education` };
}
export const LEAVING_KINDS = ['graduation', 'completion', 'incompletion'];
/**
 * The first day a stage counts as finished: June 1 of the school year in which the student,
 * entering `grade` in the school year of `enrolmentDate`, reaches the stage's last grade.
 * (School years start in September; a spring entry belongs to the year begun the autumn before.)
 */
export function stageEndDate(stage, grade, enrolmentDate) {
    const year = Number(enrolmentDate.slice(0, 4));
    const month = Number(enrolmentDate.slice(5, 7));
    const schoolYearStart = month >= 8 ? year : year - 1;
    const yearsLeft = GRADE_RANGE[stage].max - grade + 1;
    return `${schoolYearStart + yearsLeft}-06-01`;
}
export function checkLeavingKind(kind, leavingDate, stageEnd) {
    if (kind === 'incompletion' || leavingDate >= stageEnd)
        return allow;
    return {
        ok: false,
        code: 'STAGE_NOT_FINISHED',
        message: `a student leaving before the end of the stage (${stageEnd}) receives an incompletion (肄业) certificate, not ${kind}`,
    };
}
//# sourceMappingURL=student-lifecycle.js.map
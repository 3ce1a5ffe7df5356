import { canProposeGraduation, checkGraduationDate, checkLeavingKind, stageEndDate, } from './student-lifecycle.js';
export const NOT_GRADUATED_ROW = { field: 'studentId', code: 'NOT_GRADUATED', message: 'the student has not graduated, so no certificate can be issued' };
/** The single-student rules of proposeGraduation, as row problems instead of thrown errors. */
export function leaverRowProblems(student, row, today) {
    if (!student)
        return [{ field: 'studentId', code: 'NOT_FOUND', message: 'no such student at your school' }];
    const checks = [
        ['studentId', canProposeGraduation(student.status)],
        ['leavingDate', checkGraduationDate(row.leavingDate, student.enrolment_date, today)],
        ['leavingKind', checkLeavingKind(row.leavingKind, row.leavingDate, stageEndDate(student.education_stage, student.grade, student.enrolment_date))],
    ];
    return checks.flatMap(([field, d]) => (d.ok ? [] : [{ field, code: d.code, message: d.message }]));
}
//# sourceMappingURL=leaver-rows.js.map
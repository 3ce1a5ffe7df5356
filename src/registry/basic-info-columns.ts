import type { z } from 'zod';
import type { EnrolStudentRequest, StudentView } from './dto/student.dto.js';
import type { StudentEntity } from './student.entity.js';

type BasicInfoColumns = Pick<
  StudentEntity,
  'nationality' | 'ethnicity' | 'householdDivision' | 'householdAddress' | 'specialEducationCategory' | 'specialEducationLevel' | 'className' | 'admissionMethod' | 'extra'
>;

/** The typed columns of 第三条's basic information (and the non-basic `extra`) from a checked enrolment. */
export function basicInfoColumns(input: z.output<typeof EnrolStudentRequest>, nationality: string): BasicInfoColumns {
  return {
    nationality,
    ethnicity: input.ethnicity ?? null,
    householdDivision: input.householdRegistration?.divisionCode ?? null,
    householdAddress: input.householdRegistration?.address ?? null,
    specialEducationCategory: input.specialEducation?.category ?? null,
    specialEducationLevel: input.specialEducation?.level ?? null,
    className: input.className ?? null,
    admissionMethod: input.admissionMethod ?? null,
    extra: input.extra,
  };
}

/** Those columns as the record view shows them. */
export function basicInfoView(s: BasicInfoColumns): Pick<StudentView, 'nationality' | 'ethnicity' | 'householdRegistration' | 'specialEducation' | 'className' | 'admissionMethod'> {
  return {
    nationality: s.nationality,
    ethnicity: s.ethnicity,
    householdRegistration: s.householdDivision && s.householdAddress ? { divisionCode: s.householdDivision, address: s.householdAddress } : null,
    specialEducation: s.specialEducationCategory && s.specialEducationLevel ? { category: s.specialEducationCategory, level: s.specialEducationLevel } : null,
    className: s.className,
    admissionMethod: s.admissionMethod,
  };
}

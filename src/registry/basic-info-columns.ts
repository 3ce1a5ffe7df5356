import type { z } from 'zod';
import type { EnrolStudentRequest, StudentView } from './dto/student.dto.js';
import type { StudentEntity } from './student.entity.js';

const SHOWN_ADDRESS_CHARACTERS = 6;

/** Code points, so that a rare character taking two UTF-16 units stays whole; a fixed run of stars hides the length. */
function maskAddress(address: string): string {
  return Array.from(address).slice(0, SHOWN_ADDRESS_CHARACTERS).join('') + '****';
}

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

/**
 * Those columns as the record view shows them. The 户籍 address is a home address: the student's
 * own school sees it, the authorities above see its first six characters (province and city, as
 * the division code already says) and stars.
 */
export function basicInfoView(
  s: BasicInfoColumns,
  addressInClear: boolean,
): Pick<StudentView, 'nationality' | 'ethnicity' | 'householdRegistration' | 'specialEducation' | 'className' | 'admissionMethod'> {
  const address = s.householdAddress && (addressInClear ? s.householdAddress : maskAddress(s.householdAddress));
  return {
    nationality: s.nationality,
    ethnicity: s.ethnicity,
    householdRegistration: s.householdDivision && address ? { divisionCode: s.householdDivision, address } : null,
    specialEducation: s.specialEducationCategory && s.specialEducationLevel ? { category: s.specialEducationCategory, level: s.specialEducationLevel } : null,
    className: s.className,
    admissionMethod: s.admissionMethod,
  };
}

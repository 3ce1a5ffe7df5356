/** A student as an export may show them (第二十四条: only desensitised): no name in clear, no number at all. */
export interface DesensitisedStudent {
  /** Masked (李*明). */
  name: string;
  gender: string;
  birthYear: string;
  ageOver: Record<number, boolean>;
  educationStage: string;
  grade: number;
  enrolmentStatus: string;
  school: string;
  region: string;
}

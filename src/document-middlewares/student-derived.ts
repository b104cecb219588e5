/** Fields of a student that follow from others and so can never disagree with them. */
import type { ClassFacts } from '../api/student/repositories/class-facts';
import { fieldError } from '../services/field-error';
import { relationTarget, type RelationRef } from '../services/relations';

/** Fields only the system writes: a request that sends them is ignored for them. */
export const PROTECTED_COLUMNS = [
  'studentNumber',
  'status',
  'enrollmentYear',
  'department',
  'major',
  'birthDate',
  'nationalIdCipher',
  'nationalIdIndex',
  'phoneCipher',
  'phoneIndex',
  'homeAddressCipher',
  'departmentScope',
];

function sameTarget(ref: RelationRef, target: { id: number; documentId: string }): boolean {
  return 'documentId' in ref ? ref.documentId === target.documentId : Number(ref.id) === target.id;
}

/** Throws when a request sends a department, major, year or birth date the class or ID contradicts. */
export function assertDerivedAgree(data: Record<string, unknown>, facts: ClassFacts, birthDate: string | null): void {
  const department = relationTarget(data.department, 'department');
  if (department && !sameTarget(department, facts.department)) {
    throw fieldError('department', '系部由班级决定，与所选班级不符 (department must be that of the class)');
  }
  const major = relationTarget(data.major, 'major');
  if (major && !sameTarget(major, facts.major)) {
    throw fieldError('major', '专业由班级决定，与所选班级不符 (major must be that of the class)');
  }
  const year = data.enrollmentYear;
  if (year !== undefined && year !== null && year !== '' && Number(year) !== facts.enrollmentYear) {
    throw fieldError('enrollmentYear', '入学年份由班级决定，与所选班级不符 (enrollmentYear must be that of the class)');
  }
  const birth = data.birthDate;
  if (birthDate && birth !== undefined && birth !== null && birth !== '' && String(birth).slice(0, 10) !== birthDate) {
    throw fieldError('birthDate', '出生日期由身份证号码决定，与之不符 (birthDate must match the national ID)');
  }
}

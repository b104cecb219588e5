/**
 * Student numbers (学号, domain.md 2): enrolment year (4) + department code (2) + major code (2)
 * + class sequence (2) + student sequence in the class (2).
 */
import { MAX_STUDENTS_PER_CLASS } from './constants';

export interface ClassNumbering {
  enrollmentYear: number;
  departmentCode: string;
  majorCode: string;
  classSequence: string;
}

const TWO_DIGITS = /^\d{2}$/;

/** True for a 2-digit code such as `01`; `00` is not a code. */
/** A whole student number: year (4), department (2), major (2), class (2), sequence (2). */
export const STUDENT_NUMBER_PATTERN = /^\d{12}$/;

export function isTwoDigitCode(value: unknown): value is string {
  return typeof value === 'string' && TWO_DIGITS.test(value) && value !== '00';
}

/** The first ten digits shared by every student of one class. */
export function classNumberPrefix(c: ClassNumbering): string {
  if (!Number.isInteger(c.enrollmentYear) || c.enrollmentYear < 1000 || c.enrollmentYear > 9999) {
    throw new RangeError(`enrollment year ${c.enrollmentYear} is not a 4-digit year`);
  }
  for (const code of [c.departmentCode, c.majorCode, c.classSequence]) {
    if (!isTwoDigitCode(code)) throw new RangeError(`${code} is not a 2-digit code`);
  }
  return `${c.enrollmentYear}${c.departmentCode}${c.majorCode}${c.classSequence}`;
}

/** The number of the `sequence`-th student admitted to the class with this prefix. */
export function studentNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_STUDENTS_PER_CLASS) {
    throw new RangeError(`student sequence ${sequence} is outside 1..${MAX_STUDENTS_PER_CLASS}`);
  }
  return `${prefix}${String(sequence).padStart(2, '0')}`;
}

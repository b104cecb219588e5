/** Vocabulary of the student registry: every tuple is the source of its type. */

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const STUDY_FORMS = ['full-time', 'part-time'] as const;
export type StudyForm = (typeof STUDY_FORMS)[number];

export const PROGRAM_LENGTHS = [3, 5] as const;
export type ProgramLength = (typeof PROGRAM_LENGTHS)[number];

/** domain.md 2: the ten statuses of a student record. */
export const STUDENT_STATUSES = [
  'admitted',
  'active',
  'suspended',
  'withdrawn',
  'transferred-out',
  'graduated',
  'completed',
  'left',
  'cancelled',
  'deregistered',
] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

export const STUDENT_STATUS_LABELS: Readonly<Record<StudentStatus, string>> = {
  admitted: '已录取', active: '在籍', suspended: '休学', withdrawn: '退学', 'transferred-out': '转出',
  graduated: '毕业', completed: '结业', left: '肄业', cancelled: '取消学籍', deregistered: '注销学籍',
};

export const OFFICE_KINDS = [
  'academic-affairs',
  'student-affairs',
  'archive',
  'leadership',
  'leadership-meeting',
  'security',
  'finance',
  'youth-league',
  'library',
  'organisation',
  'admissions',
] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const POSITIONS = ['clerk', 'manager', 'leader'] as const;
export type Position = (typeof POSITIONS)[number];

/** A class never holds more than this many numbered students (2-digit sequence). */
export const MAX_STUDENTS_PER_CLASS = 99;

/** Most rows one bulk admission request may carry. */
export const MAX_ADMISSIONS_PER_REQUEST = 5000;

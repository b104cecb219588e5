/**
 * The rules one admitted student must meet before a number is given (domain.md 2). Pure: the
 * caller resolves the class and checks uniqueness against the database.
 */
import {
  GENDERS,
  PROGRAM_LENGTHS,
  STUDY_FORMS,
  type Gender,
  type ProgramLength,
  type StudyForm,
} from './constants';
import { isPhoneNumber } from './contact';
import { NATIONAL_ID_MESSAGES, parseNationalId } from './national-id';

export interface FieldProblem {
  path: string[];
  message: string;
}

/** A student row that passed every rule that needs no database. */
export interface AdmissionInput {
  name: string;
  gender: Gender;
  nationalId: string;
  birthDate: string;
  phone: string | null;
  homeAddress: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  studyForm: StudyForm;
  programLength: ProgramLength;
  schoolClass: string;
}

/** Fields a client may send when admitting a student. */
export const ADMISSION_FIELDS = [
  'name',
  'gender',
  'nationalId',
  'phone',
  'homeAddress',
  'ethnicity',
  'politicalStatus',
  'studyForm',
  'programLength',
  'schoolClass',
] as const;

type Row = Record<string, unknown>;

function optionalText(row: Row, field: string, max: number, problems: FieldProblem[]): string | null {
  const value = row[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') {
    problems.push({ path: [field], message: `${field} must be a string` });
    return null;
  }
  const trimmed = value.trim();
  if (trimmed.length > max) problems.push({ path: [field], message: `${field} must be at most ${max} characters` });
  return trimmed || null;
}

function oneOf<T extends string>(row: Row, field: string, allowed: readonly T[], fallback: T, problems: FieldProblem[]): T {
  const value = row[field];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.push({ path: [field], message: `${field} must be one of: ${allowed.join(', ')}` });
  return fallback;
}

function checkProgramLength(value: unknown, problems: FieldProblem[]): ProgramLength {
  if (value === undefined || value === null || value === '') return 3;
  const length = typeof value === 'string' ? Number(value) : value;
  if ((PROGRAM_LENGTHS as readonly unknown[]).includes(length)) return length as ProgramLength;
  problems.push({ path: ['programLength'], message: `programLength must be one of: ${PROGRAM_LENGTHS.join(', ')}` });
  return 3;
}

function checkIdentity(row: Row, today: string, problems: FieldProblem[]): { nationalId: string; birthDate: string; gender: Gender } | null {
  const raw = row.nationalId;
  if (typeof raw !== 'string' || raw.trim() === '') {
    problems.push({ path: ['nationalId'], message: 'nationalId is required (身份证号码必填)' });
    return null;
  }
  const parsed = parseNationalId(raw, today);
  if (!parsed.ok) {
    problems.push({ path: ['nationalId'], message: NATIONAL_ID_MESSAGES[parsed.problem] });
    return null;
  }
  const { value, birthDate, gender } = parsed.facts;
  const claimed = row.gender;
  if (claimed !== undefined && claimed !== null && claimed !== '' && claimed !== gender) {
    problems.push({
      path: ['gender'],
      message: `gender does not match the national ID number (性别与身份证号码不符)`,
    });
  }
  return { nationalId: value, birthDate, gender };
}

/** Checks one admission row; returns the typed row or every problem found in it. */
export function checkAdmission(row: Row, today: string): { ok: true; value: AdmissionInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(row)) {
    if (!(ADMISSION_FIELDS as readonly string[]).includes(key)) {
      problems.push({ path: [key], message: `${key} cannot be set when admitting a student` });
    }
  }
  const name = optionalText(row, 'name', 50, problems);
  if (!name) problems.push({ path: ['name'], message: 'name is required (姓名必填)' });
  oneOf(row, 'gender', GENDERS, 'male', problems);
  const identity = checkIdentity(row, today, problems);
  const phone = optionalText(row, 'phone', 20, problems);
  if (phone && !isPhoneNumber(phone)) problems.push({ path: ['phone'], message: 'phone is not a valid phone number (电话号码格式错误)' });
  const homeAddress = optionalText(row, 'homeAddress', 200, problems);
  const ethnicity = optionalText(row, 'ethnicity', 20, problems);
  const politicalStatus = optionalText(row, 'politicalStatus', 20, problems);
  const studyForm = oneOf(row, 'studyForm', STUDY_FORMS, 'full-time', problems);
  const programLength = checkProgramLength(row.programLength, problems);
  const schoolClass = row.schoolClass;
  if (typeof schoolClass !== 'string' || schoolClass === '') {
    problems.push({ path: ['schoolClass'], message: 'schoolClass is required: the documentId of a class (班级必填)' });
  }
  if (problems.length > 0 || !identity || !name) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      ...identity,
      phone,
      homeAddress,
      ethnicity,
      politicalStatus,
      studyForm,
      programLength,
      schoolClass: schoolClass as string,
    },
  };
}

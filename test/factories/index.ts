/** Valid records in one call; a test states only what matters to it. */
import type { Core } from '@strapi/strapi';
import { composeNationalId } from '../../src/domain/national-id';
import { today } from '../../src/services/clock';
import { schoolYearOf } from '../../src/domain/calendar-months';

let counter = 0;

/** A valid, practically unique national ID number; `female` picks an even gender digit. */
export function fakeNationalId(options: { gender?: 'male' | 'female'; birthDate?: string } = {}): string {
  const region = String(110000 + Math.floor(Math.random() * 550000));
  const birth = options.birthDate ?? `${2004 + Math.floor(Math.random() * 4)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
  let sequence = Math.floor(Math.random() * 1000);
  const wantOdd = (options.gender ?? (counter++ % 2 === 0 ? 'male' : 'female')) === 'male';
  if ((sequence % 2 === 1) !== wantOdd) sequence = (sequence + 1) % 1000;
  return composeNationalId(region, birth, sequence);
}

async function unusedDepartmentCode(strapi: Core.Strapi): Promise<string> {
  const used = new Set(((await strapi.db.query('api::department.department').findMany({ select: ['code'] })) as Array<{ code: string }>).map((d) => d.code));
  // Codes below 10 are left to tests that ask for one by name.
  const free = Array.from({ length: 90 }, (_, i) => String(i + 10)).filter((c) => !used.has(c));
  if (free.length === 0) throw new Error('test database ran out of department codes');
  return free[Math.floor(Math.random() * free.length)];
}

/** The enrolment year of this school year's first-year students, by the school's clock (September starts a school year). */
export function currentCohort(): number {
  return schoolYearOf(today());
}

export interface ClassTree {
  department: { documentId: string; code: string };
  major: { documentId: string; code: string };
  schoolClass: { documentId: string; sequence: string; enrollmentYear: number };
}

/** A department with one major and one class, through the Document Service. */
export async function createClassTree(
  strapi: Core.Strapi,
  options: { enrollmentYear?: number; classSequence?: string; majorCode?: string; departmentCode?: string } = {},
): Promise<ClassTree> {
  const code = options.departmentCode ?? (await unusedDepartmentCode(strapi));
  const department = await strapi.documents('api::department.department').create({ data: { name: `测试系部${code}-${Date.now()}`, code } });
  const major = await strapi.documents('api::major.major').create({
    data: { name: '测试专业', code: options.majorCode ?? '01', department: department.documentId } as never,
  });
  const schoolClass = await strapi.documents('api::school-class.school-class').create({
    data: {
      name: '测试班级',
      enrollmentYear: options.enrollmentYear ?? 2023,
      sequence: options.classSequence ?? '01',
      major: major.documentId,
    } as never,
  });
  return {
    department: { documentId: department.documentId, code },
    major: { documentId: major.documentId, code: options.majorCode ?? '01' },
    schoolClass: {
      documentId: schoolClass.documentId,
      sequence: options.classSequence ?? '01',
      enrollmentYear: options.enrollmentYear ?? 2023,
    },
  };
}

/** A student body for REST or bulk admission into `schoolClass`. */
export function studentInput(schoolClass: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: `学生${Math.random().toString(36).slice(2, 6)}`, nationalId: fakeNationalId(), schoolClass, ...overrides };
}

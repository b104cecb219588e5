/** The demo college: offices, three departments, six majors, twelve classes (domain.md 1). */
import { SCHOOL_OFFICES } from '../domain/offices';
import type { OfficeKind } from '../domain/constants';

/** The school's offices: created on every start (src/bootstrap/offices.ts), listed here for the demo as well. */
export const DEMO_OFFICES = SCHOOL_OFFICES;

export const DEMO_DEPARTMENTS = [
  {
    code: '01',
    name: '信息工程系',
    majors: [
      { code: '01', name: '计算机应用技术', popular: true, restricted: false },
      { code: '02', name: '软件技术', popular: false, restricted: false },
    ],
  },
  {
    code: '02',
    name: '机电工程系',
    majors: [
      { code: '01', name: '机电一体化技术', popular: false, restricted: false },
      { code: '02', name: '无人机应用技术（定向培养士官）', popular: false, restricted: true },
    ],
  },
  {
    code: '03',
    name: '经济管理系',
    majors: [
      { code: '01', name: '大数据与会计', popular: false, restricted: false },
      { code: '02', name: '电子商务', popular: false, restricted: false },
    ],
  },
] as const;

/** Two enrolment years: last year's students are registered (active), this year's just admitted. */
export const DEMO_YEARS = [
  { enrollmentYear: 2024, status: 'active' },
  { enrollmentYear: 2025, status: 'admitted' },
] as const;

export const STUDENTS_PER_DEMO_CLASS = 50;

/** Staff accounts of the demo, a contract: tests and the README use these logins. */
export function demoStaff() {
  const staff: Array<{ email: string; name: string; position: 'clerk' | 'manager' | 'leader'; department?: string; office?: OfficeKind; superAdmin?: boolean }> = [
    { email: 'admin@example.com', name: '系统管理员', position: 'leader', office: 'academic-affairs', superAdmin: true },
    { email: 'academic@example.com', name: '教务处管理员', position: 'manager', office: 'academic-affairs' },
    { email: 'studentaffairs@example.com', name: '学生处管理员', position: 'manager', office: 'student-affairs' },
    { email: 'archive@example.com', name: '档案室管理员', position: 'manager', office: 'archive' },
    { email: 'leader@example.com', name: '分管校领导', position: 'leader', office: 'leadership' },
    // Sources of the integrity archive (第六条): each enters the records its office is responsible for.
    { email: 'finance@example.com', name: '计财处管理员', position: 'manager', office: 'finance' },
    { email: 'security@example.com', name: '保卫处管理员', position: 'manager', office: 'security' },
    { email: 'library@example.com', name: '图书馆管理员', position: 'manager', office: 'library' },
  ];
  for (const department of DEMO_DEPARTMENTS) {
    staff.push({ email: `dept${department.code}.manager@example.com`, name: `${department.name}主任`, position: 'manager', department: department.code });
    staff.push({ email: `dept${department.code}.clerk@example.com`, name: `${department.name}教务员`, position: 'clerk', department: department.code });
  }
  return staff;
}

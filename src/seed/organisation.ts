/** The demo college: offices, three departments, six majors, twelve classes (domain.md 1). */
import type { OfficeKind } from '../domain/constants';

export const DEMO_OFFICES: Array<{ kind: OfficeKind; name: string; description: string }> = [
  { kind: 'academic-affairs', name: '教务处', description: '学籍、注册、学籍异动与毕业审核' },
  { kind: 'student-affairs', name: '学生工作处', description: '诚信档案、违纪处分、资助；审批重要异动与诚信档案修定' },
  { kind: 'archive', name: '档案室', description: '学籍档案保管、查阅登记与档案转递' },
  { kind: 'leadership', name: '校领导', description: '审批重要与特殊学籍异动' },
  { kind: 'leadership-meeting', name: '校领导会议', description: '决定特殊学籍异动' },
  { kind: 'security', name: '保卫处', description: '提供违法违纪信息' },
  { kind: 'finance', name: '计财处', description: '提供欠费信息' },
  { kind: 'youth-league', name: '校团委', description: '提供学生干部与社会实践信息' },
  { kind: 'library', name: '图书馆', description: '提供图书逾期未还信息' },
  { kind: 'organisation', name: '组织部', description: '提供政治面貌信息' },
  { kind: 'admissions', name: '招生就业处', description: '招生录取与就业推荐' },
];

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
  ];
  for (const department of DEMO_DEPARTMENTS) {
    staff.push({ email: `dept${department.code}.manager@example.com`, name: `${department.name}主任`, position: 'manager', department: department.code });
    staff.push({ email: `dept${department.code}.clerk@example.com`, name: `${department.name}教务员`, position: 'clerk', department: department.code });
  }
  return staff;
}

/**
 * The regulations' own examples (issue 5), on a database of their own: the student suspended for
 * illness in September 2023 and resumed a year later keeps 202301010105; one semester of a
 * 3,000-student college (35 changes of major, 20 suspensions, 15 resumptions, 10 transfers out,
 * 5 withdrawals) comes back from the report as it went in.
 */
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { act, attachDocuments, createRequest } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { setClock } from '../../src/services/clock';

let app: TestApp;
let academicAffairs: StaffActor;
let studentAffairs: StaffActor;
let leader: StaffActor;
const managers = new Map<string, StaffActor>();

const SIGNED = { studentSigned: true, guardianSigned: true };

beforeAll(async () => {
  // The autumn semester of 2026, which the regulations' examples describe (its cohort enrolled that September).
  setClock('2026-10-15T10:00:00+08:00');
  app = await startStrapi({ freshDatabase: true });
  await ensureOffices(app);
  await app.strapi.db.query('api::school-setting.school-setting').updateMany({ where: {}, data: { majorChangeWindowStart: '01-01', majorChangeWindowEnd: '12-31' } });
  academicAffairs = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  studentAffairs = await createStaff(app, { adminRole: 'student-affairs', office: 'student-affairs' });
  leader = await createStaff(app, { adminRole: 'school-leadership', office: 'leadership' });
});

afterAll(async () => {
  await app.stop();
  setClock(null);
});

async function manager(tree: ClassTree): Promise<StaffActor> {
  const key = tree.department.documentId;
  if (!managers.has(key)) managers.set(key, await createStaff(app, { adminRole: 'department-manager', department: key }));
  return managers.get(key) as StaffActor;
}

async function admit(tree: ClassTree, count: number, status = 'active') {
  const rows = Array.from({ length: count }, () => studentInput(tree.schoolClass.documentId));
  const admitted = (await app.strapi.service('api::student.admissions').admitMany(rows)) as Array<{ documentId: string; studentNumber: string }>;
  await app.strapi.db.query('api::student.student').updateMany({ where: { documentId: { $in: admitted.map((a) => a.documentId) } }, data: { status } });
  return admitted;
}

/** Creates, submits and approves a request through every step of its chain, as the units' members. */
async function runToApproval(tree: ClassTree, data: Record<string, unknown>, options: { documents?: boolean; grades?: boolean } = {}) {
  const department = await manager(tree);
  const request = await createRequest(app, department.api, data);
  if (options.documents) await attachDocuments(app, request.documentId);
  if (options.grades) {
    const graded = await app.http.put(`/api/status-changes/${request.documentId}`).set('Authorization', academicAffairs.api).send({ data: { failedCourses: 0, averageScore: 88 } });
    expect(graded.status).toBe(200);
  }
  const submit = await act(app, department.api, request.documentId, 'submit');
  if (submit.status !== 200) throw new Error(`submit: ${JSON.stringify(submit.body)}`);
  const deciders: Record<string, string> = { department: department.api, 'academic-affairs': academicAffairs.api, 'student-affairs': studentAffairs.api, leadership: leader.api };
  for (;;) {
    const row = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { documentId: request.documentId } })) as Record<string, any>;
    if (row.state === 'approved') return row;
    const unit = row.chainSteps[row.currentStep - 1].unit as string;
    const response = await act(app, deciders[unit], request.documentId, 'approve', { comment: '同意', step: row.currentStep });
    if (response.status !== 200) throw new Error(`approve at ${unit}: ${JSON.stringify(response.body)}`);
  }
}

test('a student suspended for illness in September 2023 and resumed a year later keeps number 202301010105', async () => {
  // Given the fifth student of class 01 of major 01 of department 01, enrolled in 2023
  const tree = await createClassTree(app.strapi, { departmentCode: '01', majorCode: '01', classSequence: '01', enrollmentYear: 2023 });
  const admitted = await admit(tree, 5);
  const fifth = admitted[4];
  expect(fifth.studentNumber).toBe('202301010105');
  // When they are suspended for illness for a year (important: over 6 months), with hospital proof
  const suspension = await runToApproval(tree, {
    student: fifth.documentId, type: 'suspension', reason: '因病住院治疗', suspensionCause: 'illness', suspensionStart: '2023-09-15', suspensionEnd: '2024-09-01', ...SIGNED,
  }, { documents: true });
  expect(suspension.tier).toBe('important');
  const suspended = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: fifth.documentId } });
  expect(suspended).toMatchObject({ status: 'suspended', studentNumber: '202301010105' });
  // And resumed with a health certificate
  await runToApproval(tree, { student: fifth.documentId, type: 'resumption', reason: '病愈复学', ...SIGNED }, { documents: true });
  // Then they are active again with the same number, and the history shows both changes
  const resumed = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: fifth.documentId } });
  expect(resumed).toMatchObject({ status: 'active', studentNumber: '202301010105', suspensionStart: null });
  const history = await app.strapi.db.query('api::status-history.status-history').findMany({ where: { student: { documentId: fifth.documentId } }, orderBy: [{ id: 'asc' }] });
  expect(history.map((h: { fromStatus: string; toStatus: string }) => [h.fromStatus, h.toStatus])).toEqual([['active', 'suspended'], ['suspended', 'active']]);
});

test('one semester of a 3,000-student college comes back from the report as the regulations count it', async () => {
  // Given 3,000 first-year students in 3 departments of 20 classes of 50
  const trees: ClassTree[] = [];
  for (let d = 0; d < 3; d += 1) {
    const first = await createClassTree(app.strapi, { departmentCode: String(20 + d), majorCode: '01', classSequence: '01', enrollmentYear: 2026 });
    trees.push(first);
    for (let c = 2; c <= 20; c += 1) {
      const schoolClass = await app.strapi.documents('api::school-class.school-class').create({
        data: { name: `班${c}`, enrollmentYear: 2026, sequence: String(c).padStart(2, '0'), major: first.major.documentId } as never,
      });
      trees.push({ ...first, schoolClass: { documentId: schoolClass.documentId, sequence: String(c).padStart(2, '0'), enrollmentYear: 2026 } });
    }
  }
  const target = await createClassTree(app.strapi, { departmentCode: '30', majorCode: '02', classSequence: '01', enrollmentYear: 2026 });
  const students: Array<{ tree: ClassTree; documentId: string }> = [];
  for (const tree of trees) for (const s of await admit(tree, 50)) students.push({ tree, documentId: s.documentId });
  expect(await app.strapi.db.query('api::student.student').count({ where: { enrollmentYear: 2026 } })).toBe(3000);
  // 15 of them were suspended in an earlier semester
  const earlierSuspended = students.slice(2900, 2915);
  await app.strapi.db.query('api::student.student').updateMany({ where: { documentId: { $in: earlierSuspended.map((s) => s.documentId) } }, data: { status: 'suspended' } });
  // When this semester's changes run through their chains
  const plan: Array<[string, number]> = [['change-of-major', 35], ['suspension', 20], ['resumption', 15], ['transfer-out', 10], ['withdrawal', 5]];
  let next = 0;
  for (const [type, count] of plan) {
    for (let i = 0; i < count; i += 1) {
      const student = type === 'resumption' ? earlierSuspended[i] : students[next++ * 29];
      const base = { student: student.documentId, type, reason: '本人申请', ...SIGNED };
      if (type === 'change-of-major') await runToApproval(student.tree, { ...base, targetMajor: target.major.documentId, targetClass: target.schoolClass.documentId }, { grades: true });
      if (type === 'suspension') await runToApproval(student.tree, { ...base, suspensionCause: 'personal', suspensionStart: '2026-12-01', suspensionEnd: '2027-06-01' }, { documents: true });
      if (type === 'resumption') await runToApproval(student.tree, base);
      if (type === 'transfer-out') await runToApproval(student.tree, { ...base, receivingSchool: '省内某职院', receivingProvince: '湖南省', provincialApproval: '湘教〔2026〕1号' });
      if (type === 'withdrawal') await runToApproval(student.tree, { ...base, withdrawalKind: 'voluntary' });
    }
  }
  // Then the report for the semester gives the regulations' figures, per type and in total
  const semester = (await app.strapi.db.query('api::status-change.status-change').findOne({ where: { state: 'approved' } })).semester as string;
  const report = await app.http.get(`/api/status-changes/report?semester=${semester}`).set('Authorization', academicAffairs.api);
  expect(report.status).toBe(200);
  // (the college's departments are 20 to 22; other tests in this file use others)
  const rows = (report.body.data as Array<{ count: number; type: string; department: { code: string } }>).filter((r) => ['20', '21', '22'].includes(r.department.code));
  const byType = (type: string) => rows.filter((r) => r.type === type).reduce((sum, r) => sum + r.count, 0);
  expect(Object.fromEntries(plan.map(([type]) => [type, byType(type)]))).toEqual({ 'change-of-major': 35, suspension: 20, resumption: 15, 'transfer-out': 10, withdrawal: 5 });
  expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(85);
  expect(report.body.meta.byType['change-of-major']).toBeGreaterThanOrEqual(35);
  const rate = (n: number) => Math.round((n / 3000) * 1000) / 10;
  expect([rate(byType('change-of-major')), rate(byType('suspension'))]).toEqual([1.2, 0.7]);
  // Each department's rows are its own: the three departments all appear, and a manager sees only theirs
  expect(new Set(rows.map((r) => r.department.code))).toEqual(new Set(['20', '21', '22']));
  const own = await app.http.get(`/api/status-changes/report?semester=${semester}`).set('Authorization', (await manager(trees[0])).api);
  expect(new Set((own.body.data as Array<{ department: { code: string } }>).map((r) => r.department.code))).toEqual(new Set(['20']));
});

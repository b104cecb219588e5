/**
 * A department with its staff and the school's offices, students ready for status changes, and
 * requests through the API: what the status-change tests share.
 */
import { createClassTree, currentCohort, studentInput, type ClassTree } from './index';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from './actors';
import type { TestApp } from '../helpers/strapi';

export interface WorkflowWorld {
  tree: ClassTree;
  otherTree: ClassTree;
  /** Two members of the department (manager and clerk), and a manager of another department. */
  manager: StaffActor;
  clerk: StaffActor;
  otherManager: StaffActor;
  academicAffairs: StaffActor;
  academicAffairs2: StaffActor;
  studentAffairs: StaffActor;
  leader: StaffActor;
  leadershipMeeting: StaffActor;
}

export async function createWorkflowWorld(app: TestApp, options: { enrollmentYear?: number } = {}): Promise<WorkflowWorld> {
  await ensureOffices(app);
  // This school year's first-year students, whatever the clock says: the rules count from enrolment.
  const enrollmentYear = options.enrollmentYear ?? currentCohort();
  const tree = await createClassTree(app.strapi, { enrollmentYear });
  const otherTree = await createClassTree(app.strapi, { enrollmentYear });
  const office = (kind: string, adminRole: string) => createStaff(app, { adminRole, office: kind });
  return {
    tree,
    otherTree,
    manager: await createStaff(app, { adminRole: 'department-manager', department: tree.department.documentId }),
    clerk: await createStaff(app, { adminRole: 'department-clerk', department: tree.department.documentId, position: 'clerk' }),
    otherManager: await createStaff(app, { adminRole: 'department-manager', department: otherTree.department.documentId }),
    academicAffairs: await office('academic-affairs', 'academic-affairs'),
    academicAffairs2: await office('academic-affairs', 'academic-affairs'),
    studentAffairs: await office('student-affairs', 'student-affairs'),
    leader: await office('leadership', 'school-leadership'),
    leadershipMeeting: await office('leadership-meeting', 'school-leadership'),
  };
}

export interface ActiveStudent {
  id: number;
  documentId: string;
  studentNumber: string;
}

/** Admits a student into the class and registers them (status active), as the system. */
export async function activeStudent(app: TestApp, classDocumentId: string, overrides: Record<string, unknown> = {}): Promise<ActiveStudent> {
  const created = (await app.strapi.documents('api::student.student').create({ data: studentInput(classDocumentId, overrides) as never })) as unknown as ActiveStudent;
  await app.strapi.db.query('api::student.student').update({ where: { id: created.id }, data: { status: 'active' } });
  return { id: created.id, documentId: created.documentId, studentNumber: created.studentNumber };
}

export async function studentWithLogin(app: TestApp, classDocumentId: string) {
  const student = await activeStudent(app, classDocumentId);
  return { ...student, ...(await createStudentLogin(app, student.documentId)) };
}

/** A signed personal-affairs suspension of `months` (<= 6 stays general). */
export function suspensionData(student: string, months = 6): Record<string, unknown> {
  const end = new Date(Date.UTC(2027, 2 + months, 1)).toISOString().slice(0, 10);
  return {
    student,
    type: 'suspension',
    reason: '家庭原因需休学',
    suspensionCause: 'personal',
    suspensionStart: '2027-03-01',
    suspensionEnd: end,
    studentSigned: true,
    guardianSigned: true,
  };
}

/** Creates a request through REST as `auth`; fails the test on anything but 201. */
export async function createRequest(app: TestApp, auth: string, data: Record<string, unknown>): Promise<{ documentId: string; [key: string]: unknown }> {
  const response = await app.http.post('/api/status-changes').set('Authorization', auth).send({ data });
  if (response.status !== 201 && response.status !== 200) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}

export function act(app: TestApp, auth: string, documentId: string, action: string, body: Record<string, unknown> = {}) {
  return app.http.post(`/api/status-changes/${documentId}/${action}`).set('Authorization', auth).send(body);
}

/** Attaches `count` uploaded files as supporting documents (a hospital proof, a certificate). */
export async function attachDocuments(app: TestApp, documentId: string, count = 1): Promise<void> {
  const files = [];
  for (let i = 0; i < count; i += 1) {
    files.push(
      await app.strapi.db.query('plugin::upload.file').create({
        data: { name: `proof-${i}.pdf`, hash: `proof_${Date.now()}_${i}_${Math.random().toString(36).slice(2)}`, ext: '.pdf', mime: 'application/pdf', size: 1, url: `/uploads/proof-${i}.pdf`, provider: 'local' },
      }),
    );
  }
  await app.strapi.documents('api::status-change.status-change').update({ documentId, data: { documents: files.map((f: { id: number }) => f.id) } as never });
}

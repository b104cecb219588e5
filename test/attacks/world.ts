/**
 * The shared world of an attack file: two departments ("ours" and "theirs"), each with a major,
 * a class and a few admitted students; a manager and a clerk of ours, an academic-affairs staff
 * member and a student login on one of ours. Every identifying value of theirs is recorded so a
 * test can search any response body for it.
 */
import { createClassTree, fakeNationalId, studentInput, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { maskAddress, maskNationalId, maskPhone } from '../../src/domain/masking';

export const STUDENT = 'api::student.student';
export const CM_STUDENTS = '/content-manager/collection-types/api::student.student';

export interface Person {
  documentId: string;
  studentNumber: string;
  name: string;
  nationalId: string;
  nationalIdMask: string;
  phone: string;
  phoneMask: string;
  homeAddress: string;
  homeAddressMask: string;
}

export interface Side {
  tree: ClassTree;
  /** Unique names given to the department, major and class, so a leak of them can be searched. */
  departmentName: string;
  majorName: string;
  className: string;
  departmentId: number;
  classId: number;
  students: Person[];
}

export interface World {
  app: TestApp;
  ours: Side;
  theirs: Side;
  manager: StaffActor;
  clerk: StaffActor;
  academic: StaffActor;
  /** A student login on ours.students[0]. */
  student: { userId: number; api: string; documentId: string };
}

function token(): string {
  return Math.random().toString(36).slice(2, 8);
}

function randomPhone(): string {
  return `13${Math.floor(100000000 + Math.random() * 899999999)}`;
}

/** Admits `count` students into the class of `tree` through bulk admission (full-access token). */
export async function admit(app: TestApp, tree: ClassTree, label: string, count: number): Promise<Person[]> {
  const rows = Array.from({ length: count }, () => {
    const nationalId = fakeNationalId();
    const phone = randomPhone();
    const homeAddress = `${label}${token()}省某市某区某街道${Math.floor(Math.random() * 900) + 100}号`;
    return { ...studentInput(tree.schoolClass.documentId), name: `${label}生${token()}`, nationalId, phone, homeAddress };
  });
  const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: rows });
  if (response.status !== 201) throw new Error(`admission failed: ${response.status} ${JSON.stringify(response.body)}`);
  const admitted = response.body.data as Array<{ documentId: string; studentNumber: string }>;
  return admitted.map((a, i) => {
    const row = rows[i];
    return {
      documentId: a.documentId,
      studentNumber: a.studentNumber,
      name: row.name,
      nationalId: row.nationalId,
      nationalIdMask: maskNationalId(row.nationalId),
      phone: row.phone,
      phoneMask: maskPhone(row.phone),
      homeAddress: row.homeAddress,
      homeAddressMask: maskAddress(row.homeAddress),
    };
  });
}

async function side(app: TestApp, label: string, count: number): Promise<Side> {
  const tree = await createClassTree(app.strapi);
  const suffix = token();
  const departmentName = `${label}系部${suffix}`;
  const majorName = `${label}专业${suffix}`;
  const className = `${label}班级${suffix}`;
  const db = app.strapi.db;
  const department = (await db.query('api::department.department').update({ where: { documentId: tree.department.documentId }, data: { name: departmentName } })) as { id: number };
  await db.query('api::major.major').update({ where: { documentId: tree.major.documentId }, data: { name: majorName } });
  const schoolClass = (await db.query('api::school-class.school-class').update({ where: { documentId: tree.schoolClass.documentId }, data: { name: className } })) as { id: number };
  const students = await admit(app, tree, label, count);
  return { tree, departmentName, majorName, className, departmentId: department.id, classId: schoolClass.id, students };
}

/** Starts Strapi and builds the world; call from `beforeAll`. */
export async function buildWorld(): Promise<World> {
  const app = await startStrapi();
  await ensureOffices(app);
  const ours = await side(app, '本系', 3);
  const theirs = await side(app, '他系', 3);
  const manager = await createStaff(app, { adminRole: 'department-manager', department: ours.tree.department.documentId, position: 'manager' });
  const clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.tree.department.documentId, position: 'clerk' });
  const academic = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
  const login = await createStudentLogin(app, ours.students[0].documentId);
  return { app, ours, theirs, manager, clerk, academic, student: { ...login, documentId: ours.students[0].documentId } };
}

/** Every value of a side that must never appear in a response to someone outside it. */
export function secretsOf(s: Side): string[] {
  return [
    s.tree.department.documentId,
    s.tree.major.documentId,
    s.tree.schoolClass.documentId,
    s.departmentName,
    s.majorName,
    s.className,
    ...s.students.flatMap((p) => [
      p.documentId,
      p.studentNumber,
      p.name,
      // The national ID and phone masks are left out: since they no longer single a person
      // out (src/domain/masking.ts), two students may share one.
      p.nationalId,
      p.phone,
      p.homeAddress,
      p.homeAddressMask,
    ]),
  ];
}

/** The secrets of `s` found in `body` (any JSON or text); `[]` when nothing leaked. */
export function leaksOf(body: unknown, s: Side): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  return secretsOf(s).filter((secret) => text.includes(secret));
}

/** The secrets of `s`'s students but one (a student's classmates), in `body`; `[]` when nothing leaked. */
export function classmateLeaksOf(body: unknown, s: Side, exceptDocumentId: string): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  const others = s.students.filter((p) => p.documentId !== exceptDocumentId);
  return secretsOf({ ...s, students: others }).filter((secret) => text.includes(secret) && !organisationOf(s).includes(secret));
}

function organisationOf(s: Side): string[] {
  return [s.tree.department.documentId, s.tree.major.documentId, s.tree.schoolClass.documentId, s.departmentName, s.majorName, s.className];
}

/** The stored student row (unscoped: outside a request), for comparing before and after. */
export async function storedStudent(app: TestApp, documentId: string): Promise<Record<string, any>> {
  const row = (await app.strapi.db.query(STUDENT).findOne({
    where: { documentId },
    populate: ['department', 'major', 'schoolClass', 'user', 'createdBy', 'updatedBy'],
  })) as Record<string, any> | null;
  if (!row) throw new Error(`student ${documentId} is gone`);
  return row;
}

/** The fields of a stored student that no refused request may change. */
export function fingerprint(row: Record<string, any>): Record<string, unknown> {
  return {
    name: row.name,
    studentNumber: row.studentNumber,
    status: row.status,
    enrollmentYear: row.enrollmentYear,
    ethnicity: row.ethnicity,
    nationalIdIndex: row.nationalIdIndex,
    phoneIndex: row.phoneIndex,
    updatedAt: new Date(row.updatedAt).toISOString(),
    department: row.department?.id ?? null,
    major: row.major?.id ?? null,
    schoolClass: row.schoolClass?.id ?? null,
    user: row.user?.id ?? null,
    createdBy: row.createdBy?.id ?? null,
    updatedBy: row.updatedBy?.id ?? null,
  };
}

/** Number of students of a department, counted in the database. */
export async function studentsIn(app: TestApp, s: Side): Promise<number> {
  return app.strapi.db.query(STUDENT).count({ where: { department: { id: s.departmentId } } });
}

/** `filters[documentId][$in]` over the given students, as a query string. */
export function documentIdIn(people: Person[], key = 'documentId'): string {
  return people.map((p, i) => `filters[${key}][$in][${i}]=${p.documentId}`).join('&');
}

export function ids(rows: Array<{ documentId: string }> | undefined | null): string[] {
  return (rows ?? []).map((r) => r.documentId).sort();
}

export function sortedIds(people: Person[]): string[] {
  return people.map((p) => p.documentId).sort();
}

export { fakeNationalId, studentInput };

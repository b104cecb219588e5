/**
 * One scope on every read and write path: a department manager reaches their own department,
 * whole-school offices reach everything, a student reaches themselves.
 */
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let ourStudents: string[];
let theirStudents: string[];
let manager: StaffActor;
let academic: StaffActor;

async function admit(tree: ClassTree, count: number): Promise<string[]> {
  const response = await app.http
    .post('/api/students/admissions')
    .set('Authorization', app.auth)
    .send({ data: Array.from({ length: count }, () => studentInput(tree.schoolClass.documentId)) });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.data.map((s: { documentId: string }) => s.documentId);
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  ourStudents = await admit(ours, 3);
  theirStudents = await admit(theirs, 2);
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  academic = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
});
afterAll(async () => {
  await app.stop();
});

const both = () => [...ourStudents, ...theirStudents];
const inBoth = () => both().map((id, i) => `filters[documentId][$in][${i}]=${id}`).join('&');

describe('reads', () => {
  test('REST list and count: a department manager sees only their department', async () => {
    const response = await app.http.get(`/api/students?${inBoth()}`).set('Authorization', manager.api);
    expect(response.status).toBe(200);
    expect(response.body.data.map((s: { documentId: string }) => s.documentId).sort()).toEqual([...ourStudents].sort());
    expect(response.body.meta.pagination.total).toBe(ourStudents.length);
  });

  test('REST: academic affairs sees the whole school', async () => {
    const response = await app.http.get(`/api/students?${inBoth()}`).set('Authorization', academic.api);
    expect(response.body.data).toHaveLength(both().length);
  });

  test("REST findOne: another department's student is 404", async () => {
    const response = await app.http.get(`/api/students/${theirStudents[0]}`).set('Authorization', manager.api);
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain(theirStudents[0]);
  });

  test('REST populate from a class reaches only in-scope students', async () => {
    const response = await app.http
      .get(`/api/school-classes?filters[documentId][$in][0]=${ours.schoolClass.documentId}&filters[documentId][$in][1]=${theirs.schoolClass.documentId}&populate=students`)
      .set('Authorization', manager.api);
    expect(response.status).toBe(200);
    expect(response.body.data.map((c: { documentId: string }) => c.documentId)).toEqual([ours.schoolClass.documentId]);
    expect(response.body.data[0].students.map((s: { documentId: string }) => s.documentId).sort()).toEqual([...ourStudents].sort());
  });

  test('GraphQL: nested students of classes and majors stay inside the department', async () => {
    const query = `{ majors(filters: { documentId: { in: ["${ours.major.documentId}", "${theirs.major.documentId}"] } }) { documentId classes { students { documentId } } } }`;
    const response = await app.http.post('/graphql').set('Authorization', manager.api).send({ query });
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    for (const id of theirStudents) expect(text).not.toContain(id);
    expect(response.body.data.majors.map((m: { documentId: string }) => m.documentId)).toEqual([ours.major.documentId]);
  });

  test('Content Manager list: the admin panel shows the manager only their department', async () => {
    const response = await app.http
      .get(`/content-manager/collection-types/api::student.student?${inBoth()}`)
      .set('Authorization', manager.admin);
    expect(response.status).toBe(200);
    expect(response.body.results.map((s: { documentId: string }) => s.documentId).sort()).toEqual([...ourStudents].sort());
    expect(response.body.pagination.total).toBe(ourStudents.length);
  });

  test("Content Manager edit view: another department's student is not found", async () => {
    const response = await app.http.get(`/content-manager/collection-types/api::student.student/${theirStudents[0]}`).set('Authorization', manager.admin);
    expect([403, 404]).toContain(response.status);
    expect(JSON.stringify(response.body)).not.toContain('nationalId');
  });
});

describe('students see themselves', () => {
  test('GET /api/me returns the own record with personal data in clear', async () => {
    const login = await createStudentLogin(app, ourStudents[0]);
    const me = await app.http.get('/api/me').set('Authorization', login.api);
    expect(me.status).toBe(200);
    expect(me.body.data.documentId).toBe(ourStudents[0]);
    expect(me.body.data.nationalId).toMatch(/^\d{17}[\dX]$/);
    const other = await app.http.get(`/api/students/${ourStudents[1]}`).set('Authorization', login.api);
    expect(other.status).toBe(404);
    const list = await app.http.get('/api/students').set('Authorization', login.api);
    expect(list.body.data.map((s: { documentId: string }) => s.documentId)).toEqual([ourStudents[0]]);
  });
});

describe('writes', () => {
  test("a manager cannot edit another department's student: 404, nothing written", async () => {
    const response = await app.http.put(`/api/students/${theirStudents[0]}`).set('Authorization', manager.api).send({ data: { ethnicity: '回族' } });
    expect(response.status).toBe(404);
    const row = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: theirStudents[0] } });
    expect(row.ethnicity).not.toBe('回族');
  });

  test("a manager cannot admit into another department's class: 403, nothing written", async () => {
    const before = await app.strapi.db.query('api::student.student').count({ where: { schoolClass: { documentId: theirs.schoolClass.documentId } } });
    const response = await app.http.post('/api/students').set('Authorization', manager.api).send({ data: studentInput(theirs.schoolClass.documentId) });
    expect(response.status).toBe(403);
    expect(await app.strapi.db.query('api::student.student').count({ where: { schoolClass: { documentId: theirs.schoolClass.documentId } } })).toBe(before);
  });

  test('a manager edits their own student', async () => {
    const response = await app.http.put(`/api/students/${ourStudents[2]}`).set('Authorization', manager.api).send({ data: { ethnicity: '壮族' } });
    expect(response.status).toBe(200);
    expect(response.body.data.ethnicity).toBe('壮族');
  });
});

describe('GraphQL for the student themselves', () => {
  test('myStudentRecord returns the own record in clear; staff without a student record get an error, not data', async () => {
    const login = await createStudentLogin(app, ourStudents[1]);
    const query = '{ myStudentRecord { documentId nationalId schoolClass { documentId } } }';
    const own = await app.http.post('/graphql').set('Authorization', login.api).send({ query });
    expect(own.status).toBe(200);
    expect(own.body.data.myStudentRecord.documentId).toBe(ourStudents[1]);
    expect(own.body.data.myStudentRecord.nationalId).toMatch(/^\d{17}[\dX]$/);
    expect(own.body.data.myStudentRecord.schoolClass.documentId).toBe(ours.schoolClass.documentId);
    const staff = await app.http.post('/graphql').set('Authorization', manager.api).send({ query });
    expect(staff.body.data?.myStudentRecord ?? null).toBeNull();
    expect(staff.body.errors?.length).toBeGreaterThan(0);
  });
});

describe('memberships decide the rows', () => {
  test('an inactive membership reaches nothing; a library member sees no student', async () => {
    const former = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId, active: false });
    const librarian = await createStaff(app, { adminRole: 'department-clerk', office: 'library' });
    for (const actor of [former, librarian]) {
      const response = await app.http.get(`/api/students?${inBoth()}`).set('Authorization', actor.api);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual([]);
      expect(response.body.meta.pagination.total).toBe(0);
    }
  });

  test('ending a membership takes effect on the next request', async () => {
    const clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
    const before = await app.http.get(`/api/students?${inBoth()}`).set('Authorization', clerk.api);
    expect(before.body.data).toHaveLength(ourStudents.length);
    await app.strapi.db.query('api::staff-membership.staff-membership').update({ where: { email: clerk.email }, data: { active: false } });
    const after = await app.http.get(`/api/students?${inBoth()}`).set('Authorization', clerk.api);
    expect(after.body.data).toEqual([]);
  });
});

describe('the department column the scope filters on', () => {
  test('follows the department link on admission, on a move to another department, and in bulk', async () => {
    const moved = (await admit(ours, 1))[0];
    // A move is an approved change of major, which links the new class, major and department.
    const target = (await app.strapi.db.query('api::school-class.school-class').findOne({
      where: { documentId: theirs.schoolClass.documentId },
      populate: { major: { populate: ['department'] } },
    })) as { id: number; major: { id: number; department: { id: number } } };
    await app.strapi.db.query('api::student.student').update({
      where: { documentId: moved },
      data: { schoolClass: target.id, major: target.major.id, department: target.major.department.id },
    });
    const mismatches = await app.strapi.db.connection.raw(
      `SELECT s.id FROM students s LEFT JOIN students_department_lnk l ON l.student_id = s.id WHERE s.department_scope IS DISTINCT FROM l.department_id`,
    );
    expect(mismatches.rows).toEqual([]);
    const seenByOurs = await app.http.get(`/api/students/${moved}`).set('Authorization', manager.api);
    expect(seenByOurs.status).toBe(404);
  });
});

describe('the admin panel for a department manager', () => {
  test('saves their own student in the Content Manager (the 本系部 condition holds on the stored row)', async () => {
    const base = '/content-manager/collection-types/api::student.student';
    const one = await app.http.get(`${base}/${ourStudents[0]}`).set('Authorization', manager.admin);
    expect(one.status).toBe(200);
    const saved = await app.http.put(`${base}/${ourStudents[0]}`).set('Authorization', manager.admin).send({ ...one.body.data, politicalStatus: '群众' });
    expect(saved.body).toEqual(expect.objectContaining({ data: expect.anything() }));
    expect(saved.status).toBe(200);
    const row = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: ourStudents[0] } });
    expect(row.politicalStatus).toBe('群众');
  });
});

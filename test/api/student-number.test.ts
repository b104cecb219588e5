import { createClassTree, studentInput, type ClassTree } from '../factories';
import { adminToken } from '../helpers/admin';
import { countStudents, counterOf, studentsOfClass } from '../helpers/db';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

const prefixOf = (tree: ClassTree) => `${tree.schoolClass.enrollmentYear}${tree.department.code}${tree.major.code}${tree.schoolClass.sequence}`;

async function admit(tree: ClassTree, overrides: Record<string, unknown> = {}) {
  return app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId, overrides) });
}

async function admitMany(tree: ClassTree, count: number) {
  const data = Array.from({ length: count }, () => studentInput(tree.schoolClass.documentId));
  return app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data });
}

describe('student numbers', () => {
  test('the fifth student of class 01, major 01, department 01, year 2023 gets 202301010105', async () => {
    // Given class 01 of major 01 of department 01, enrolment year 2023
    const tree = await createClassTree(app.strapi, { departmentCode: '01', majorCode: '01', classSequence: '01', enrollmentYear: 2023 });
    // When five students are admitted one after another
    const numbers: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await admit(tree);
      expect(response.status).toBe(201);
      numbers.push(response.body.data.studentNumber);
    }
    // Then they are numbered in order of admission, the fifth as in the domain example
    expect(numbers).toEqual(['202301010101', '202301010102', '202301010103', '202301010104', '202301010105']);
  });

  test('the new student is admitted, with department, major and year taken from the class', async () => {
    const tree = await createClassTree(app.strapi, { enrollmentYear: 2024, classSequence: '03', majorCode: '07' });
    const response = await admit(tree);
    expect(response.status).toBe(201);
    const [student] = await app.strapi.documents('api::student.student').findMany({
      filters: { documentId: response.body.data.documentId },
      populate: ['department', 'major', 'schoolClass'],
    } as never) as any[];
    expect(student).toMatchObject({
      status: 'admitted',
      enrollmentYear: 2024,
      department: { documentId: tree.department.documentId },
      major: { documentId: tree.major.documentId },
      schoolClass: { documentId: tree.schoolClass.documentId },
    });
    expect(student.studentNumber).toBe(`${prefixOf(tree)}01`);
  });

  test('the 100th student of a class is refused with a clear error, and nothing is written', async () => {
    // Given a class with 99 students
    const tree = await createClassTree(app.strapi);
    expect((await admitMany(tree, 99)).status).toBe(201);
    // When a 100th is admitted
    const response = await admit(tree);
    // Then it is a 400 naming the class, and the class and its counter are unchanged
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['schoolClass']);
    expect(response.body.error.message).toMatch(/99/);
    expect((await studentsOfClass(app.strapi, tree.schoolClass.documentId)).length).toBe(99);
    expect(await counterOf(app.strapi, prefixOf(tree))).toBe(99);
  });

  test('a bulk admission that would pass 99 is refused whole, naming the rows that overflow', async () => {
    const tree = await createClassTree(app.strapi);
    expect((await admitMany(tree, 97)).status).toBe(201);
    const response = await admitMany(tree, 4);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors.map((e: { path: string[] }) => e.path)).toEqual([
      ['data', '2', 'schoolClass'],
      ['data', '3', 'schoolClass'],
    ]);
    expect((await studentsOfClass(app.strapi, tree.schoolClass.documentId)).length).toBe(97);
    expect(await counterOf(app.strapi, prefixOf(tree))).toBe(97);
  });

  test('a number is never handed out again after its student is deleted', async () => {
    const tree = await createClassTree(app.strapi);
    const first = await admit(tree);
    const second = await admit(tree);
    const deleted = await app.http.delete(`/api/students/${second.body.data.documentId}`).set('Authorization', app.auth);
    expect(deleted.status).toBe(204);
    const third = await admit(tree);
    expect([first.body.data.studentNumber, third.body.data.studentNumber]).toEqual([`${prefixOf(tree)}01`, `${prefixOf(tree)}03`]);
  });

  test('a failed admission does not use up a number', async () => {
    const tree = await createClassTree(app.strapi);
    const bad = await admit(tree, { nationalId: '430102200509150016' });
    expect(bad.status).toBe(400);
    const good = await admit(tree);
    expect(good.body.data.studentNumber).toBe(`${prefixOf(tree)}01`);
  });
});

describe('nobody sets or changes a student number', () => {
  let tree: ClassTree;
  beforeAll(async () => {
    tree = await createClassTree(app.strapi);
  });

  test('REST create with a number is a 400 and writes nothing', async () => {
    const before = await countStudents(app.strapi);
    const response = await admit(tree, { studentNumber: '209901010101' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['studentNumber']);
    expect(await countStudents(app.strapi)).toBe(before);
  });

  test('REST update of the number is a 400 and the number stays', async () => {
    const created = await admit(tree);
    const response = await app.http
      .put(`/api/students/${created.body.data.documentId}`)
      .set('Authorization', app.auth)
      .send({ data: { studentNumber: '209901010199' } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['studentNumber']);
    const stored = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: created.body.data.documentId } });
    expect(stored.studentNumber).toBe(created.body.data.studentNumber);
  });

  test('GraphQL create with a number is refused and writes nothing', async () => {
    const before = await countStudents(app.strapi);
    const input = studentInput(tree.schoolClass.documentId, { studentNumber: '209901010101' });
    const response = await app.http
      .post('/graphql')
      .set('Authorization', app.auth)
      .send({
        query: 'mutation($data: StudentInput!) { createStudent(data: $data) { documentId studentNumber } }',
        variables: { data: input },
      });
    expect(response.body.data?.createStudent ?? null).toBeNull();
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.body.errors)).toContain('studentNumber');
    expect(await countStudents(app.strapi)).toBe(before);
  });

  test('GraphQL update of the number is refused', async () => {
    const created = await admit(tree);
    const response = await app.http
      .post('/graphql')
      .set('Authorization', app.auth)
      .send({
        query: 'mutation($id: ID!) { updateStudent(documentId: $id, data: { studentNumber: "209901010199" }) { studentNumber } }',
        variables: { id: created.body.data.documentId },
      });
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const stored = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: created.body.data.documentId } });
    expect(stored.studentNumber).toBe(created.body.data.studentNumber);
  });

  test('Content Manager create with a number is a 400; update with the same number changes nothing', async () => {
    const token = await adminToken(app);
    const base = '/content-manager/collection-types/api::student.student';
    const before = await countStudents(app.strapi);
    const refused = await app.http.post(base).set('Authorization', token).send({ ...studentInput(tree.schoolClass.documentId), studentNumber: '209901010101' });
    expect(refused.status).toBe(400);
    expect(await countStudents(app.strapi)).toBe(before);
    const created = await app.http.post(base).set('Authorization', token).send(studentInput(tree.schoolClass.documentId));
    expect(created.status).toBe(201);
    const number = created.body.data.studentNumber;
    expect(number).toMatch(/^\d{12}$/);
    const sameBack = await app.http.put(`${base}/${created.body.data.documentId}`).set('Authorization', token).send({ ...created.body.data, name: '改名' });
    expect(sameBack.status).toBe(200);
    expect(sameBack.body.data).toMatchObject({ name: '改名', studentNumber: number, nationalId: created.body.data.nationalId });
    const changed = await app.http.put(`${base}/${created.body.data.documentId}`).set('Authorization', token).send({ studentNumber: '209901010198' });
    expect(changed.status).toBe(400);
  });
});

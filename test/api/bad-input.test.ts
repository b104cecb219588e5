import { createClassTree, fakeNationalId, studentInput, type ClassTree } from '../factories';
import { countStudents } from '../helpers/db';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let tree: ClassTree;
beforeAll(async () => {
  app = await startStrapi();
  tree = await createClassTree(app.strapi);
});
afterAll(async () => {
  await app.stop();
});

describe('bad input to POST /api/students is a 400 naming the field, and writes nothing', () => {
  test.each([
    ['an unknown field', { nickname: 'x' }, 'nickname'],
    ['a name of the wrong type', { name: 123 }, 'name'],
    ['a missing name', { name: undefined }, 'name'],
    ['a missing national ID', { nationalId: undefined }, 'nationalId'],
    ['a bad ID checksum', { nationalId: '430102200509150016' }, 'nationalId'],
    ['an ID with an impossible birth date', { nationalId: '430102200502300011' }, 'nationalId'],
    ['an ID of the wrong length', { nationalId: '4301022005091500' }, 'nationalId'],
    ['a malformed phone', { phone: 'call me' }, 'phone'],
    ['an unknown status', { status: 'expelled' }, 'status'],
    ['a status other than admitted', { status: 'graduated' }, 'status'],
    ['a programme length of 4', { programLength: 4 }, 'programLength'],
    ['a missing class', { schoolClass: undefined }, 'schoolClass'],
    ['a class that does not exist', { schoolClass: 'nosuchclassdocumentid00' }, 'schoolClass'],
    ['a login user that does not exist', { user: 'nosuchuserdocumentid000' }, 'user'],
  ])('%s', async (_name, change, field) => {
    const before = await countStudents(app.strapi);
    const data = { ...studentInput(tree.schoolClass.documentId), ...change };
    const response = await app.http.post('/api/students').set('Authorization', app.auth).send({ data });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain(field);
    expect(await countStudents(app.strapi)).toBe(before);
  });

  test('a department that contradicts the class is a 400 naming department', async () => {
    const other = await createClassTree(app.strapi);
    const response = await app.http
      .post('/api/students')
      .set('Authorization', app.auth)
      .send({ data: { ...studentInput(tree.schoolClass.documentId), department: other.department.documentId } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['department']);
  });

  test('a body without data, or with data of the wrong shape, is a 400', async () => {
    for (const body of [{}, { data: 'x' }, { data: [] }]) {
      const response = await app.http.post('/api/students').set('Authorization', app.auth).send(body);
      expect(response.status).toBe(400);
    }
  });

  test('an unauthenticated request is refused and writes nothing', async () => {
    const before = await countStudents(app.strapi);
    const response = await app.http.post('/api/students').send({ data: studentInput(tree.schoolClass.documentId) });
    expect(response.status).toBe(403);
    const bulk = await app.http.post('/api/students/admissions').send({ data: [studentInput(tree.schoolClass.documentId)] });
    expect(bulk.status).toBe(403);
    expect(await countStudents(app.strapi)).toBe(before);
  });
});

describe('bad input on update', () => {
  test.each([
    ['a bad ID checksum', { nationalId: '430102200509150016' }, 'nationalId'],
    ['an empty national ID', { nationalId: '' }, 'nationalId'],
    ['a gender against the ID', { gender: 'female' }, 'gender'],
    ['a birth date against the ID', { birthDate: '1999-01-01' }, 'birthDate'],
    ['no class', { schoolClass: null }, 'schoolClass'],
    ['a class that does not exist', { schoolClass: 'nosuchclassdocumentid00' }, 'schoolClass'],
  ])('%s is a 400 and the record is unchanged', async (_name, change, field) => {
    const created = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId, { nationalId: fakeNationalId({ gender: 'male' }) }) });
    const id = created.body.data.documentId;
    const before = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: id } });
    const response = await app.http.put(`/api/students/${id}`).set('Authorization', app.auth).send({ data: change });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain(field);
    expect(await app.strapi.db.query('api::student.student').findOne({ where: { documentId: id } })).toEqual(before);
  });

  test('a student changes class only through an approved status change: 400 naming schoolClass, nothing moved', async () => {
    const created = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId) });
    const target = await createClassTree(app.strapi, { enrollmentYear: 2025 });
    const response = await app.http.put(`/api/students/${created.body.data.documentId}`).set('Authorization', app.auth).send({ data: { schoolClass: target.schoolClass.documentId } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['schoolClass']);
    const stayed = (await app.strapi.db.query('api::student.student').findOne({
      where: { documentId: created.body.data.documentId },
      populate: ['schoolClass'],
    })) as any;
    expect(stayed.schoolClass.documentId).toBe(tree.schoolClass.documentId);
  });
});

describe('bulk admission', () => {
  test('admits every row in one request with consecutive numbers', async () => {
    const fresh = await createClassTree(app.strapi);
    const data = Array.from({ length: 30 }, () => studentInput(fresh.schoolClass.documentId, { phone: '13812345678' }));
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data });
    expect(response.status).toBe(201);
    expect(response.body.meta.count).toBe(30);
    const numbers = response.body.data.map((s: { studentNumber: string }) => Number(s.studentNumber.slice(-2)));
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const listed = await app.http.get('/api/students').query({ filters: { schoolClass: { documentId: fresh.schoolClass.documentId } }, sort: 'studentNumber', populate: ['department', 'major', 'schoolClass'] }).set('Authorization', app.auth);
    expect(listed.body.meta.pagination.total).toBe(30);
    expect(listed.body.data[0]).toMatchObject({ status: 'admitted', phone: '138******78', department: { documentId: fresh.department.documentId }, major: { documentId: fresh.major.documentId } });
    const classWithStudents = await app.http.get(`/api/school-classes/${fresh.schoolClass.documentId}`).query({ populate: 'students' }).set('Authorization', app.auth);
    expect(classWithStudents.body.data.students.length).toBe(30);
  });

  test('one bad row anywhere: nothing is written and the 400 lists every bad row by index and field', async () => {
    const fresh = await createClassTree(app.strapi);
    const duplicate = fakeNationalId();
    const data = [
      studentInput(fresh.schoolClass.documentId),
      studentInput(fresh.schoolClass.documentId, { nationalId: '430102200509150016' }),
      studentInput(fresh.schoolClass.documentId, { nationalId: duplicate }),
      studentInput(fresh.schoolClass.documentId, { name: '' , phone: 'x' }),
      studentInput(fresh.schoolClass.documentId, { nationalId: duplicate }),
      studentInput('nosuchclassdocumentid00'),
      studentInput(fresh.schoolClass.documentId, { studentNumber: '202301010101' }),
    ];
    const before = await countStudents(app.strapi);
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort();
    expect(paths).toEqual(['data.1.nationalId', 'data.3.name', 'data.3.phone', 'data.4.nationalId', 'data.5.schoolClass', 'data.6.studentNumber'].sort());
    expect(await countStudents(app.strapi)).toBe(before);
    const again = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: [data[0]] });
    expect(again.body.data[0].studentNumber.slice(-2)).toBe('01');
  });

  test('a row whose national ID is already on record is named', async () => {
    const taken = fakeNationalId();
    await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId, { nationalId: taken }) });
    const response = await app.http
      .post('/api/students/admissions')
      .set('Authorization', app.auth)
      .send({ data: [studentInput(tree.schoolClass.documentId), studentInput(tree.schoolClass.documentId, { nationalId: taken })] });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors.map((e: { path: string[] }) => e.path)).toEqual([['data', '1', 'nationalId']]);
  });

  test('more than 5,000 rows is refused before any work', async () => {
    const row = studentInput(tree.schoolClass.documentId);
    const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: Array.from({ length: 5001 }, () => row) });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['data']);
  });
});

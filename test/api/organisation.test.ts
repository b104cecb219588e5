import { createClassTree, studentInput } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

const post = (path: string, data: Record<string, unknown>) => app.http.post(path).set('Authorization', app.auth).send({ data });
const put = (path: string, data: Record<string, unknown>) => app.http.put(path).set('Authorization', app.auth).send({ data });
const del = (path: string) => app.http.delete(path).set('Authorization', app.auth);

describe('departments', () => {
  test('a duplicate department code is a 400 naming code', async () => {
    const tree = await createClassTree(app.strapi);
    const response = await post('/api/departments', { name: `重复代码${Date.now()}`, code: tree.department.code });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['code']);
  });

  test.each(['1', '001', 'ab', '00'])('code %p is refused', async (code) => {
    const response = await post('/api/departments', { name: `坏代码${code}${Date.now()}`, code });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain('code');
  });

  test('a department with majors cannot be deleted', async () => {
    const tree = await createClassTree(app.strapi);
    const response = await del(`/api/departments/${tree.department.documentId}`);
    expect(response.status).toBe(400);
    expect(await app.strapi.db.query('api::department.department').count({ where: { documentId: tree.department.documentId } })).toBe(1);
  });

  test('a department code cannot change once students were numbered with it; before, it can', async () => {
    const tree = await createClassTree(app.strapi);
    const free = await put(`/api/departments/${tree.department.documentId}`, { name: `改名${Date.now()}` });
    expect(free.status).toBe(200);
    await post('/api/students', studentInput(tree.schoolClass.documentId));
    const response = await put(`/api/departments/${tree.department.documentId}`, { code: tree.department.code === '97' ? '96' : '97' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['code']);
    expect(response.body.error.message).toContain('students were numbered');
  });
});

describe('majors', () => {
  test('the same major code is allowed in two departments but not twice in one', async () => {
    const a = await createClassTree(app.strapi, { majorCode: '05' });
    const b = await createClassTree(app.strapi, { majorCode: '05' });
    expect(a.major.documentId).not.toBe(b.major.documentId);
    const response = await post('/api/majors', { name: '重复专业', code: '05', department: a.department.documentId });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['code']);
  });

  test('a major needs an existing department', async () => {
    expect((await post('/api/majors', { name: '无系部', code: '01' })).status).toBe(400);
    const missing = await post('/api/majors', { name: '无系部', code: '01', department: 'nosuchdepartment0000000' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0].path).toEqual(['department']);
  });

  test('a major with students cannot move to another department', async () => {
    const tree = await createClassTree(app.strapi);
    const other = await createClassTree(app.strapi);
    await post('/api/students', studentInput(tree.schoolClass.documentId));
    const response = await put(`/api/majors/${tree.major.documentId}`, { department: other.department.documentId });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['department']);
    expect(response.body.error.message).toContain('students were numbered');
  });
});

describe('classes', () => {
  test('a class sequence is unique within its major and year, free across years', async () => {
    const tree = await createClassTree(app.strapi, { enrollmentYear: 2024, classSequence: '02' });
    const otherYear = await post('/api/school-classes', { name: '次年2班', enrollmentYear: 2025, sequence: '02', major: tree.major.documentId });
    expect(otherYear.status).toBe(201);
    const clash = await post('/api/school-classes', { name: '重复2班', enrollmentYear: 2024, sequence: '02', major: tree.major.documentId });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details.errors[0].path).toEqual(['sequence']);
  });

  test('a class with students cannot be deleted or renumbered', async () => {
    const tree = await createClassTree(app.strapi);
    await post('/api/students', studentInput(tree.schoolClass.documentId));
    expect((await del(`/api/school-classes/${tree.schoolClass.documentId}`)).status).toBe(400);
    const renumber = await put(`/api/school-classes/${tree.schoolClass.documentId}`, { sequence: '09' });
    expect(renumber.status).toBe(400);
    expect(renumber.body.error.message).toContain('students were numbered');
    expect(renumber.body.error.details.errors[0].path).toEqual(['sequence']);
  });
});

describe('offices and staff memberships', () => {
  test('a membership belongs to exactly one department or one office', async () => {
    const tree = await createClassTree(app.strapi);
    const office =
      (await app.strapi.db.query('api::office.office').findOne({ where: { kind: 'library' } })) ??
      (await app.strapi.documents('api::office.office').create({ data: { name: '图书馆', kind: 'library' } as never }));
    const base = { staffName: '张老师', email: 'zhang@example.com', position: 'clerk' };
    expect((await post('/api/staff-memberships', base)).status).toBe(400);
    expect((await post('/api/staff-memberships', { ...base, department: tree.department.documentId, office: office.documentId })).status).toBe(400);
    expect((await post('/api/staff-memberships', { ...base, department: tree.department.documentId })).status).toBe(201);
    expect((await post('/api/staff-memberships', { ...base, office: office.documentId })).status).toBe(201);
  });

  test('a second office of the same kind is a 400 naming kind', async () => {
    if (!(await app.strapi.db.query('api::office.office').findOne({ where: { kind: 'finance' } }))) {
      expect((await post('/api/offices', { name: '计财处', kind: 'finance' })).status).toBe(201);
    }
    const response = await post('/api/offices', { name: `第二计财处${Date.now()}`, kind: 'finance' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['kind']);
  });
});

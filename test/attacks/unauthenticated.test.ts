/**
 * The public side: every route without a token (and with a forged one) is refused, returns no
 * record data, and writes nothing.
 */
import { buildWorld, CM_STUDENTS, fakeNationalId, leaksOf, STUDENT, type World } from './world';

let world: World;

beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.stop();
});

type Method = 'get' | 'post' | 'put' | 'delete';

/** Row counts of every table an anonymous write could touch. */
async function counts() {
  const db = world.app.strapi.db;
  return {
    students: await db.query(STUDENT).count(),
    departments: await db.query('api::department.department').count(),
    majors: await db.query('api::major.major').count(),
    classes: await db.query('api::school-class.school-class').count(),
    offices: await db.query('api::office.office').count(),
    memberships: await db.query('api::staff-membership.staff-membership').count(),
    lastUpdate: ((await db.connection.raw('SELECT max(updated_at) AS t FROM students')).rows[0].t as Date).toISOString(),
  };
}

function expectNoRecordData(body: unknown, text: string) {
  expect(leaksOf(body, world.ours)).toEqual([]);
  expect(leaksOf(body, world.theirs)).toEqual([]);
  expect(leaksOf(text, world.ours)).toEqual([]);
  expect((body as { data?: unknown } | undefined)?.data ?? null).toBeNull();
}

const ours = () => world.ours.students[0].documentId;
const body = () => ({ data: { name: '匿名', nationalId: fakeNationalId(), schoolClass: world.ours.tree.schoolClass.documentId, ethnicity: '匿名' } });

const ROUTES: Array<[Method, string, (() => unknown)?]> = [
  ['get', '/api/students'],
  ['get', '/api/students/{student}'],
  ['post', '/api/students', body],
  ['put', '/api/students/{student}', body],
  ['delete', '/api/students/{student}'],
  ['post', '/api/students/admissions', () => ({ data: [body().data] })],
  ['get', '/api/me'],
  ['get', '/api/school-classes'],
  ['get', '/api/school-classes/{class}'],
  ['post', '/api/school-classes', () => ({ data: { name: '匿名班', enrollmentYear: 2023, sequence: '09', major: world.ours.tree.major.documentId } })],
  ['put', '/api/school-classes/{class}', () => ({ data: { name: '匿名班' } })],
  ['delete', '/api/school-classes/{class}'],
  ['get', '/api/majors'],
  ['post', '/api/majors', () => ({ data: { name: '匿名专业', code: '99', department: world.ours.tree.department.documentId } })],
  ['delete', '/api/majors/{major}'],
  ['get', '/api/departments'],
  ['post', '/api/departments', () => ({ data: { name: '匿名系部', code: '09' } })],
  ['put', '/api/departments/{department}', () => ({ data: { name: '匿名系部' } })],
  ['get', '/api/offices'],
  ['post', '/api/offices', () => ({ data: { name: '匿名处', kind: 'archive' } })],
  ['get', '/api/staff-memberships'],
  ['post', '/api/staff-memberships', () => ({ data: { staffName: '匿名', email: 'anon@example.com', department: world.ours.tree.department.documentId } })],
  ['get', '/api/users'],
  ['get', '/content-manager/collection-types/api::student.student'],
  ['get', '/content-manager/collection-types/api::student.student/{student}'],
  ['post', '/content-manager/collection-types/api::student.student', () => body().data],
  ['put', '/content-manager/collection-types/api::student.student/{student}', () => ({ ethnicity: '匿名' })],
  ['delete', '/content-manager/collection-types/api::student.student/{student}'],
  ['post', '/content-manager/collection-types/api::student.student/actions/bulkDelete', () => ({ documentIds: [ours()] })],
  ['get', '/content-manager/relations/api::student.student/schoolClass'],
  ['get', '/admin/permissions'],
];

describe('every route without a token', () => {
  function resolve(template: string): string {
    return template
      .replace('{student}', ours())
      .replace('{class}', world.ours.tree.schoolClass.documentId)
      .replace('{major}', world.ours.tree.major.documentId)
      .replace('{department}', world.ours.tree.department.documentId);
  }

  test.each(ROUTES.map(([method, path, send]) => [method.toUpperCase(), path, send] as const))(
    'Given no token, When %s %s is called, Then 401 or 403, no record data and nothing written',
    async (method, path, send) => {
      const before = await counts();
      let request = world.app.http[method.toLowerCase() as Method](resolve(path));
      if (send) request = request.send(send() as object);

      const response = await request;

      expect([401, 403]).toContain(response.status);
      expectNoRecordData(response.body, response.text);
      expect(await counts()).toEqual(before);
    },
  );
});

describe('forged and foreign credentials', () => {
  test.each([
    ['a garbage bearer token', 'Bearer not-a-token'],
    ['a JWT signed with another secret', 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6MSwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLW9mLWFub3RoZXItc2VjcmV0'],
  ])('Given %s, When /api/students and the admin list are read, Then 401 and no data', async (_label, auth) => {
    const api = await world.app.http.get('/api/students').set('Authorization', auth);
    const admin = await world.app.http.get(CM_STUDENTS).set('Authorization', auth);

    expect(api.status).toBe(401);
    expect(admin.status).toBe(401);
    expectNoRecordData(api.body, api.text);
    expectNoRecordData(admin.body, admin.text);
  });

  test("Given a content-API (users-permissions) JWT, When it is used on the admin's Content Manager, Then 401 and no data", async () => {
    const response = await world.app.http.get(CM_STUDENTS).set('Authorization', world.manager.api);

    expect(response.status).toBe(401);
    expectNoRecordData(response.body, response.text);
  });

  test("Given an admin JWT, When it is used on the content API, Then 401 or 403 and no data", async () => {
    const response = await world.app.http.get('/api/students').set('Authorization', world.manager.admin);

    expect([401, 403]).toContain(response.status);
    expectNoRecordData(response.body, response.text);
  });
});

describe('GraphQL without a token', () => {
  test.each([
    ['students with personal data', () => '{ students { documentId name studentNumber nationalId phone } }'],
    ['students_connection total', () => '{ students_connection { pageInfo { total } } }'],
    ['one of ours by documentId', () => `{ student(documentId: "${ours()}") { documentId name } }`],
    ['departments → students', () => '{ departments { name majors { classes { students { name studentNumber } } } } }'],
    ['offices and staff memberships', () => '{ offices { name } staffMemberships { staffName email } }'],
  ])('Given no token, When %s is queried, Then FORBIDDEN and no data', async (_label, query) => {
    const response = await world.app.http.post('/graphql').send({ query: query() });

    expect([200, 400]).toContain(response.status);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(response.body.errors.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/FORBIDDEN|GRAPHQL_VALIDATION_FAILED/)]),
    );
    expect(leaksOf(response.body, world.ours)).toEqual([]);
    expect(leaksOf(response.body, world.theirs)).toEqual([]);
    expect(JSON.stringify(response.body.data ?? null)).not.toMatch(/"total":\s*\d|"name":"[^"]/);
  });

  test('Given no token, When createStudent and deleteStudent are sent, Then FORBIDDEN and nothing written', async () => {
    const before = await counts();

    const create = await world.app.http
      .post('/graphql')
      .send({ query: `mutation { createStudent(data: { name: "匿名", nationalId: "${fakeNationalId()}", schoolClass: "${world.ours.tree.schoolClass.documentId}" }) { documentId } }` });
    const remove = await world.app.http.post('/graphql').send({ query: `mutation { deleteStudent(documentId: "${ours()}") { documentId } }` });

    for (const response of [create, remove]) {
      expect(response.status).toBe(200);
      expect(response.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
  });
});

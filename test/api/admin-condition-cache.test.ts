/**
 * The 本系部 condition of the admin roles (src/services/scope/admin-condition.ts) reads a staff
 * member's memberships once per login and auth epoch, not once per permission on every admin
 * request; a membership moved to another department takes effect on the very next request.
 *
 * The condition alone decides one thing the database scope does not: whether the Content Manager
 * lets the manager open an entry the scope has found (403 when the condition says it is another
 * department's). So a condition left stale after the move would refuse the new department's
 * student while the scope finds it.
 */
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, type StaffActor } from '../factories/actors';
import { activeStudent, type ActiveStudent } from '../factories/status-changes';
import { startStrapi, type TestApp } from '../helpers/strapi';

const STUDENTS = '/content-manager/collection-types/api::student.student';
const MEMBERSHIP = 'api::staff-membership.staff-membership';

let app: TestApp;
let north: ClassTree;
let south: ClassTree;
let northStudent: ActiveStudent;
let southStudent: ActiveStudent;
let manager: StaffActor;

beforeAll(async () => {
  app = await startStrapi();
  north = await createClassTree(app.strapi);
  south = await createClassTree(app.strapi);
  northStudent = await activeStudent(app, north.schoolClass.documentId);
  southStudent = await activeStudent(app, south.schoolClass.documentId);
  manager = await createStaff(app, { adminRole: 'department-manager', department: north.department.documentId });
});

afterAll(async () => {
  await app?.stop();
});

const open = (student: ActiveStudent) => app.http.get(`${STUDENTS}/${student.documentId}`).set('Authorization', manager.admin);

/** The SQL statements one request sends. */
async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
  const queries: string[] = [];
  const listener = (query: { sql: string }) => queries.push(query.sql);
  app.strapi.db.connection.on('query', listener);
  try {
    await request();
  } finally {
    app.strapi.db.connection.off('query', listener);
  }
  return queries;
}

test('an admin request reads no membership again while nothing changed', async () => {
  expect((await open(northStudent)).status).toBe(200);
  const queries = await statementsOf(async () => expect((await app.http.get('/admin/users/me').set('Authorization', manager.admin)).status).toBe(200));
  // Before: one membership lookup per permission carrying the condition, a dozen per request
  expect(queries.filter((sql) => /staff_memberships/.test(sql))).toEqual([]);
});

test('a membership moved to another department: the next admin request opens that department\'s student, and no longer the old one', async () => {
  expect((await open(northStudent)).status).toBe(200);
  expect((await open(southStudent)).status).not.toBe(200);

  // When the manager's membership moves from north to south
  const membership = (await app.strapi.db.query(MEMBERSHIP).findOne({ where: { email: manager.email } })) as { id: number };
  const southDepartment = (await app.strapi.db.query('api::department.department').findOne({ where: { documentId: south.department.documentId } })) as { id: number };
  await app.strapi.db.query(MEMBERSHIP).update({ where: { id: membership.id }, data: { department: southDepartment.id } });

  // Then the very next request opens the south student (a stale condition would answer 403)
  const opened = await open(southStudent);
  expect(opened.status).toBe(200);
  expect(opened.body.data?.documentId).toBe(southStudent.documentId);
  expect((await open(northStudent)).status).not.toBe(200);
});

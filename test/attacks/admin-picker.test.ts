/**
 * The admin panel as a way around the scope: the Content Manager's relation pickers (the targets
 * offered when creating or editing a student), its list with crafted filters and its counts, and
 * the "本系部" condition on the Roles page.
 */
import { createStudentLogin } from '../factories/actors';
import { adminToken } from '../helpers/admin';
import { buildWorld, CM_STUDENTS, documentIdIn, ids, leaksOf, sortedIds, studentsIn, STUDENT, type World } from './world';

let world: World;
let theirLogin: { userId: number; username: string; email: string; documentId: string };

beforeAll(async () => {
  world = await buildWorld();
  const login = await createStudentLogin(world.app, world.theirs.students[0].documentId);
  theirLogin = (await world.app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: login.userId } })) as typeof theirLogin;
  theirLogin.userId = login.userId;
  // A creator on our rows, so that a filter on the creator's password would have rows to match.
  await world.app.strapi.db.query(STUDENT).updateMany({
    where: { documentId: { $in: world.ours.students.map((p) => p.documentId) } },
    data: { createdBy: world.manager.adminUserId },
  });
});
afterAll(async () => {
  await world.app.stop();
});

async function get(path: string, auth = world.manager.admin) {
  return world.app.http.get(path).set('Authorization', auth);
}

function expectNothingOfTheirs(body: unknown) {
  expect(leaksOf(body, world.theirs)).toEqual([]);
}

const picker = (field: string, query = '') => `/content-manager/relations/api::student.student/${field}?pageSize=100${query}`;

describe('relation pickers offer only our department', () => {
  test.each([
    ['schoolClass', () => world.ours.tree.schoolClass.documentId, () => world.theirs.tree.schoolClass.documentId],
    ['major', () => world.ours.tree.major.documentId, () => world.theirs.tree.major.documentId],
    ['department', () => world.ours.tree.department.documentId, () => world.theirs.tree.department.documentId],
  ])('Given the %s picker of a new student, When the manager opens it, Then ours is offered and theirs is not', async (field, ours, theirs) => {
    const control = await get(picker(field), await adminToken(world.app));
    expect(ids(control.body.results)).toEqual(expect.arrayContaining([ours(), theirs()]));

    const response = await get(picker(field));

    expect(response.status).toBe(200);
    expect(ids(response.body.results)).toEqual([ours()]);
    expect(response.body.pagination.total).toBe(1);
    expectNothingOfTheirs(response.body);
  });

  test('Given the schoolClass picker searched (_q) for their class name, When the manager types it, Then no result', async () => {
    const response = await get(picker('schoolClass', `&_q=${encodeURIComponent(world.theirs.className)}`));

    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([]);
    expect(response.body.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });

  test('Given the schoolClass picker while editing one of ours (id=), When the manager opens it, Then only our classes (none of theirs)', async () => {
    const response = await get(picker('schoolClass', `&id=${world.ours.students[1].documentId}`));

    expect(response.status).toBe(200);
    expect(ids(response.body.results).filter((id) => id === world.theirs.tree.schoolClass.documentId)).toEqual([]);
    expectNothingOfTheirs(response.body);
  });

  test('Given the schoolClass picker with crafted filters on major.department, When the manager passes them, Then still only ours', async () => {
    const response = await get(picker('schoolClass', `&filters[major][department][documentId][$eq]=${world.theirs.tree.department.documentId}`));

    expect([200, 400]).toContain(response.status);
    if (response.status === 200) expect(ids(response.body.results).filter((id) => id !== world.ours.tree.schoolClass.documentId)).toEqual([]);
    expectNothingOfTheirs(response.body);
  });

  test.each([
    ['createdBy picker', () => picker('createdBy', '&sort=password:ASC')],
    ['updatedBy picker', () => picker('updatedBy')],
    ["createdBy of one of ours", () => `/content-manager/relations/api::student.student/${world.ours.students[0].documentId}/createdBy`],
  ])('Given the %s (admin users, a field the role may not read), When the manager opens it, Then 403 and no admin user listed', async (_label, path) => {
    const response = await get(path());

    expect(response.status).toBe(403);
    expect(response.body.results).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toContain(world.manager.email);
  });

  test("Given the user picker of a student, When the manager opens it, Then the login of their department's student is not offered", async () => {
    const response = await get(picker('user'));

    expect([200, 403]).toContain(response.status);
    expect(JSON.stringify(response.body)).not.toContain(theirLogin.documentId);
  });
});

describe('the Content Manager list with crafted filters', () => {
  test('Given $and on their department name, When the manager lists students, Then 0 rows and total 0', async () => {
    const path = `${CM_STUDENTS}?filters[$and][0][department][name][$startsWith]=${encodeURIComponent(world.theirs.departmentName)}`;
    const control = await get(path, await adminToken(world.app));
    expect(control.body.pagination.total).toBe(world.theirs.students.length);

    const response = await get(path);

    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([]);
    expect(response.body.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });

  test('Given $or of their documentId and ours, When the manager lists students, Then only ours', async () => {
    const path = `${CM_STUDENTS}?filters[$or][0][documentId][$eq]=${world.theirs.students[0].documentId}&filters[$or][1][documentId][$eq]=${world.ours.students[0].documentId}`;

    const response = await get(path);

    expect(response.status).toBe(200);
    expect(ids(response.body.results)).toEqual([world.ours.students[0].documentId]);
    expect(response.body.pagination.total).toBe(1);
    expectNothingOfTheirs(response.body);
  });

  test('Given page=1&pageSize=1, When the manager and the clerk count students, Then each total equals our department count', async () => {
    const expected = await studentsIn(world.app, world.ours);
    for (const auth of [world.manager.admin, world.clerk.admin]) {
      const response = await get(`${CM_STUDENTS}?page=1&pageSize=1`, auth);
      expect(response.status).toBe(200);
      expect(response.body.pagination.total).toBe(expected);
      expectNothingOfTheirs(response.body);
    }
  });

  test("Given filters on the creator's password hash, When the manager compares '$2' with 'zz', Then the same rows both ways (no oracle)", async () => {
    const base = `${CM_STUDENTS}?${documentIdIn(world.ours.students)}&pageSize=100`;

    const hit = await get(`${base}&filters[createdBy][password][$startsWith]=$2`);
    const miss = await get(`${base}&filters[createdBy][password][$startsWith]=zz`);

    expect(hit.status).toBe(miss.status);
    if (hit.status === 200) expect(ids(hit.body.results)).toEqual(ids(miss.body.results));
    expect(JSON.stringify(hit.body)).not.toMatch(/"\$2[aby]\$/);
  });

  test('Given filters on the blind index, When the manager compares a real index with a made-up one, Then the same rows both ways (no oracle)', async () => {
    const row = (await world.app.strapi.db.query(STUDENT).findOne({ where: { documentId: world.ours.students[0].documentId } })) as { nationalIdIndex: string };
    const base = `${CM_STUDENTS}?${documentIdIn(world.ours.students)}&pageSize=100`;

    const hit = await get(`${base}&filters[nationalIdIndex][$eq]=${row.nationalIdIndex}`);
    const miss = await get(`${base}&filters[nationalIdIndex][$eq]=0000`);

    expect(hit.status).toBe(miss.status);
    if (hit.status === 200) expect(ids(hit.body.results)).toEqual(ids(miss.body.results));
  });

  test("Given a filter through our student's login to every login of the school (user.role.users.username), When the manager compares their student's username with a made-up one, Then the same rows both ways (no oracle)", async () => {
    const base = `${CM_STUDENTS}?${documentIdIn(world.ours.students)}&pageSize=100`;

    const hit = await get(`${base}&filters[user][role][users][username][$eq]=${theirLogin.username}`);
    const miss = await get(`${base}&filters[user][role][users][username][$eq]=no-such-login`);

    expect(hit.status).toBe(miss.status);
    if (hit.status === 200) expect(ids(hit.body.results)).toEqual(ids(miss.body.results));
  });

  test("Given a filter through our student's login to every login's email, When the manager compares their student's email with a made-up one, Then the same rows both ways (no oracle)", async () => {
    const base = `${CM_STUDENTS}?${documentIdIn(world.ours.students)}&pageSize=100`;

    const hit = await get(`${base}&filters[user][role][users][email][$eq]=${encodeURIComponent(theirLogin.email)}`);
    const miss = await get(`${base}&filters[user][role][users][email][$eq]=no-such-login%40students.example.com`);

    expect(hit.status).toBe(miss.status);
    if (hit.status === 200) expect(ids(hit.body.results)).toEqual(ids(miss.body.results));
  });
});

describe('the Roles page', () => {
  test('Given a super admin, When the permissions layout is read, Then it offers the 本系部 condition', async () => {
    const response = await get('/admin/permissions', await adminToken(world.app));

    expect(response.status).toBe(200);
    const conditions = response.body.data.conditions as Array<{ id: string; displayName: string; category: string }>;
    expect(conditions).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'api::own-department', displayName: '本系部' })]));
  });

  test("Given the department manager role, When its permissions are read, Then every student permission carries the 本系部 condition", async () => {
    const role = (await world.app.strapi.db.query('admin::role').findOne({ where: { code: 'department-manager' } })) as { id: number };
    const response = await get(`/admin/roles/${role.id}/permissions`, await adminToken(world.app));

    expect(response.status).toBe(200);
    const studentPermissions = (response.body.data as Array<{ subject: string; conditions: string[] }>).filter((p) => p.subject === STUDENT);
    expect(studentPermissions.length).toBeGreaterThan(0);
    for (const permission of studentPermissions) expect(permission.conditions).toEqual(['api::own-department']);
  });
});

describe('sanity of the fixtures', () => {
  test('Given the world, When academic affairs lists both departments in the admin, Then it sees both (the manager cases are not vacuous)', async () => {
    const response = await get(`${CM_STUDENTS}?${documentIdIn([...world.ours.students, ...world.theirs.students])}&pageSize=100`, world.academic.admin);

    expect(response.status).toBe(200);
    expect(ids(response.body.results)).toEqual([...sortedIds(world.ours.students), ...sortedIds(world.theirs.students)].sort());
  });
});

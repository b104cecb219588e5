/**
 * Relational-filter oracles (CVE-2023-22894 and its kin): a department manager filters lists on
 * relations into another department and on private fields of related users. Every such filter is
 * either refused (400) or answered from the manager's own department only, with totals that do
 * not depend on anything outside it.
 */
import { createStudentLogin } from '../factories/actors';
import { buildWorld, ids, leaksOf, sortedIds, studentsIn, STUDENT, type World } from './world';

let world: World;
let theirLoginUsername: string;

beforeAll(async () => {
  world = await buildWorld();
  const { app, ours, manager } = world;
  // Give the hidden fields something to reveal: a creator/updater with a reset token on one of
  // ours, and a reset token on the student login, so a filter that worked would match a row.
  await app.strapi.db.query(STUDENT).update({
    where: { documentId: ours.students[1].documentId },
    data: { createdBy: manager.adminUserId, updatedBy: manager.adminUserId },
  });
  await app.strapi.db.query('admin::user').update({ where: { id: manager.adminUserId }, data: { resetPasswordToken: 'reset-token-of-the-manager' } });
  await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: world.student.userId }, data: { resetPasswordToken: 'reset-token-of-the-student' } });
  const theirLogin = await createStudentLogin(app, world.theirs.students[0].documentId);
  const user = (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: theirLogin.userId } })) as { username: string };
  theirLoginUsername = user.username;
});
afterAll(async () => {
  await world.app.stop();
});

async function get(path: string, auth: string) {
  return world.app.http.get(path).set('Authorization', auth);
}

function expectNothingOfTheirs(body: unknown) {
  expect(leaksOf(body, world.theirs)).toEqual([]);
}

describe('filters on relations into another department', () => {
  test('Given their department name prefix, When the manager filters students by department.name, Then 200 with no rows and total 0', async () => {
    const path = `/api/students?filters[department][name][$startsWith]=${encodeURIComponent(world.theirs.departmentName)}`;
    const control = await get(path, world.academic.api);
    expect(ids(control.body.data)).toEqual(sortedIds(world.theirs.students));

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });

  test('Given their department code, When the manager filters students by department.code, Then 200 with no rows', async () => {
    const path = `/api/students?filters[department][code][$eq]=${world.theirs.tree.department.code}`;
    const control = await get(path, world.academic.api);
    expect(ids(control.body.data)).toEqual(sortedIds(world.theirs.students));

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });

  test('Given their department documentId, When the manager filters students by schoolClass.major.department.documentId, Then 200 with no rows', async () => {
    const path = `/api/students?filters[schoolClass][major][department][documentId][$eq]=${world.theirs.tree.department.documentId}`;
    const control = await get(path, world.academic.api);
    expect(ids(control.body.data)).toEqual(sortedIds(world.theirs.students));

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });

  test('Given their department code, When the manager lists school classes filtered by major.department.code, Then 200 with no rows', async () => {
    const path = `/api/school-classes?filters[major][department][code][$eq]=${world.theirs.tree.department.code}`;
    const control = await get(path, world.academic.api);
    expect(ids(control.body.data)).toEqual([world.theirs.tree.schoolClass.documentId]);

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });

  test('Given a name of one of their students, When the manager lists majors filtered by classes.students.name, Then no major matches; our student name matches ours only', async () => {
    const theirPath = `/api/majors?filters[classes][students][name][$startsWith]=${encodeURIComponent(world.theirs.students[0].name)}`;
    const ourPath = `/api/majors?filters[classes][students][name][$startsWith]=${encodeURIComponent(world.ours.students[0].name)}`;

    const theirResponse = await get(theirPath, world.manager.api);
    const ourResponse = await get(ourPath, world.manager.api);

    expect(theirResponse.status).toBe(200);
    expect(theirResponse.body.data).toEqual([]);
    expect(theirResponse.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(theirResponse.body);
    expect(ourResponse.status).toBe(200);
    expect(ids(ourResponse.body.data)).toEqual([world.ours.tree.major.documentId]);
  });

  test('Given a student number of theirs, When the manager lists departments filtered by majors.classes.students.studentNumber, Then no department matches', async () => {
    const path = `/api/departments?filters[majors][classes][students][studentNumber][$eq]=${world.theirs.students[1].studentNumber}`;
    const control = await get(path, world.academic.api);
    expect(ids(control.body.data)).toEqual([world.theirs.tree.department.documentId]);

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });

  test('Given one of their student numbers, When the manager filters students by schoolClass.students.studentNumber (a path back through the class), Then no rows', async () => {
    const path = `/api/students?filters[schoolClass][students][studentNumber][$eq]=${world.theirs.students[2].studentNumber}`;
    const control = await get(path, world.academic.api);
    expect(ids(control.body.data)).toEqual(sortedIds(world.theirs.students));

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expectNothingOfTheirs(response.body);
  });
});

describe('a relation filtered by the related row\'s id, in every spelling Strapi reads', () => {
  // A bare id, a list, $eq, $in and $ne on a relation are conditions on the related row's id; each
  // must meet the same scope as a filter on the related row's fields, and none may be a 500.
  const spellings: Array<[string, (id: number) => string]> = [
    ['a bare id', (id) => `filters[majors][classes][students]=${id}`],
    ['a list of ids', (id) => `filters[majors][classes][students][0]=${id}`],
    ['$eq', (id) => `filters[majors][classes][students][$eq]=${id}`],
    ['$in', (id) => `filters[majors][classes][students][$in][0]=${id}`],
    ['$eq beside $or', (id) => `filters[$or][0][majors][classes][students][$eq]=${id}&filters[$or][1][code][$eq]=no-such-code`],
  ];
  const idOf = async (person: { documentId: string }) =>
    ((await world.app.strapi.db.query(STUDENT).findOne({ where: { documentId: person.documentId }, select: ['id'] })) as { id: number }).id;

  test.each(spellings)('Given %s of their student, When the manager lists departments, Then 200 with none; the same with ours finds ours', async (_name, query) => {
    const theirId = await idOf(world.theirs.students[0]);
    const ourId = await idOf(world.ours.students[0]);
    const control = await get(`/api/departments?${query(theirId)}`, world.academic.api);
    expect(control.status).toBe(200);
    expect(ids(control.body.data)).toEqual([world.theirs.tree.department.documentId]);

    const theirs = await get(`/api/departments?${query(theirId)}`, world.manager.api);
    const ours = await get(`/api/departments?${query(ourId)}`, world.manager.api);

    expect(theirs.status).toBe(200);
    expect(theirs.body.data).toEqual([]);
    expect(theirs.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(theirs.body);
    expect(ours.status).toBe(200);
    expect(ids(ours.body.data)).toEqual([world.ours.tree.department.documentId]);
  });

  test('Given $ne on their student, When the manager lists departments, Then only ours (the only one with students the manager may see)', async () => {
    const theirId = await idOf(world.theirs.students[0]);
    const response = await get(`/api/departments?filters[majors][classes][students][$ne]=${theirId}`, world.manager.api);
    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([world.ours.tree.department.documentId]);
    expectNothingOfTheirs(response.body);
  });
});

describe('logical operators mixing in-scope and out-of-scope conditions', () => {
  test('Given $or over our and their department, When the manager lists students, Then only ours, and the total is our count', async () => {
    const path =
      `/api/students?filters[$or][0][department][documentId][$eq]=${world.ours.tree.department.documentId}` +
      `&filters[$or][1][department][documentId][$eq]=${world.theirs.tree.department.documentId}&pagination[pageSize]=100`;

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual(sortedIds(world.ours.students));
    expect(response.body.meta.pagination.total).toBe(await studentsIn(world.app, world.ours));
    expectNothingOfTheirs(response.body);
  });

  test('Given $or with a tautology and a condition on their department name, When the manager lists students, Then only ours', async () => {
    const path =
      `/api/students?filters[$or][0][id][$gt]=0&filters[$or][1][department][name][$eq]=${encodeURIComponent(world.theirs.departmentName)}&pagination[pageSize]=100`;

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual(sortedIds(world.ours.students));
    expect(response.body.meta.pagination.total).toBe(await studentsIn(world.app, world.ours));
    expectNothingOfTheirs(response.body);
  });

  test('Given $not on our own department, When the manager lists students, Then nothing (everything else is outside the scope)', async () => {
    const path = `/api/students?filters[$not][department][documentId][$eq]=${world.ours.tree.department.documentId}`;

    const response = await get(path, world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
    expectNothingOfTheirs(response.body);
  });
});

describe('private fields of related users (CVE-2023-22894)', () => {
  test.each([
    ['updatedBy.resetPasswordToken $notNull', 'filters[updatedBy][resetPasswordToken][$notNull]=true'],
    ['createdBy.password $startsWith $', 'filters[createdBy][password][$startsWith]=$'],
    ['user.password $startsWith $', 'filters[user][password][$startsWith]=$'],
    ['user.resetPasswordToken $null false', 'filters[user][resetPasswordToken][$null]=false'],
    ['user.role.users.username (every student login of the school)', () => `filters[user][role][users][username][$eq]=${theirLoginUsername}`],
  ])('Given a filter on %s, When the manager lists students, Then 400 and no rows', async (_label, filter) => {
    const query = typeof filter === 'function' ? filter() : filter;

    const response = await get(`/api/students?${query}`, world.manager.api);

    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    expectNothingOfTheirs(response.body);
    expect(JSON.stringify(response.body)).not.toMatch(/reset-token-of|\$2[aby]\$/);
  });

  test('Given filters on the private index columns, When the manager lists students, Then 400', async () => {
    const index = (await world.app.strapi.db.query(STUDENT).findOne({ where: { documentId: world.theirs.students[0].documentId } })) as { nationalIdIndex: string };

    const byIndex = await get(`/api/students?filters[nationalIdIndex][$eq]=${index.nationalIdIndex}`, world.manager.api);
    const byCipher = await get('/api/students?filters[nationalIdCipher][$startsWith]=v1', world.manager.api);

    expect(byIndex.status).toBe(400);
    expect(byCipher.status).toBe(400);
    expectNothingOfTheirs(byIndex.body);
    expectNothingOfTheirs(byCipher.body);
  });
});

describe('counts and exact search as oracles', () => {
  test('Given no filter, When the manager asks for one row, Then the total is the number of students of our department', async () => {
    const response = await get('/api/students?pagination[pageSize]=1', world.manager.api);

    expect(response.status).toBe(200);
    expect(response.body.meta.pagination.total).toBe(await studentsIn(world.app, world.ours));
    expectNothingOfTheirs(response.body);
  });

  test('Given prefixes of their names and student numbers, When the manager counts matches, Then every total is 0', async () => {
    const prefixes = [
      `filters[name][$startsWith]=${encodeURIComponent('他系')}`,
      `filters[studentNumber][$startsWith]=${world.theirs.students[0].studentNumber.slice(0, 10)}`,
      `filters[studentNumber][$eq]=${world.theirs.students[0].studentNumber}`,
    ];
    const control = await get(`/api/students?pagination[pageSize]=1&${prefixes[1]}`, world.academic.api);
    expect(control.body.meta.pagination.total).toBe(world.theirs.students.length);

    const totals = [];
    for (const prefix of prefixes) {
      const response = await get(`/api/students?pagination[pageSize]=1&${prefix}`, world.manager.api);
      expect(response.status).toBe(200);
      expectNothingOfTheirs(response.body);
      totals.push(response.body.meta.pagination.total);
    }

    expect(totals).toEqual([0, 0, 0]);
  });

  test('Given their clear national ID and phone, When the manager searches by them (blind index), Then nothing is found', async () => {
    const [person] = world.theirs.students;
    const control = await get(`/api/students?filters[nationalId][$eq]=${person.nationalId}`, world.academic.api);
    expect(ids(control.body.data)).toEqual([person.documentId]);

    const byId = await get(`/api/students?filters[nationalId][$eq]=${person.nationalId}`, world.manager.api);
    const byPhone = await get(`/api/students?filters[phone][$eq]=${person.phone}`, world.manager.api);

    for (const response of [byId, byPhone]) {
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual([]);
      expect(response.body.meta.pagination.total).toBe(0);
      expectNothingOfTheirs(response.body);
    }
  });
});

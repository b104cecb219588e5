/**
 * Sort oracles: ordering a list by a hidden column (cipher text, blind index, a related user's
 * password hash or reset token) would reveal it one comparison at a time. Such sorts are refused,
 * in both directions; sorts along relations never bring another department's rows in.
 */
import { buildWorld, CM_STUDENTS, documentIdIn, ids, leaksOf, sortedIds, studentsIn, STUDENT, type World } from './world';

let world: World;

beforeAll(async () => {
  world = await buildWorld();
  // Three different creators with different reset tokens: a sort that worked would order ours.
  const creators = [world.manager, world.clerk, world.academic];
  for (const [i, person] of world.ours.students.entries()) {
    const creator = creators[i % creators.length].adminUserId;
    await world.app.strapi.db.query(STUDENT).update({ where: { documentId: person.documentId }, data: { createdBy: creator, updatedBy: creator } });
    await world.app.strapi.db.query('admin::user').update({ where: { id: creator }, data: { resetPasswordToken: `token-${'zma'[i % 3]}` } });
  }
  // Distinct tokens on the content-API logins, so a sort of the login picker on them would show.
  const logins = [world.manager.userId, world.clerk.userId, world.academic.userId, world.student.userId];
  for (const [i, id] of logins.entries()) {
    await world.app.strapi.db.query('plugin::users-permissions.user').update({
      where: { id },
      data: { resetPasswordToken: `reset-${'zmak'[i]}`, confirmationToken: `confirm-${'kamz'[i]}` },
    });
  }
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

describe('REST: sorting on hidden fields is refused in both directions', () => {
  test.each([
    ['nationalIdCipher', 'nationalIdCipher'],
    ['nationalIdIndex', 'nationalIdIndex'],
    ['phoneIndex', 'phoneIndex'],
    ['phoneCipher', 'phoneCipher'],
    ['homeAddressCipher', 'homeAddressCipher'],
    ['user.password', 'user.password'],
    ['user.resetPasswordToken', 'user.resetPasswordToken'],
    ['updatedBy.resetPasswordToken', 'updatedBy.resetPasswordToken'],
    ['createdBy.password', 'createdBy.password'],
  ])('Given sort=%s, When the manager lists students ascending and descending, Then both are 400', async (_label, field) => {
    const ascending = await get(`/api/students?sort=${field}:asc`, world.manager.api);
    const descending = await get(`/api/students?sort=${field}:desc`, world.manager.api);
    const bare = await get(`/api/students?sort=${field}`, world.manager.api);

    for (const response of [ascending, descending, bare]) {
      expect(response.status).toBe(400);
      expect(response.body.data ?? null).toBeNull();
      expectNothingOfTheirs(response.body);
    }
  });

  test('Given sort as an object on the blind index (sort[0][nationalIdIndex]=asc), When the manager lists students, Then 400', async () => {
    const response = await get('/api/students?sort[0][nationalIdIndex]=asc', world.manager.api);

    expect(response.status).toBe(400);
    expectNothingOfTheirs(response.body);
  });
});

describe('REST: sorting along relations stays inside the department', () => {
  test('Given sort on schoolClass.major.department.name, When the manager lists students both ways, Then the same in-scope set, reversed or equal, and the total is ours', async () => {
    const ascending = await get('/api/students?sort=schoolClass.major.department.name:asc&pagination[pageSize]=100', world.manager.api);
    const descending = await get('/api/students?sort=schoolClass.major.department.name:desc&pagination[pageSize]=100', world.manager.api);

    const total = await studentsIn(world.app, world.ours);
    for (const response of [ascending, descending]) {
      expect(response.status).toBe(200);
      expect(ids(response.body.data)).toEqual(sortedIds(world.ours.students));
      expect(response.body.meta.pagination.total).toBe(total);
      expectNothingOfTheirs(response.body);
    }
  });

  test.each([
    ['departments', 'majors.classes.students.name'],
    ['majors', 'classes.students.studentNumber'],
    ['students', 'schoolClass.students.name'],
  ])('Given a sort of %s through a to-many path into students (%s), When the manager asks both ways, Then 400 naming sort, and nothing listed', async (type, path) => {
    for (const direction of ['asc', 'desc']) {
      const response = await get(`/api/${type}?sort=${path}:${direction}&pagination[pageSize]=1`, world.manager.api);
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['sort']);
      expect(response.body.data ?? null).toBeNull();
      expectNothingOfTheirs(response.body);
    }
  });
});

describe('Content Manager: sorting on hidden fields does not reorder', () => {
  test.each(['nationalIdIndex', 'nationalIdCipher', 'phoneIndex', 'createdBy.password', 'updatedBy.resetPasswordToken'])(
    'Given sort=%s ASC and DESC, When the manager lists students in the admin, Then 400 or the same order both ways, ours only',
    async (field) => {
      const base = `${CM_STUDENTS}?${documentIdIn([...world.ours.students, ...world.theirs.students])}&pageSize=100`;
      const ascending = await get(`${base}&sort=${field}:ASC`, world.manager.admin);
      const descending = await get(`${base}&sort=${field}:DESC`, world.manager.admin);

      expect(ascending.status).toBe(descending.status);
      expectNothingOfTheirs(ascending.body);
      expectNothingOfTheirs(descending.body);
      if (ascending.status !== 400) {
        expect(ascending.status).toBe(200);
        const up = ascending.body.results.map((r: { documentId: string }) => r.documentId);
        const down = descending.body.results.map((r: { documentId: string }) => r.documentId);
        expect([...up].sort()).toEqual(sortedIds(world.ours.students));
        expect(down).toEqual(up);
      }
    },
  );
});

describe('Content Manager relation picker: sorting and filtering the offered logins on hidden fields', () => {
  const userPicker = '/content-manager/relations/api::student.student/user?pageSize=100';

  test.each(['password', 'resetPasswordToken', 'confirmationToken'])(
    'Given the user picker sorted by %s ASC and DESC, When the manager opens it, Then 403: a department may not browse logins',
    async (field) => {
      const ascending = await get(`${userPicker}&sort=${field}:ASC`, world.manager.admin);
      const descending = await get(`${userPicker}&sort=${field}:DESC`, world.manager.admin);

      expect([ascending.status, descending.status]).toEqual([403, 403]);
      expect(JSON.stringify(ascending.body)).not.toMatch(/documentId/);
    },
  );

  test.each(['password', 'resetPasswordToken', 'confirmationToken'])(
    'Given the user picker sorted by %s ASC and DESC, When academic affairs (who may read logins) opens it, Then 400 or the same order both ways',
    async (field) => {
      const ascending = await get(`${userPicker}&sort=${field}:ASC`, world.academic.admin);
      const descending = await get(`${userPicker}&sort=${field}:DESC`, world.academic.admin);

      expect(ascending.status).toBe(descending.status);
      if (ascending.status !== 400) {
        expect(ascending.status).toBe(200);
        const up = ascending.body.results.map((r: { documentId: string }) => r.documentId);
        const down = descending.body.results.map((r: { documentId: string }) => r.documentId);
        expect(up.length).toBeGreaterThan(2);
        expect(down).toEqual(up);
      }
    },
  );

  test("Given the user picker filtered on the password hash ('$2' against 'zz'), When the manager opens it, Then 400 or the same logins both ways", async () => {
    const hit = await get(`${userPicker}&filters[password][$startsWith]=$2`, world.manager.admin);
    const miss = await get(`${userPicker}&filters[password][$startsWith]=zz`, world.manager.admin);

    expect(hit.status).toBe(miss.status);
    if (hit.status === 200) expect(ids(hit.body.results)).toEqual(ids(miss.body.results));
  });
});


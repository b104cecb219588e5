/**
 * Populate as a way around the list scope: from a department, major or class down to students,
 * from a student up and back down, at any depth. Only in-scope students appear at any depth; the
 * login behind a student never shows its password or tokens.
 */
import { admit, buildWorld, ids, leaksOf, sortedIds, STUDENT, type Person, type World } from './world';

let world: World;
/** One of theirs whose class link points into our class (a stray link, as after a reorganisation). */
let stray: Person;

beforeAll(async () => {
  world = await buildWorld();
  [stray] = await admit(world.app, world.theirs.tree, '他系', 1);
  await world.app.strapi.db.query(STUDENT).update({ where: { documentId: stray.documentId }, data: { schoolClass: world.ours.classId } });
});
afterAll(async () => {
  await world.app.stop();
});

const CREDENTIALS = /"password"|resetPasswordToken|confirmationToken|"\$2[aby]\$/;

async function get(path: string, auth = world.manager.api) {
  return world.app.http.get(path).set('Authorization', auth);
}

function expectNothingOfTheirs(body: unknown) {
  expect(leaksOf(body, world.theirs)).toEqual([]);
  expect(leaksOf(body, { ...world.theirs, students: [stray] })).toEqual([]);
  expect(JSON.stringify(body)).not.toMatch(CREDENTIALS);
}

/** documentIds of every object under a `students` key, at any depth. */
function nestedStudents(body: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'students' && Array.isArray(child)) found.push(...child.map((s: { documentId: string }) => s.documentId));
        walk(child);
      }
    }
  };
  walk(body);
  return [...new Set(found)].sort();
}

const ourClassAndTheirs = () => `filters[documentId][$in][0]=${world.ours.tree.schoolClass.documentId}&filters[documentId][$in][1]=${world.theirs.tree.schoolClass.documentId}`;

describe('populate from the organisation down to students', () => {
  test('Given populate=students on both classes, When academic affairs asks, Then the stray student appears under our class (control)', async () => {
    const response = await get(`/api/school-classes?${ourClassAndTheirs()}&populate=students`, world.academic.api);

    expect(response.status).toBe(200);
    expect(nestedStudents(response.body)).toEqual([...sortedIds(world.ours.students), ...sortedIds(world.theirs.students), stray.documentId].sort());
  });

  test('Given populate=students on both classes, When the manager asks, Then only our class with only our students (not the stray one)', async () => {
    const response = await get(`/api/school-classes?${ourClassAndTheirs()}&populate=students`);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([world.ours.tree.schoolClass.documentId]);
    expect(nestedStudents(response.body)).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });

  test('Given populate[classes][populate][students]=true on majors, When the manager asks, Then only our students at depth 2', async () => {
    const response = await get('/api/majors?populate[classes][populate][students]=true&pagination[pageSize]=100');

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([world.ours.tree.major.documentId]);
    expect(nestedStudents(response.body)).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });

  test('Given populate=* on students below classes below majors (invalid nested wildcard), When the manager asks, Then 400 and nothing', async () => {
    const response = await get('/api/departments?populate[majors][populate][classes][populate][students]=*');

    expect(response.status).toBe(400);
    expect(response.body.data).toBeNull();
    expectNothingOfTheirs(response.body);
  });
});

describe('populate from a student up and back down', () => {
  test('Given populate=*, When the manager lists students, Then only ours and their relations are ours', async () => {
    const response = await get('/api/students?populate=*&pagination[pageSize]=100');

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual(sortedIds(world.ours.students));
    for (const row of response.body.data) {
      expect(row.department?.documentId).toBe(world.ours.tree.department.documentId);
      expect(row.schoolClass?.documentId).toBe(world.ours.tree.schoolClass.documentId);
    }
    expectNothingOfTheirs(response.body);
  });

  test('Given populate[schoolClass][populate][students]=true, When the manager lists students, Then classmates at depth 2 are ours only (the stray one is hidden)', async () => {
    const response = await get('/api/students?populate[schoolClass][populate][students]=true&pagination[pageSize]=100');

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual(sortedIds(world.ours.students));
    expect(nestedStudents(response.body)).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });

  test('Given populate[schoolClass][populate][students]=* (nested wildcard), When the manager lists students, Then 400 and nothing', async () => {
    const response = await get('/api/students?populate[schoolClass][populate][students]=*');

    expect(response.status).toBe(400);
    expect(response.body.data).toBeNull();
    expectNothingOfTheirs(response.body);
  });

  test('Given populate[major][populate][classes][populate][students]=true, When the manager reads one of ours, Then the students reached are ours only', async () => {
    const response = await get(`/api/students/${world.ours.students[0].documentId}?populate[major][populate][classes][populate][students]=true`);

    expect(response.status).toBe(200);
    expect(nestedStudents(response.body)).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });

  test('Given populate department→majors→classes→students→user, When the manager lists students, Then only our students at depth 4 and no login credentials', async () => {
    const response = await get('/api/students?populate[department][populate][majors][populate][classes][populate][students][populate]=user&pagination[pageSize]=100');

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual(sortedIds(world.ours.students));
    expect(nestedStudents(response.body)).toEqual(sortedIds(world.ours.students));
    expectNothingOfTheirs(response.body);
  });

  test('Given populate department→majors→classes→students, When academic affairs reads our student, Then the stray student is reached (control for the manager case)', async () => {
    const response = await get(
      `/api/students/${world.ours.students[0].documentId}?populate[department][populate][majors][populate][classes][populate][students]=true`,
      world.academic.api,
    );

    expect(response.status).toBe(200);
    expect(nestedStudents(response.body)).toContain(stray.documentId);
  });
});

describe('the login behind a student', () => {
  test('Given populate[user]=*, When the manager lists students, Then 200 without the login (no user permission) and no credentials', async () => {
    const response = await get('/api/students?populate[user]=*&pagination[pageSize]=100');

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual(sortedIds(world.ours.students));
    for (const row of response.body.data) expect(row.user).toBeUndefined();
    expectNothingOfTheirs(response.body);
  });

  test('Given populate=user, When academic affairs lists our student with a login, Then no password, token or hash', async () => {
    const response = await get(`/api/students?filters[documentId][$eq]=${world.student.documentId}&populate[user]=*`, world.academic.api);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([world.student.documentId]);
    expect(JSON.stringify(response.body)).not.toMatch(CREDENTIALS);
  });

  test('Given populate=students.user on classes, When the manager lists classes, Then only our class and no credentials', async () => {
    const response = await get(`/api/school-classes?${ourClassAndTheirs()}&populate=students.user`);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([world.ours.tree.schoolClass.documentId]);
    expectNothingOfTheirs(response.body);
  });
});

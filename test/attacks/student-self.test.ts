/**
 * A student's own login: it reaches the student's own record and nothing else, on REST and
 * GraphQL; it cannot change its own status or class, nor list the organisation. /api/me works for
 * a student and is a 404 for staff without a student record.
 */
import { buildWorld, classmateLeaksOf, fingerprint, ids, leaksOf, storedStudent, studentsIn, type World } from './world';

let world: World;

beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.stop();
});

/** Everything of classmates and of the other department. */
function expectNothingOfOthers(body: unknown) {
  expect(leaksOf(body, world.theirs)).toEqual([]);
  expect(classmateLeaksOf(body, world.ours, world.student.documentId)).toEqual([]);
}

async function graphql(query: string) {
  return world.app.http.post('/graphql').set('Authorization', world.student.api).send({ query });
}

describe('reading other students', () => {
  test("Given a classmate's documentId, When the student GETs it, Then 404 and nothing of the classmate", async () => {
    const response = await world.app.http.get(`/api/students/${world.ours.students[1].documentId}`).set('Authorization', world.student.api);

    expect(response.status).toBe(404);
    expectNothingOfOthers(response.body);
  });

  test("Given another department's student, When the student GETs it, Then 404", async () => {
    const response = await world.app.http.get(`/api/students/${world.theirs.students[0].documentId}`).set('Authorization', world.student.api);

    expect(response.status).toBe(404);
    expectNothingOfOthers(response.body);
  });

  test("Given a classmate's documentId, When the student queries student(documentId) in GraphQL, Then null", async () => {
    const response = await graphql(`{ student(documentId: "${world.ours.students[2].documentId}") { documentId name studentNumber nationalId } }`);

    expect(response.status).toBe(200);
    expect(response.body.data.student).toBeNull();
    expectNothingOfOthers(response.body);
  });

  test('Given the student, When they list /api/students (even filtering for everyone), Then only their own record and total 1', async () => {
    const everyone = [...world.ours.students, ...world.theirs.students].map((p, i) => `filters[documentId][$in][${i}]=${p.documentId}`).join('&');

    const response = await world.app.http.get(`/api/students?${everyone}`).set('Authorization', world.student.api);

    expect(response.status).toBe(200);
    expect(ids(response.body.data)).toEqual([world.student.documentId]);
    expect(response.body.meta.pagination.total).toBe(1);
    expectNothingOfOthers(response.body);
  });

  test('Given the student, When they query students and students_connection in GraphQL, Then only themselves and total 1', async () => {
    const response = await graphql('{ students(pagination: { pageSize: 100 }) { documentId name } students_connection { pageInfo { total } } }');

    expect(response.status).toBe(200);
    expect(ids(response.body.data.students)).toEqual([world.student.documentId]);
    expect(response.body.data.students_connection.pageInfo.total).toBe(1);
    expectNothingOfOthers(response.body);
  });

  test('Given the student, When they filter through their class on a classmate\'s name, Then 400 (no class permission) and nothing of others', async () => {
    const filtered = await world.app.http.get(`/api/students?filters[schoolClass][students][name][$eq]=${encodeURIComponent(world.ours.students[1].name)}`).set('Authorization', world.student.api);

    expect(filtered.status).toBe(400);
    expectNothingOfOthers(filtered.body);
  });

  test('Given the student, When they populate their class and its students (or populate=*), Then 200 with only themselves and the populate dropped', async () => {
    for (const populate of ['populate[schoolClass][populate][students]=true', 'populate=*']) {
      const response = await world.app.http.get(`/api/students?${populate}`).set('Authorization', world.student.api);

      expect(response.status).toBe(200);
      expect(ids(response.body.data)).toEqual([world.student.documentId]);
      expect(response.body.data[0].schoolClass).toBeUndefined();
      expectNothingOfOthers(response.body);
    }
  });
});

describe('/api/me', () => {
  test('Given the student, When they GET /api/me, Then 200 with their own record in clear and their class', async () => {
    const [self] = world.ours.students;

    const response = await world.app.http.get('/api/me').set('Authorization', world.student.api);

    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      documentId: self.documentId,
      studentNumber: self.studentNumber,
      nationalId: self.nationalId,
      phone: self.phone,
      schoolClass: { documentId: world.ours.tree.schoolClass.documentId },
    });
    expectNothingOfOthers(response.body);
  });

  test('Given a student-role login linked to no record, When it GETs /api/me, Then 404 and no student data', async () => {
    const username = `orphan-${Math.random().toString(36).slice(2, 8)}`;
    const role = (await world.app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'student' } })) as { id: number };
    await world.app.strapi.plugin('users-permissions').service('user').add({
      username, email: `${username}@students.example.com`, password: 'Orphan-Pass-1234', provider: 'local', confirmed: true, blocked: false, role: role.id,
    });
    const orphan = `Bearer ${(await world.app.http.post('/api/auth/local').send({ identifier: username, password: 'Orphan-Pass-1234' })).body.jwt}`;

    const response = await world.app.http.get('/api/me').set('Authorization', orphan);

    expect(response.status).toBe(404);
    expect(response.body.data).toBeNull();
    expectNothingOfOthers(response.body);
    expect(leaksOf(response.body, world.ours)).toEqual([]);
  });

  test('Given a staff login (no student record), When it GETs /api/me, Then 403 (the staff role has no `me` permission) and no student data', async () => {
    const response = await world.app.http.get('/api/me').set('Authorization', world.manager.api);

    expect(response.status).toBe(403);
    expect(response.body.data).toBeNull();
    expect(leaksOf(response.body, world.ours)).toEqual([]);
  });
});

describe('writes and organisation lists', () => {
  test('Given the student, When they PUT their own status and class, Then 403 and their record is unchanged', async () => {
    const before = fingerprint(await storedStudent(world.app, world.student.documentId));

    const status = await world.app.http.put(`/api/students/${world.student.documentId}`).set('Authorization', world.student.api).send({ data: { status: 'graduated' } });
    const move = await world.app.http
      .put(`/api/students/${world.student.documentId}`)
      .set('Authorization', world.student.api)
      .send({ data: { schoolClass: world.theirs.tree.schoolClass.documentId } });

    expect(status.status).toBe(403);
    expect(move.status).toBe(403);
    expect(fingerprint(await storedStudent(world.app, world.student.documentId))).toEqual(before);
  });

  test('Given the student, When they send updateStudent and deleteStudent on themselves in GraphQL, Then FORBIDDEN and unchanged', async () => {
    const before = fingerprint(await storedStudent(world.app, world.student.documentId));

    const update = await graphql(`mutation { updateStudent(documentId: "${world.student.documentId}", data: { status: graduated }) { documentId } }`);
    const remove = await graphql(`mutation { deleteStudent(documentId: "${world.student.documentId}") { documentId } }`);

    for (const response of [update, remove]) {
      expect(response.status).toBe(200);
      expect(response.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain('FORBIDDEN');
    }
    expect(fingerprint(await storedStudent(world.app, world.student.documentId))).toEqual(before);
  });

  test('Given the student, When they create a student or admit in bulk, Then 403 and nothing is written', async () => {
    const before = await studentsIn(world.app, world.ours);

    const create = await world.app.http.post('/api/students').set('Authorization', world.student.api).send({ data: { name: '自己录取', nationalId: '110101200001011234', schoolClass: world.ours.tree.schoolClass.documentId } });
    const bulk = await world.app.http.post('/api/students/admissions').set('Authorization', world.student.api).send({ data: [{ name: '自己录取', nationalId: '110101200001011234', schoolClass: world.ours.tree.schoolClass.documentId }] });

    expect(create.status).toBe(403);
    expect(bulk.status).toBe(403);
    expect(await studentsIn(world.app, world.ours)).toBe(before);
  });

  test.each(['/api/school-classes', '/api/majors', '/api/departments', '/api/offices', '/api/staff-memberships', `/api/school-classes/{ourClass}`])(
    'Given the student, When they GET %s, Then 403 and no data',
    async (path) => {
      const response = await world.app.http.get(path.replace('{ourClass}', world.ours.tree.schoolClass.documentId)).set('Authorization', world.student.api);

      expect(response.status).toBe(403);
      expect(response.body.data).toBeNull();
      expectNothingOfOthers(response.body);
    },
  );
});

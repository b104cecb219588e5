/**
 * Mass assignment: a department manager sends fields the system or other offices own (department,
 * major, status, student number, login, creator, enrolment year) or moves a student into another
 * department's class, through REST, GraphQL and the Content Manager. Every attempt is refused
 * (400 or 403) and the row is unchanged; nothing is created.
 */
import { admit, buildWorld, CM_STUDENTS, fakeNationalId, fingerprint, storedStudent, studentInput, STUDENT, type Person, type World } from './world';

let world: World;

beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.stop();
});

/** A student of ours that only this test touches. */
async function freshOurs(): Promise<Person> {
  const [person] = await admit(world.app, world.ours.tree, '本系', 1);
  return person;
}

/** The classes a student is linked to, read raw from the join table (not through the relation loader). */
async function classLinks(documentId: string): Promise<number[]> {
  const { rows } = await world.app.strapi.db.connection.raw(
    'SELECT l.school_class_id FROM students_school_class_lnk l JOIN students s ON s.id = l.student_id WHERE s.document_id = ?',
    [documentId],
  );
  return rows.map((r: { school_class_id: number }) => r.school_class_id);
}

async function classSize(classId: number): Promise<number> {
  const { rows } = await world.app.strapi.db.connection.raw('SELECT count(*)::int AS n FROM students_school_class_lnk WHERE school_class_id = ?', [classId]);
  return rows[0].n;
}

async function expectUnchanged(documentId: string, work: () => Promise<void>) {
  const before = fingerprint(await storedStudent(world.app, documentId));
  await work();
  const after = await storedStudent(world.app, documentId);
  expect(fingerprint(after)).toEqual(before);
  expect(await classLinks(documentId)).toEqual([world.ours.classId]);
}

async function studentsNamed(name: string): Promise<number> {
  return world.app.strapi.db.query(STUDENT).count({ where: { name } });
}

const other = () => world.theirs;

describe('REST updates of fields a department does not own', () => {
  test.each([
    ['department', () => ({ department: other().tree.department.documentId })],
    ['major', () => ({ major: other().tree.major.documentId })],
    ['studentNumber', () => ({ studentNumber: '209999999999' })],
    ['enrollmentYear', () => ({ enrollmentYear: 2019 })],
    ['user', () => ({ user: world.student.userId })],
    ['createdBy', () => ({ createdBy: world.manager.adminUserId })],
  ])('Given one of ours, When the manager PUTs %s, Then 400/403 and the row is unchanged', async (_field, data) => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http.put(`/api/students/${person.documentId}`).set('Authorization', world.manager.api).send({ data: data() });
      expect([400, 403]).toContain(response.status);
    });
  });

  test('Given one of ours, When the manager PUTs status=active, Then 400 naming status and the row is unchanged', async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http.put(`/api/students/${person.documentId}`).set('Authorization', world.manager.api).send({ data: { status: 'active' } });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.error.details)).toContain('status');
    });
  });

  test("Given one of ours, When the manager moves it into their class, Then 400 naming schoolClass (classes change only through approved changes) and it stays in our class", async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http
        .put(`/api/students/${person.documentId}`)
        .set('Authorization', world.manager.api)
        .send({ data: { schoolClass: other().tree.schoolClass.documentId } });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['schoolClass']);
    });
  });

  test("Given one of ours, When the manager sends schoolClass as connect [theirs, ours], Then 400 naming schoolClass (a to-one relation takes one target), in our class only, their class untouched", async () => {
    const person = await freshOurs();
    const theirsBefore = await classSize(other().classId);

    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http
        .put(`/api/students/${person.documentId}`)
        .set('Authorization', world.manager.api)
        .send({ data: { schoolClass: { connect: [{ documentId: other().tree.schoolClass.documentId }, { documentId: world.ours.tree.schoolClass.documentId }] } } });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['schoolClass']);
    });
    expect(await classSize(other().classId)).toBe(theirsBefore);
  });

  test.each([
    ['connect [ours, theirs]', () => ({ connect: [{ documentId: world.ours.tree.schoolClass.documentId }, { documentId: other().tree.schoolClass.documentId }] })],
    ['set [theirs] + connect [ours]', () => ({ set: [{ documentId: other().tree.schoolClass.documentId }], connect: [{ documentId: world.ours.tree.schoolClass.documentId }] })],
    ['connect [theirs] by numeric id', () => ({ connect: [{ id: other().classId }] })],
  ])("Given one of ours, When the manager sends schoolClass as %s, Then 400/403 and it stays in our class only", async (_label, schoolClass) => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http.put(`/api/students/${person.documentId}`).set('Authorization', world.manager.api).send({ data: { schoolClass: schoolClass() } });
      expect([400, 403]).toContain(response.status);
    });
  });
});

describe('REST creates', () => {
  test.each([
    ['department of theirs', () => ({ department: other().tree.department.documentId })],
    ['major of theirs', () => ({ major: other().tree.major.documentId })],
    ['status active', () => ({ status: 'active' })],
    ['a login', () => ({ user: world.student.userId })],
    ['createdBy', () => ({ createdBy: world.manager.adminUserId })],
    ['enrollmentYear 2019', () => ({ enrollmentYear: 2019 })],
    ['a student number', () => ({ studentNumber: '202399990101' })],
  ])('Given our class, When the manager creates a student with %s, Then 400/403 and nothing is created', async (_label, extra) => {
    const name = `越权录取${Math.random().toString(36).slice(2, 8)}`;

    const response = await world.app.http
      .post('/api/students')
      .set('Authorization', world.manager.api)
      .send({ data: { ...studentInput(world.ours.tree.schoolClass.documentId), name, ...extra() } });

    expect([400, 403]).toContain(response.status);
    expect(await studentsNamed(name)).toBe(0);
  });

  test('Given their class, When the manager creates a student there, Then 403 and nothing is created', async () => {
    const name = `越权录取${Math.random().toString(36).slice(2, 8)}`;

    const response = await world.app.http
      .post('/api/students')
      .set('Authorization', world.manager.api)
      .send({ data: { ...studentInput(other().tree.schoolClass.documentId), name } });

    expect(response.status).toBe(403);
    expect(await studentsNamed(name)).toBe(0);
  });

  test('Given their class before ours in connect, When the manager creates a student, Then 400 naming schoolClass (a to-one relation takes one target) and no student; their class is untouched', async () => {
    const name = `越权录取${Math.random().toString(36).slice(2, 8)}`;
    const theirsBefore = await classSize(other().classId);

    const response = await world.app.http
      .post('/api/students')
      .set('Authorization', world.manager.api)
      .send({
        data: {
          name,
          nationalId: fakeNationalId(),
          schoolClass: { connect: [{ documentId: other().tree.schoolClass.documentId }, { documentId: world.ours.tree.schoolClass.documentId }] },
        },
      });

    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['schoolClass']);
    expect(await studentsNamed(name)).toBe(0);
    expect(await classSize(other().classId)).toBe(theirsBefore);
  });
});

describe('GraphQL', () => {
  async function graphql(query: string) {
    return world.app.http.post('/graphql').set('Authorization', world.manager.api).send({ query });
  }

  test("Given one of ours, When the manager's updateStudent moves it into their class, Then BAD_USER_INPUT naming schoolClass and unchanged", async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await graphql(`mutation { updateStudent(documentId: "${person.documentId}", data: { schoolClass: "${other().tree.schoolClass.documentId}" }) { documentId } }`);
      expect(response.status).toBe(200);
      expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors[0].extensions.error.details.errors[0].path).toEqual(['schoolClass']);
      expect(response.body.data.updateStudent).toBeNull();
    });
  });

  test("Given one of ours, When the manager's updateStudent sets status, department and enrollmentYear, Then an error and unchanged", async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await graphql(
        `mutation { updateStudent(documentId: "${person.documentId}", data: { status: active, department: "${other().tree.department.documentId}", enrollmentYear: 2019 }) { documentId } }`,
      );
      expect([200, 400]).toContain(response.status);
      expect(response.body.errors.length).toBeGreaterThan(0);
      expect(response.body.data?.updateStudent ?? null).toBeNull();
    });
  });

  test('Given their class, When the manager sends createStudent, Then FORBIDDEN and nothing is created', async () => {
    const name = `越权录取${Math.random().toString(36).slice(2, 8)}`;

    const response = await graphql(
      `mutation { createStudent(data: { name: "${name}", nationalId: "${fakeNationalId()}", schoolClass: "${other().tree.schoolClass.documentId}" }) { documentId } }`,
    );

    expect(response.status).toBe(200);
    expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await studentsNamed(name)).toBe(0);
  });
});

describe('Content Manager', () => {
  test.each([
    ['schoolClass connect theirs', () => ({ schoolClass: { connect: [{ documentId: other().tree.schoolClass.documentId }], disconnect: [] } })],
    ['schoolClass connect [theirs, ours]', () => ({ schoolClass: { connect: [{ documentId: other().tree.schoolClass.documentId }, { documentId: world.ours.tree.schoolClass.documentId }] } })],
    ['department connect theirs', () => ({ department: { connect: [{ documentId: other().tree.department.documentId }] } })],
    ['major connect theirs', () => ({ major: { connect: [{ documentId: other().tree.major.documentId }] } })],
    ['user connect a login', () => ({ user: { connect: [{ id: world.student.userId }] } })],
    ['studentNumber', () => ({ studentNumber: '209999999999' })],
    ['enrollmentYear', () => ({ enrollmentYear: 2019 })],
  ])("Given one of ours, When the manager saves the edit form with %s, Then 400/403 and unchanged", async (_label, body) => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http.put(`${CM_STUDENTS}/${person.documentId}`).set('Authorization', world.manager.admin).send(body());
      expect([400, 403]).toContain(response.status);
    });
  });

  test("Given their class, When the manager creates a student in the admin, Then 403 and nothing is created", async () => {
    const name = `越权录取${Math.random().toString(36).slice(2, 8)}`;

    const response = await world.app.http
      .post(CM_STUDENTS)
      .set('Authorization', world.manager.admin)
      .send({ name, nationalId: fakeNationalId(), schoolClass: { connect: [{ documentId: other().tree.schoolClass.documentId }] } });

    expect(response.status).toBe(403);
    expect(await studentsNamed(name)).toBe(0);
  });

  test('Given one of ours, When the manager saves the edit form with status=active, Then 400 and unchanged', async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http.put(`${CM_STUDENTS}/${person.documentId}`).set('Authorization', world.manager.admin).send({ status: 'active' });
      expect(response.status).toBe(400);
    });
  });
});

describe('academic affairs cannot set the status by hand either', () => {
  test('Given one of ours, When academic affairs PUTs status=active through REST, Then 400 and unchanged', async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http.put(`/api/students/${person.documentId}`).set('Authorization', world.academic.api).send({ data: { status: 'active' } });
      expect(response.status).toBe(400);
    });
  });

  test('Given one of ours, When academic affairs saves the admin form with status=graduated, Then 400 and unchanged', async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http.put(`${CM_STUDENTS}/${person.documentId}`).set('Authorization', world.academic.admin).send({ status: 'graduated' });
      expect(response.status).toBe(400);
    });
  });

  test('Given one of ours, When academic affairs sends updateStudent with status through GraphQL, Then an error and unchanged', async () => {
    const person = await freshOurs();
    await expectUnchanged(person.documentId, async () => {
      const response = await world.app.http
        .post('/graphql')
        .set('Authorization', world.academic.api)
        .send({ query: `mutation { updateStudent(documentId: "${person.documentId}", data: { status: withdrawn }) { documentId status } }` });
      expect(response.body.errors?.length).toBeGreaterThan(0);
      expect(response.body.data?.updateStudent ?? null).toBeNull();
    });
  });
});

/**
 * Insecure direct object references: a department manager (and clerk) who knows the documentId of
 * another department's student, class, major or department asks for it by id on every channel.
 * Nothing is read, nothing is written.
 */
import { buildWorld, CM_STUDENTS, fingerprint, leaksOf, storedStudent, type World } from './world';

let world: World;

beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.stop();
});

function expectNothingOfTheirs(body: unknown, text?: string) {
  expect(leaksOf(body, world.theirs)).toEqual([]);
  if (text) expect(leaksOf(text, world.theirs)).toEqual([]);
}

async function unchanged(documentId: string, work: () => Promise<void>) {
  const before = fingerprint(await storedStudent(world.app, documentId));
  await work();
  expect(fingerprint(await storedStudent(world.app, documentId))).toEqual(before);
}

const theirId = () => world.theirs.students[0].documentId;

describe('REST', () => {
  test("Given their student's documentId, When the manager GETs /api/students/:id (with populate=*), Then 404 and nothing of theirs", async () => {
    const response = await world.app.http.get(`/api/students/${theirId()}?populate=*`).set('Authorization', world.manager.api);

    expect(response.status).toBe(404);
    expect(response.body.data).toBeNull();
    expectNothingOfTheirs(response.body);
  });

  test("Given their student's documentId, When the manager PUTs a new name, Then 404 and the row is unchanged", async () => {
    await unchanged(theirId(), async () => {
      const response = await world.app.http.put(`/api/students/${theirId()}`).set('Authorization', world.manager.api).send({ data: { name: '越权改名', ethnicity: '越权' } });
      expect(response.status).toBe(404);
      expectNothingOfTheirs(response.body);
    });
  });

  test("Given their student's documentId, When the manager DELETEs it, Then 403 (no delete permission) and the row still exists unchanged", async () => {
    await unchanged(theirId(), async () => {
      const response = await world.app.http.delete(`/api/students/${theirId()}`).set('Authorization', world.manager.api);
      expect(response.status).toBe(403);
      expectNothingOfTheirs(response.body);
    });
  });

  test('Given their class, major and department documentIds, When the manager GETs each by id, Then 404 each', async () => {
    const paths = [
      `/api/school-classes/${world.theirs.tree.schoolClass.documentId}?populate=students`,
      `/api/majors/${world.theirs.tree.major.documentId}?populate=*`,
      `/api/departments/${world.theirs.tree.department.documentId}?populate=*`,
    ];
    for (const path of paths) {
      const response = await world.app.http.get(path).set('Authorization', world.manager.api);
      expect(response.status).toBe(404);
      expectNothingOfTheirs(response.body);
    }
  });

  test("Given their student's documentId, When the clerk GETs and PUTs it, Then 404 both and the row is unchanged", async () => {
    await unchanged(theirId(), async () => {
      const read = await world.app.http.get(`/api/students/${theirId()}`).set('Authorization', world.clerk.api);
      const write = await world.app.http.put(`/api/students/${theirId()}`).set('Authorization', world.clerk.api).send({ data: { ethnicity: '越权' } });
      expect(read.status).toBe(404);
      expect(write.status).toBe(404);
      expectNothingOfTheirs(read.body);
      expectNothingOfTheirs(write.body);
    });
  });

  test("Given their student's documentId, When the manager POSTs /api/students/:id/reveal with fields and a reason, Then 404 and nothing in clear", async () => {
    const [person] = world.theirs.students;

    const response = await world.app.http
      .post(`/api/students/${person.documentId}/reveal`)
      .set('Authorization', world.manager.api)
      .send({ fields: ['nationalId', 'phone'], reason: '核对信息' });

    expect(response.status).toBe(404);
    expectNothingOfTheirs(response.body, response.text);
    expect(response.text).not.toContain(person.nationalId);
    expect(response.text).not.toContain(person.phone);
  });
});

describe('GraphQL', () => {
  test("Given their student's documentId, When the manager queries student(documentId), Then data.student is null", async () => {
    const response = await world.app.http
      .post('/graphql')
      .set('Authorization', world.manager.api)
      .send({ query: `{ student(documentId: "${theirId()}") { documentId name studentNumber nationalId phone schoolClass { name } } }` });

    expect(response.status).toBe(200);
    expect(response.body.data.student).toBeNull();
    expectNothingOfTheirs(response.body);
  });

  test("Given their student's documentId, When the manager sends updateStudent, Then a NOT_FOUND error and the row is unchanged", async () => {
    await unchanged(theirId(), async () => {
      const response = await world.app.http
        .post('/graphql')
        .set('Authorization', world.manager.api)
        .send({ query: `mutation { updateStudent(documentId: "${theirId()}", data: { name: "越权改名" }) { documentId name } }` });
      expect(response.status).toBe(200);
      expect(response.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['STRAPI_NOT_FOUND_ERROR']);
      expect(response.body.data.updateStudent).toBeNull();
      expectNothingOfTheirs(response.body);
    });
  });

  test("Given their student's documentId, When the manager sends deleteStudent, Then FORBIDDEN and the row is unchanged", async () => {
    await unchanged(theirId(), async () => {
      const response = await world.app.http
        .post('/graphql')
        .set('Authorization', world.manager.api)
        .send({ query: `mutation { deleteStudent(documentId: "${theirId()}") { documentId } }` });
      expect(response.status).toBe(200);
      expect(response.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expectNothingOfTheirs(response.body);
    });
  });
});

describe('Content Manager', () => {
  test("Given their student's documentId, When the manager opens the edit view, Then 404 and nothing of theirs", async () => {
    const response = await world.app.http.get(`${CM_STUDENTS}/${theirId()}`).set('Authorization', world.manager.admin);

    expect(response.status).toBe(404);
    expectNothingOfTheirs(response.body);
  });

  test("Given their student's documentId, When the manager saves the edit form, Then 404 and the row is unchanged", async () => {
    await unchanged(theirId(), async () => {
      const response = await world.app.http.put(`${CM_STUDENTS}/${theirId()}`).set('Authorization', world.manager.admin).send({ name: '越权改名', ethnicity: '越权' });
      expect(response.status).toBe(404);
      expectNothingOfTheirs(response.body);
    });
  });

  test("Given their student's documentId, When the manager deletes it in the admin, Then 403 and the row is unchanged", async () => {
    await unchanged(theirId(), async () => {
      const response = await world.app.http.delete(`${CM_STUDENTS}/${theirId()}`).set('Authorization', world.manager.admin);
      expect(response.status).toBe(403);
      expectNothingOfTheirs(response.body);
    });
  });

  test("Given their student's documentId, When the clerk opens and saves it in the admin, Then 404 both and the row is unchanged", async () => {
    await unchanged(theirId(), async () => {
      const read = await world.app.http.get(`${CM_STUDENTS}/${theirId()}`).set('Authorization', world.clerk.admin);
      const write = await world.app.http.put(`${CM_STUDENTS}/${theirId()}`).set('Authorization', world.clerk.admin).send({ ethnicity: '越权' });
      expect(read.status).toBe(404);
      expect(write.status).toBe(404);
      expectNothingOfTheirs(read.body);
      expectNothingOfTheirs(write.body);
    });
  });

  test("Given their student's documentId, When the manager loads its existing relations (schoolClass, department, major), Then 404 each", async () => {
    for (const field of ['schoolClass', 'department', 'major']) {
      const response = await world.app.http.get(`/content-manager/relations/api::student.student/${theirId()}/${field}`).set('Authorization', world.manager.admin);
      expect(response.status).toBe(404);
      expectNothingOfTheirs(response.body);
    }
  });

  test("Given their class's documentId, When the manager loads the class's students relation, Then 404", async () => {
    const response = await world.app.http
      .get(`/content-manager/relations/api::school-class.school-class/${world.theirs.tree.schoolClass.documentId}/students?pageSize=100`)
      .set('Authorization', world.manager.admin);

    expect(response.status).toBe(404);
    expectNothingOfTheirs(response.body);
  });

  test("Given their student's documentId as the edited entry, When the manager asks for available classes, Then 404", async () => {
    const response = await world.app.http
      .get(`/content-manager/relations/api::student.student/schoolClass?id=${theirId()}&pageSize=100`)
      .set('Authorization', world.manager.admin);

    expect(response.status).toBe(404);
    expectNothingOfTheirs(response.body);
  });
});

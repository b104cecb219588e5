/**
 * Bulk actions as a way around per-row checks: the Content Manager's bulk delete with documentIds
 * of two departments (by a role without delete, and by a role with delete limited to 本系部), and
 * bulk admission mixing a class of ours with one of theirs (by a login allowed to admit). Another
 * department's rows are never touched.
 */
import { apiLogin, createStaff, type StaffActor } from '../factories/actors';
import { admit, buildWorld, CM_STUDENTS, fakeNationalId, fingerprint, leaksOf, storedStudent, STUDENT, studentInput, type Person, type World } from './world';

let world: World;
/** Admin role with read + delete on students, both under the 本系部 condition. */
let deleter: StaffActor;
/** Content-API login of our department whose role may use bulk admission. */
let admitter: string;
/** The first of their students as stored before any test ran. */
let theirFingerprint: Record<string, unknown>;

const PASSWORD = 'Admitter-Pass-1234';

async function scopedDeleterRole(): Promise<string> {
  const code = `scoped-deleter-${Math.random().toString(36).slice(2, 8)}`;
  const role = (await world.app.strapi.service('admin::role').create({ name: `系部删除测试${code}`, code, description: 'attack suite' })) as { id: number };
  const attributes = (world.app.strapi.getModel(STUDENT) as { attributes: Record<string, { private?: boolean }> }).attributes;
  const fields = Object.entries(attributes).filter(([, a]) => !a.private).map(([name]) => name);
  await world.app.strapi.service('admin::role').assignPermissions(role.id, [
    { action: 'plugin::content-manager.explorer.read', subject: STUDENT, properties: { fields }, conditions: ['api::own-department'] },
    { action: 'plugin::content-manager.explorer.delete', subject: STUDENT, properties: {}, conditions: ['api::own-department'] },
  ]);
  return code;
}

async function admitterLogin(): Promise<string> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const strapi = world.app.strapi;
  const role = (await strapi.db.query('plugin::users-permissions.role').create({ data: { name: `录取测试${suffix}`, description: 'attack suite', type: `admitter-${suffix}` } })) as { id: number };
  for (const action of ['api::student.student.admit', 'api::student.student.find']) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  const username = `admitter-${suffix}`;
  const user = (await strapi.plugin('users-permissions').service('user').add({
    username, email: `${username}@example.com`, password: PASSWORD, provider: 'local', confirmed: true, blocked: false, role: role.id,
  })) as { documentId: string };
  await strapi.documents('api::staff-membership.staff-membership').create({
    data: { staffName: '录取教师', email: `${username}@example.com`, position: 'clerk', department: world.ours.tree.department.documentId, user: user.documentId, active: true } as never,
  });
  return apiLogin(world.app, username, PASSWORD);
}

beforeAll(async () => {
  world = await buildWorld();
  deleter = await createStaff(world.app, { adminRole: await scopedDeleterRole(), department: world.ours.tree.department.documentId });
  admitter = await admitterLogin();
  theirFingerprint = fingerprint(await storedStudent(world.app, world.theirs.students[0].documentId));
});
afterAll(async () => {
  await world.app.stop();
});

async function exists(people: Person[]): Promise<string[]> {
  const rows = (await world.app.strapi.db.query(STUDENT).findMany({ where: { documentId: { $in: people.map((p) => p.documentId) } }, select: ['documentId'] })) as Array<{ documentId: string }>;
  return rows.map((r) => r.documentId).sort();
}

async function classSize(side: World['ours']): Promise<number> {
  return world.app.strapi.db.query(STUDENT).count({ where: { schoolClass: { id: side.classId } } });
}

async function counter(side: World['ours']): Promise<number | null> {
  const prefix = `${side.tree.schoolClass.enrollmentYear}${side.tree.department.code}${side.tree.major.code}${side.tree.schoolClass.sequence}`;
  const { rows } = await world.app.strapi.db.connection.raw('SELECT last_sequence FROM student_number_counters WHERE prefix = ?', [prefix]);
  return rows[0]?.last_sequence ?? null;
}

const bulkDelete = (auth: string, documentIds: string[]) =>
  world.app.http.post(`${CM_STUDENTS}/actions/bulkDelete`).set('Authorization', auth).send({ documentIds });

describe('Content Manager bulk delete', () => {
  test('Given a manager (no delete permission), When bulkDelete mixes ours and theirs, Then 403 and every row remains', async () => {
    const mine = await admit(world.app, world.ours.tree, '本系', 1);
    const targets = [...mine, world.theirs.students[0]];

    const response = await bulkDelete(world.manager.admin, targets.map((p) => p.documentId));

    expect(response.status).toBe(403);
    expect(await exists(targets)).toEqual(targets.map((p) => p.documentId).sort());
  });

  test('Given a role with delete limited to 本系部, When bulkDelete names only theirs, Then 404 and their rows remain', async () => {
    const targets = world.theirs.students.slice(0, 2);

    const response = await bulkDelete(deleter.admin, targets.map((p) => p.documentId));

    expect(response.status).toBe(404);
    expect(leaksOf(response.body, world.theirs)).toEqual([]);
    expect(await exists(targets)).toEqual(targets.map((p) => p.documentId).sort());
  });

  test('Given a role with delete limited to 本系部, When bulkDelete mixes two of ours and one of theirs, Then 200 with count 2: ours are deleted, theirs is skipped and remains', async () => {
    const mine = await admit(world.app, world.ours.tree, '本系', 2);
    const [their] = world.theirs.students;

    const response = await bulkDelete(deleter.admin, [mine[0].documentId, their.documentId, mine[1].documentId]);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ count: 2 });
    expect(await exists(mine)).toEqual([]);
    expect(await exists([their])).toEqual([their.documentId]);
    expect(fingerprint(await storedStudent(world.app, their.documentId))).toEqual(theirFingerprint);
  });

  test('Given a role with delete limited to 本系部, When it deletes one of theirs by documentId, Then 404 and the row remains', async () => {
    const [, their] = world.theirs.students;

    const response = await world.app.http.delete(`${CM_STUDENTS}/${their.documentId}`).set('Authorization', deleter.admin);

    expect(response.status).toBe(404);
    expect(await exists([their])).toEqual([their.documentId]);
  });

  test('Given a role with delete limited to 本系部, When it deletes one of ours, Then 200 and the row is gone (control: the role can delete)', async () => {
    const [mine] = await admit(world.app, world.ours.tree, '本系', 1);

    const response = await world.app.http.delete(`${CM_STUDENTS}/${mine.documentId}`).set('Authorization', deleter.admin);

    expect(response.status).toBe(200);
    expect(await exists([mine])).toEqual([]);
  });
});

describe('bulk admission', () => {
  test('Given the manager (no admission permission), When they admit into ours and theirs, Then 403 and nothing is written', async () => {
    const before = [await classSize(world.ours), await classSize(world.theirs), await counter(world.ours), await counter(world.theirs)];

    const response = await world.app.http
      .post('/api/students/admissions')
      .set('Authorization', world.manager.api)
      .send({ data: [studentInput(world.ours.tree.schoolClass.documentId), studentInput(world.theirs.tree.schoolClass.documentId)] });

    expect(response.status).toBe(403);
    expect([await classSize(world.ours), await classSize(world.theirs), await counter(world.ours), await counter(world.theirs)]).toEqual(before);
  });

  test('Given a login of our department allowed to admit, When a batch mixes a class of ours and one of theirs, Then 403 and nothing is written', async () => {
    const before = [await classSize(world.ours), await classSize(world.theirs), await counter(world.ours), await counter(world.theirs)];
    const rows = [studentInput(world.ours.tree.schoolClass.documentId), studentInput(world.ours.tree.schoolClass.documentId), studentInput(world.theirs.tree.schoolClass.documentId)];

    const response = await world.app.http.post('/api/students/admissions').set('Authorization', admitter).send({ data: rows });

    expect(response.status).toBe(403);
    // The 403 says why (src/services/forbidden.ts) but names nothing of theirs; the control case
    // below shows this login may admit.
    expect(leaksOf(response.body, world.theirs)).toEqual([]);
    expect([await classSize(world.ours), await classSize(world.theirs), await counter(world.ours), await counter(world.theirs)]).toEqual(before);
  });

  test('Given a login of our department allowed to admit, When the batch is only for their class, Then 403 and nothing is written', async () => {
    const before = [await classSize(world.theirs), await counter(world.theirs)];

    const response = await world.app.http
      .post('/api/students/admissions')
      .set('Authorization', admitter)
      .send({ data: [studentInput(world.theirs.tree.schoolClass.documentId, { nationalId: fakeNationalId() })] });

    expect(response.status).toBe(403);
    expect([await classSize(world.theirs), await counter(world.theirs)]).toEqual(before);
  });

  test('Given a login of our department allowed to admit, When a row names their class by its numeric id or as an object, Then 400/403 and nothing is written', async () => {
    const before = [await classSize(world.ours), await classSize(world.theirs), await counter(world.theirs)];
    const rows = [
      studentInput(world.ours.tree.schoolClass.documentId),
      { ...studentInput(''), schoolClass: world.theirs.classId },
      { ...studentInput(''), schoolClass: { documentId: world.theirs.tree.schoolClass.documentId } },
      { ...studentInput(''), schoolClass: [world.theirs.tree.schoolClass.documentId] },
    ];

    const response = await world.app.http.post('/api/students/admissions').set('Authorization', admitter).send({ data: rows });

    expect([400, 403]).toContain(response.status);
    expect([await classSize(world.ours), await classSize(world.theirs), await counter(world.theirs)]).toEqual(before);
  });

  test('Given a login of our department allowed to admit, When the batch is only for our class, Then 201 (control: the login can admit)', async () => {
    const response = await world.app.http
      .post('/api/students/admissions')
      .set('Authorization', admitter)
      .send({ data: [studentInput(world.ours.tree.schoolClass.documentId)] });

    expect(response.status).toBe(201);
    expect(response.body.meta.count).toBe(1);
  });
});

/**
 * Revealing personal data in clear (issue 4): only to a person whose role may, inside their
 * scope, with a reason, at most 20 times in 10 minutes; every reveal leaves one register line in
 * the audit log naming the fields and the reason, never a value.
 */
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { startServerProcess, type ServerProcess } from '../helpers/processes';
import { auditRows, wholeAuditTable as wholeAuditTableOf } from '../helpers/audit';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { REVEAL_WINDOW_MINUTES, REVEALS_PER_WINDOW } from '../../src/services/reveal/constants';

interface Admitted {
  documentId: string;
  nationalId: string;
  phone: string;
  homeAddress: string;
}

let app: TestApp;
let ours: ClassTree;
let theirs: ClassTree;
let manager: StaffActor;
let clerk: StaffActor;
let student: Admitted;
let otherStudent: Admitted;
let phoneSequence = 0;

const REASON = '核对学籍信息，办理转专业手续';
const restReveal = (documentId: string) => `/api/students/${documentId}/reveal`;
const adminReveal = (documentId: string) => `/student-records/students/${documentId}/reveal`;

async function admit(tree: ClassTree): Promise<Admitted> {
  phoneSequence += 1;
  const phone = `139${String(Date.now() % 100000).padStart(5, '0')}${String(phoneSequence).padStart(3, '0')}`;
  const homeAddress = `江西省南昌市测试路${Math.floor(Math.random() * 100000)}号`;
  const input = studentInput(tree.schoolClass.documentId, { phone, homeAddress });
  const response = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: [input] });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return { documentId: response.body.data[0].documentId, nationalId: input.nationalId as string, phone, homeAddress };
}

/** The register lines of reveals of one student. */
const revealRows = (targetDocumentId: string) => auditRows(app, targetDocumentId, 'reveal');
const wholeAuditTable = () => wholeAuditTableOf(app);

function expectNoClearValue(text: string, ...people: Admitted[]) {
  for (const person of people) {
    expect(text).not.toContain(person.nationalId);
    expect(text).not.toContain(person.phone);
    expect(text).not.toContain(person.homeAddress);
  }
}

/** A users-permissions role holding the staff role's actions except reveal. */
async function roleWithoutReveal(): Promise<number> {
  const roles = app.strapi.db.query('plugin::users-permissions.role');
  const role = (await roles.create({ data: { name: `无查看权限-${Date.now()}`, description: 'test', type: `no-reveal-${Date.now()}` } })) as { id: number };
  for (const action of ['api::student.student.find', 'api::student.student.findOne']) {
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  return role.id;
}

beforeAll(async () => {
  app = await startStrapi();
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  manager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
  student = await admit(ours);
  otherStudent = await admit(theirs);
});
afterAll(async () => {
  await app.stop();
});

describe('REST reveal', () => {
  test('returns the asked fields in clear and writes one register line with who, role, fields and reason', async () => {
    // Given a student of the manager's department
    const target = await admit(ours);
    // When the manager reveals the national ID and phone with a reason
    const response = await app.http.post(restReveal(target.documentId)).set('Authorization', manager.api).send({ fields: ['nationalId', 'phone'], reason: REASON });
    // Then the clear values come back, and only those asked
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ documentId: target.documentId, nationalId: target.nationalId, phone: target.phone });
    expect(response.headers['cache-control']).toBe('no-store');
    // And one register line names the person, role, channel, fields and reason
    const rows = await revealRows(target.documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'reveal',
      actor_type: 'user',
      actor_id: manager.userId,
      actor_label: manager.email,
      actor_roles: '教职工',
      channel: 'rest',
      target_type: 'api::student.student',
      fields: ['nationalId', 'phone'],
      reason: REASON,
    });
    expect(rows[0].ip).toBeTruthy();
    expect(new Date(rows[0].occurred_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // And no clear value is anywhere in the audit table
    expectNoClearValue(await wholeAuditTable(), target);
  });

  test('the home address alone can be asked', async () => {
    const target = await admit(ours);
    const response = await app.http.post(restReveal(target.documentId)).set('Authorization', manager.api).send({ fields: ['homeAddress'], reason: '寄送录取材料' });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ documentId: target.documentId, homeAddress: target.homeAddress });
    expect((await revealRows(target.documentId)).map((row) => row.fields)).toEqual([['homeAddress']]);
  });

  test.each([
    ['reason', 'the reason is missing', { fields: ['nationalId'] }],
    ['reason', 'the reason is blank', { fields: ['nationalId'], reason: '     ' }],
    ['reason', 'the reason is shorter than 4 characters', { fields: ['nationalId'], reason: '看看' }],
    ['reason', 'the reason is longer than 500 characters', { fields: ['nationalId'], reason: '理'.repeat(501) }],
    ['reason', 'the reason is not text', { fields: ['nationalId'], reason: 12345 }],
    ['fields', 'the fields are missing', { reason: REASON }],
    ['fields', 'the fields are empty', { fields: [], reason: REASON }],
    ['fields', 'a field is not a personal field', { fields: ['nationalId', 'password'], reason: REASON }],
    ['fields', 'the fields are not a list', { fields: 'nationalId', reason: REASON }],
  ])('400 naming %s when %s, and nothing is revealed or written', async (field, _case, body) => {
    const target = await admit(ours);
    const response = await app.http.post(restReveal(target.documentId)).set('Authorization', manager.api).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(response.body.error.details.errors[0].path).toEqual([field]);
    expectNoClearValue(JSON.stringify(response.body), target);
    expect(await revealRows(target.documentId)).toEqual([]);
  });

  test("another department's student is 404, and nothing is revealed or written", async () => {
    const response = await app.http.post(restReveal(otherStudent.documentId)).set('Authorization', manager.api).send({ fields: ['nationalId'], reason: REASON });
    expect(response.status).toBe(404);
    expectNoClearValue(JSON.stringify(response.body), otherStudent);
    expect(await revealRows(otherStudent.documentId)).toEqual([]);
  });

  test('a student (whose role has no reveal permission) gets 403, even for themselves', async () => {
    const target = await admit(ours);
    const login = await createStudentLogin(app, target.documentId);
    const response = await app.http.post(restReveal(target.documentId)).set('Authorization', login.api).send({ fields: ['nationalId'], reason: REASON });
    expect(response.status).toBe(403);
    expectNoClearValue(JSON.stringify(response.body), target);
    expect(await revealRows(target.documentId)).toEqual([]);
  });

  test('a staff member whose role lacks the reveal action gets 403', async () => {
    const target = await admit(ours);
    const withoutReveal = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId });
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: withoutReveal.userId }, data: { role: await roleWithoutReveal() } });
    const response = await app.http.post(restReveal(target.documentId)).set('Authorization', withoutReveal.api).send({ fields: ['phone'], reason: REASON });
    expect(response.status).toBe(403);
    expectNoClearValue(JSON.stringify(response.body), target);
    expect(await revealRows(target.documentId)).toEqual([]);
  });

  test('an API token is not a person: 403, nothing written', async () => {
    const target = await admit(ours);
    const response = await app.http.post(restReveal(target.documentId)).set('Authorization', app.auth).send({ fields: ['phone'], reason: REASON });
    expect(response.status).toBe(403);
    expectNoClearValue(JSON.stringify(response.body), target);
    expect(await revealRows(target.documentId)).toEqual([]);
  });

  test('without a login: 403, nothing written', async () => {
    const target = await admit(ours);
    const response = await app.http.post(restReveal(target.documentId)).send({ fields: ['phone'], reason: REASON });
    expect(response.status).toBe(403);
    expectNoClearValue(JSON.stringify(response.body), target);
    expect(await revealRows(target.documentId)).toEqual([]);
  });
});

describe('rate limit', () => {
  async function countReveals(userId: number) {
    const { rows } = await app.strapi.db.connection.raw("SELECT count(*)::int AS n FROM audit_logs WHERE action = 'reveal' AND actor_type = 'user' AND actor_id = ?", [userId]);
    return rows[0].n as number;
  }

  test(`the ${REVEALS_PER_WINDOW + 1}st reveal in ${REVEAL_WINDOW_MINUTES} minutes is 429 and writes nothing`, async () => {
    // Given a person who has revealed the limit
    const person = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
    for (let i = 0; i < REVEALS_PER_WINDOW; i += 1) {
      const ok = await app.http.post(restReveal(student.documentId)).set('Authorization', person.api).send({ fields: ['phone'], reason: `${REASON} ${i}` });
      expect(ok.status).toBe(200);
    }
    // When they ask once more
    const response = await app.http.post(restReveal(student.documentId)).set('Authorization', person.api).send({ fields: ['phone'], reason: REASON });
    // Then it is refused with a hint when to retry, nothing leaks and nothing is written
    expect(response.status).toBe(429);
    expect(response.body.error.name).toBe('RateLimitError');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expectNoClearValue(JSON.stringify(response.body), student);
    expect(await countReveals(person.userId)).toBe(REVEALS_PER_WINDOW);
    // And someone else is not limited by it
    const other = await app.http.post(restReveal(student.documentId)).set('Authorization', manager.api).send({ fields: ['phone'], reason: REASON });
    expect(other.status).toBe(200);
  });

  describe('with two server processes on one database', () => {
    let servers: ServerProcess[];
    beforeAll(async () => {
      const base = 43000 + Math.floor(Math.random() * 2000);
      servers = await Promise.all([startServerProcess(base), startServerProcess(base + 1)]);
    });
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
    });

    test('reveals sent at once, to either process, cannot pass the limit together', async () => {
      // Given a person with no reveal yet
      const person = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
      const attempts = REVEALS_PER_WINDOW + 5;
      // When more reveals than the limit arrive at the same moment, alternating between processes
      const responses = await Promise.all(
        Array.from({ length: attempts }, (_, i) =>
          servers[i % servers.length].http.post(restReveal(student.documentId)).set('Authorization', person.api).send({ fields: ['nationalId'], reason: `${REASON} ${i}` }),
        ),
      );
      // Then exactly the limit passes, the rest are 429 with nothing in clear, and one line per pass
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(REVEALS_PER_WINDOW);
      expect(statuses.filter((s) => s === 429)).toHaveLength(attempts - REVEALS_PER_WINDOW);
      for (const refused of responses.filter((r) => r.status === 429)) expectNoClearValue(JSON.stringify(refused.body), student);
      expect(await countReveals(person.userId)).toBe(REVEALS_PER_WINDOW);
    });
  });

  test('reveals older than the window do not count', async () => {
    // Given a person whose earlier reveals all lie just outside the window
    const person = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
    const longAgo = new Date(Date.now() - (REVEAL_WINDOW_MINUTES + 1) * 60_000);
    await app.strapi.db.query('api::audit-log.audit-log' as never).createMany({
      data: Array.from({ length: REVEALS_PER_WINDOW }, () => ({
        action: 'reveal', actorType: 'user', actorId: person.userId, channel: 'rest', targetType: 'api::student.student', targetDocumentId: student.documentId, fields: ['phone'], reason: REASON, occurredAt: longAgo,
      })),
    });
    // When they reveal now, it is allowed
    const response = await app.http.post(restReveal(student.documentId)).set('Authorization', person.api).send({ fields: ['phone'], reason: REASON });
    expect(response.status).toBe(200);
    expect(await countReveals(person.userId)).toBe(REVEALS_PER_WINDOW + 1);
  });
});

describe('admin reveal', () => {
  test('a role with 查看完整个人信息 sees the clear values; the line names the admin channel and role', async () => {
    const target = await admit(ours);
    const response = await app.http.post(adminReveal(target.documentId)).set('Authorization', manager.admin).send({ fields: ['nationalId', 'phone', 'homeAddress'], reason: REASON });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ documentId: target.documentId, nationalId: target.nationalId, phone: target.phone, homeAddress: target.homeAddress });
    const rows = await revealRows(target.documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'reveal',
      actor_type: 'admin',
      actor_id: manager.adminUserId,
      actor_label: manager.email,
      actor_roles: '系部管理员',
      channel: 'admin',
      fields: ['nationalId', 'phone', 'homeAddress'],
      reason: REASON,
    });
    expectNoClearValue(await wholeAuditTable(), target);
  });

  test('the permission outlives a restart (another process starting on the database)', async () => {
    // Given a server that starts (and bootstraps) after the roles were granted the permission
    const restarted = await startServerProcess(45000 + Math.floor(Math.random() * 2000));
    await restarted.stop();
    // When the manager reveals in the admin
    const target = await admit(ours);
    const response = await app.http.post(adminReveal(target.documentId)).set('Authorization', manager.admin).send({ fields: ['phone'], reason: REASON });
    // Then the role still holds it
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ documentId: target.documentId, phone: target.phone });
  });

  test('a role without the permission gets 403, nothing revealed or written', async () => {
    const target = await admit(ours);
    const response = await app.http.post(adminReveal(target.documentId)).set('Authorization', clerk.admin).send({ fields: ['nationalId'], reason: REASON });
    expect(response.status).toBe(403);
    expectNoClearValue(JSON.stringify(response.body), target);
    expect(await revealRows(target.documentId)).toEqual([]);
  });

  test("another department's student is 404 in the admin too", async () => {
    const response = await app.http.post(adminReveal(otherStudent.documentId)).set('Authorization', manager.admin).send({ fields: ['nationalId'], reason: REASON });
    expect(response.status).toBe(404);
    expectNoClearValue(JSON.stringify(response.body), otherStudent);
    expect(await revealRows(otherStudent.documentId)).toEqual([]);
  });

  test('a missing reason is 400 in the admin too, nothing written', async () => {
    const target = await admit(ours);
    const response = await app.http.post(adminReveal(target.documentId)).set('Authorization', manager.admin).send({ fields: ['nationalId'] });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['reason']);
    expect(await revealRows(target.documentId)).toEqual([]);
  });

  test('a content API login is no admin session: 401, nothing written', async () => {
    const target = await admit(ours);
    const response = await app.http.post(adminReveal(target.documentId)).set('Authorization', manager.api).send({ fields: ['nationalId'], reason: REASON });
    expect(response.status).toBe(401);
    expectNoClearValue(JSON.stringify(response.body), target);
    expect(await revealRows(target.documentId)).toEqual([]);
  });
});

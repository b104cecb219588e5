/**
 * A field an admin adds in the Content-Type Builder flows through every door under the same scope
 * rules (issue 12 §4): the compiled project is copied and its student and status-change schemas
 * changed as the Content-Type Builder would (a plain field each, and a private one on the
 * student). The project first runs as released on a database of its own (its roles made), then
 * the changed copy starts on the same database, as after an admin's edit, and each door is asked.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createClassTree, type ClassTree } from '../factories';
import { createStaff, createStudentLogin, ensureOffices, type StaffActor } from '../factories/actors';
import { activeStudent } from '../factories/status-changes';
import { createSiblingDatabase, ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { startServerProcess } from '../helpers/processes';
import { ADMIN_ROLES } from '../../src/bootstrap/roles';

let app: TestApp;
let copy: string;
let database: Awaited<ReturnType<typeof createSiblingDatabase>>;
let ours: ClassTree;
let theirs: ClassTree;
let ourManager: StaffActor;
let theirManager: StaffActor;
let student: { documentId: string; api: string };

/** The compiled project with the fields added to its schemas, as the Content-Type Builder writes them. */
function extendedCopy(): string {
  const target = path.join(ROOT, '.tmp', `schema-extension-${process.pid}-${Date.now().toString(36)}`);
  for (const part of ['src', 'config']) fs.cpSync(path.join(ROOT, 'dist', part), path.join(target, part), { recursive: true });
  const extend = (schema: string, attributes: Record<string, unknown>) => {
    const file = path.join(target, 'src', 'api', ...schema.split('/'), 'schema.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.attributes = { ...json.attributes, ...attributes };
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
  };
  extend('student/content-types/student', { dormitory: { type: 'string', maxLength: 50 }, counsellorNote: { type: 'text', private: true } });
  extend('status-change/content-types/status-change', { contactPerson: { type: 'string', maxLength: 50 } });
  return target;
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const gql = (auth: string, query: string) => app.http.post('/graphql').set('Authorization', auth).send({ query });
const cm = (documentId = '') => `/content-manager/collection-types/api::student.student${documentId ? `/${documentId}` : ''}`;

beforeAll(async () => {
  database = await createSiblingDatabase();
  // As released (in a process of its own, as a deployment runs): the roles are made, with the fields the schemas had then
  const released = await startServerProcess(await freePort(), { DATABASE_URL: database.url });
  await released.stop();
  // An admin adds fields in the Content-Type Builder; the server restarts with them
  copy = extendedCopy();
  app = await startStrapi({ databaseUrl: database.url, distDir: copy });
  await ensureOffices(app);
  ours = await createClassTree(app.strapi);
  theirs = await createClassTree(app.strapi);
  ourManager = await createStaff(app, { adminRole: 'department-manager', department: ours.department.documentId });
  theirManager = await createStaff(app, { adminRole: 'department-manager', department: theirs.department.documentId });
  const created = await activeStudent(app, ours.schoolClass.documentId);
  student = { documentId: created.documentId, api: (await createStudentLogin(app, created.documentId)).api };
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await database?.drop();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

describe('a field added to the student', () => {
  test('the department writes and reads it in the Content Manager; another department neither sees nor finds it', async () => {
    const saved = await app.http.put(cm(student.documentId)).set('Authorization', ourManager.admin).send({ dormitory: '北苑3号楼' });
    expect(saved.status).toBe(200);
    const read = await app.http.get(cm(student.documentId)).set('Authorization', ourManager.admin);
    expect(read.body.data).toMatchObject({ dormitory: '北苑3号楼' });
    // A private field is the admins' (the roles' field lists leave private fields out): set here as academic affairs would
    await app.strapi.db.query('api::student.student').update({ where: { documentId: student.documentId }, data: { counsellorNote: '需关注' } });
    expect((await app.http.get(cm(student.documentId)).set('Authorization', theirManager.admin)).status).toBe(404);
    // bisecting over the new field finds nothing of another department's
    const search = await app.http.get(`${cm()}?filters[dormitory][$eq]=北苑3号楼`).set('Authorization', theirManager.admin);
    expect(search.body.results).toEqual([]);
    const ourSearch = await app.http.get(`${cm()}?filters[dormitory][$eq]=北苑3号楼`).set('Authorization', ourManager.admin);
    expect(ourSearch.body.results.map((s: { documentId: string }) => s.documentId)).toEqual([student.documentId]);
  });

  test('REST: read by its department, invisible to another, filterable only within scope; a private field never leaves', async () => {
    const own = await app.http.get(`/api/students/${student.documentId}`).set('Authorization', ourManager.api);
    expect(own.status).toBe(200);
    expect(own.body.data.dormitory).toBe('北苑3号楼');
    expect(own.body.data).not.toHaveProperty('counsellorNote');
    expect((await app.http.get(`/api/students/${student.documentId}`).set('Authorization', theirManager.api)).status).toBe(404);
    const theirSearch = await app.http.get('/api/students?filters[dormitory][$eq]=北苑3号楼').set('Authorization', theirManager.api);
    expect(theirSearch.body.data).toEqual([]);
    // a private field is no filter either
    const privateFilter = await app.http.get('/api/students?filters[counsellorNote][$eq]=需关注').set('Authorization', ourManager.api);
    expect(privateFilter.status).toBe(400);
  });

  test('GraphQL: the same answers', async () => {
    const own = await gql(ourManager.api, `{ student(documentId: "${student.documentId}") { dormitory } }`);
    expect(own.body.data.student).toEqual({ dormitory: '北苑3号楼' });
    const other = await gql(theirManager.api, `{ student(documentId: "${student.documentId}") { dormitory } }`);
    expect(other.body.data?.student ?? null).toBeNull();
    const search = await gql(theirManager.api, '{ students(filters: { dormitory: { eq: "北苑3号楼" } }) { documentId } }');
    expect(search.body.data.students).toEqual([]);
    const privateField = await gql(ourManager.api, `{ student(documentId: "${student.documentId}") { counsellorNote } }`);
    expect(privateField.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('/api/me: the student sees their own new field, not the private one', async () => {
    const me = await app.http.get('/api/me').set('Authorization', student.api);
    expect(me.status).toBe(200);
    expect(me.body.data.dormitory).toBe('北苑3号楼');
    expect(me.body.data).not.toHaveProperty('counsellorNote');
    expect(me.body.data).not.toHaveProperty('nationalIdCipher');
    expect(me.body.data).not.toHaveProperty('departmentScope');
  });
});

describe('a field added to a status change', () => {
  test('written and read by the department on REST, GraphQL and the Content Manager; another department gets nothing', async () => {
    const other = await activeStudent(app, ours.schoolClass.documentId);
    const created = await app.http.post('/api/status-changes').set('Authorization', ourManager.api)
      .send({ data: { student: other.documentId, type: 'suspension', reason: '因病休学', suspensionCause: 'illness', contactPerson: '张家长' } });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    expect((await app.http.get(`/api/status-changes/${documentId}`).set('Authorization', ourManager.api)).body.data.contactPerson).toBe('张家长');
    expect((await app.http.get(`/api/status-changes/${documentId}`).set('Authorization', theirManager.api)).status).toBe(404);
    const viaCm = await app.http.get(`/content-manager/collection-types/api::status-change.status-change/${documentId}`).set('Authorization', ourManager.admin);
    expect(viaCm.body.data.contactPerson).toBe('张家长');
    const search = await gql(theirManager.api, '{ statusChanges(filters: { contactPerson: { eq: "张家长" } }) { documentId } }');
    expect(search.body.data.statusChanges).toEqual([]);
    const own = await gql(ourManager.api, `{ statusChange(documentId: "${documentId}") { contactPerson } }`);
    expect(own.body.data.statusChange).toEqual({ contactPerson: '张家长' });
  });
});

describe('every custom role that can edit or read the student', () => {
  const STUDENT_UID = 'api::student.student';
  const rolesWith = (verb: string) => ADMIN_ROLES.filter((role) => role.grants.some((grant) => grant.subjects.includes(STUDENT_UID) && grant.verbs.includes(verb as never))).map((role) => role.code);

  test.each(rolesWith('update'))('%s edits the new field: its update permission lists it', async (code) => {
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code } })) as { id: number };
    const update = (await app.strapi.db.query('admin::permission').findOne({ where: { role: { id: role.id }, action: 'plugin::content-manager.explorer.update', subject: STUDENT_UID } })) as { properties: { fields: string[] } };
    expect(update.properties.fields).toContain('dormitory');
  });

  test.each(rolesWith('read'))('%s reads the new field: its read permission lists it', async (code) => {
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code } })) as { id: number };
    const read = (await app.strapi.db.query('admin::permission').findOne({ where: { role: { id: role.id }, action: 'plugin::content-manager.explorer.read', subject: STUDENT_UID } })) as { properties: { fields: string[] } };
    expect(read.properties.fields).toContain('dormitory');
  });

  test("the department clerk's admin sees the field as editable (its own permissions, as the edit view reads them) and saves it", async () => {
    // Given a clerk of the student's department
    const clerk = await createStaff(app, { adminRole: 'department-clerk', department: ours.department.documentId, position: 'clerk' });
    // When the admin panel asks what the clerk may do (the edit view greys out fields outside the update permission)
    const mine = await app.http.get('/admin/users/me/permissions').set('Authorization', clerk.admin);
    const update = (mine.body.data as Array<{ action: string; subject: string; properties: { fields?: string[] } }>).find((p) => p.action === 'plugin::content-manager.explorer.update' && p.subject === STUDENT_UID);
    // Then the new field is among the editable ones, and the clerk's save keeps it
    expect(update?.properties.fields).toContain('dormitory');
    const saved = await app.http.put(cm(student.documentId)).set('Authorization', clerk.admin).send({ dormitory: '南苑1号楼' });
    expect(saved.status).toBe(200);
    expect((await app.http.get(cm(student.documentId)).set('Authorization', clerk.admin)).body.data.dormitory).toBe('南苑1号楼');
  });
});

describe("the roles' field lists", () => {
  const permissionOf = async (code: string, verb: string) => {
    const role = (await app.strapi.db.query('admin::role').findOne({ where: { code } })) as { id: number };
    return (await app.strapi.db.query('admin::permission').findOne({
      where: { role: { id: role.id }, action: `plugin::content-manager.explorer.${verb}`, subject: 'api::student.student' },
    })) as { id: number; properties: { fields: string[] } };
  };

  test('a new field reaches the roles at the restart; a private one does not; one an admin then takes away stays away', async () => {
    for (const verb of ['read', 'update']) {
      const { fields } = (await permissionOf('department-clerk', verb)).properties;
      expect(fields).toContain('dormitory');
      expect(fields).not.toContain('counsellorNote');
    }
    const read = await permissionOf('department-clerk', 'read');
    await app.strapi.db.query('admin::permission').update({ where: { id: read.id }, data: { properties: { fields: read.properties.fields.filter((f) => f !== 'dormitory') } } });
    const { ensureRoles } = require(path.join(copy, 'src', 'bootstrap', 'roles'));
    await ensureRoles(app.strapi);
    expect((await permissionOf('department-clerk', 'read')).properties.fields).not.toContain('dormitory');
    expect((await permissionOf('department-manager', 'read')).properties.fields).toContain('dormitory');
    // (given back, as the admin would: the other tests' clerk reads it)
    await app.strapi.db.query('admin::permission').update({ where: { id: read.id }, data: { properties: read.properties } });
  });
});

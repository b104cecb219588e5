/**
 * What an admin sees in the Content Manager: the student's own `status` (学籍状态), not the
 * draft/published state the Content Manager writes into any field of that name.
 */
import { createClassTree, studentInput } from '../factories';
import { adminToken } from '../helpers/admin';
import { createStaff, ensureOffices } from '../factories/actors';
import path from 'node:path';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startStrapi();
  admin = await adminToken(app);
});
afterAll(async () => {
  await app.stop();
});

const base = '/content-manager/collection-types/api::student.student';

async function admitStudent() {
  const tree = await createClassTree(app.strapi);
  const response = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId) });
  expect(response.status).toBe(201);
  return response.body.data as { documentId: string; studentNumber: string; ethnicity?: string };
}

describe('the Content Manager shows the student status', () => {
  test('in the list, each row carries its own status, not "published"', async () => {
    const admitted = await admitStudent();
    const active = await admitStudent();
    await app.strapi.db.query('api::student.student').update({ where: { documentId: active.documentId }, data: { status: 'active' } });

    const list = await app.http
      .get(`${base}?filters[studentNumber][$in][0]=${admitted.studentNumber}&filters[studentNumber][$in][1]=${active.studentNumber}&sort=studentNumber:ASC`)
      .set('Authorization', admin);

    expect(list.status).toBe(200);
    const statuses = Object.fromEntries(list.body.results.map((row: { studentNumber: string; status: string }) => [row.studentNumber, row.status]));
    expect(statuses).toEqual({ [admitted.studentNumber]: 'admitted', [active.studentNumber]: 'active' });
  });

  test("in a department clerk's list (a role with the 本系部 condition), each row carries its status", async () => {
    // Given an active student of a department and that department's clerk
    await ensureOffices(app);
    const tree = await createClassTree(app.strapi);
    const created = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId) });
    await app.strapi.db.query('api::student.student').update({ where: { documentId: created.body.data.documentId }, data: { status: 'active' } });
    const clerk = await createStaff(app, { adminRole: 'department-clerk', department: tree.department.documentId, position: 'clerk' });
    // When the clerk opens the student list
    const list = await app.http.get(`${base}?page=1&pageSize=10`).set('Authorization', clerk.admin);
    // Then the row shows 在籍, not an empty column
    expect(list.status).toBe(200);
    expect(list.body.results.map((row: { status?: string }) => row.status)).toEqual(['active']);
  });

  test('in the edit view, the document keeps its status', async () => {
    const student = await admitStudent();
    const one = await app.http.get(`${base}/${student.documentId}`).set('Authorization', admin);
    expect(one.status).toBe(200);
    expect(one.body.data.status).toBe('admitted');
  });

  test('saving the edit form keeps the status', async () => {
    const student = await admitStudent();
    const one = await app.http.get(`${base}/${student.documentId}`).set('Authorization', admin);
    const saved = await app.http.put(`${base}/${student.documentId}`).set('Authorization', admin).send({ ...one.body.data, ethnicity: '回族' });
    expect(saved.body).toEqual(expect.objectContaining({ data: expect.anything() }));
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ status: 'admitted', ethnicity: '回族' });
    const row = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: student.documentId } });
    expect(row).toMatchObject({ status: 'admitted', ethnicity: '回族' });
  });
});

describe('the Content Manager cannot change a status by hand', () => {
  test('a save that changes the status is a 400 naming the field and writes nothing', async () => {
    const student = await admitStudent();
    const one = await app.http.get(`${base}/${student.documentId}`).set('Authorization', admin);
    const saved = await app.http.put(`${base}/${student.documentId}`).set('Authorization', admin).send({ ...one.body.data, status: 'graduated', ethnicity: '回族' });
    expect(saved.status).toBe(400);
    expect(saved.body.error.details.errors[0].path).toEqual(['status']);
    const row = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: student.documentId } });
    expect(row).toMatchObject({ status: 'admitted', ethnicity: student.ethnicity ?? row.ethnicity });
    expect(row.ethnicity).not.toBe('回族');
  });
});

describe('the admin speaks Chinese', () => {
  const CJK = /[\u4e00-\u9fff]/;
  const ours = ['department', 'major', 'school-class', 'office', 'staff-membership', 'student'];

  test.each(ours)('%s has a Chinese name and a Chinese label on every field', async (name) => {
    const uid = `api::${name}.${name}`;
    // The fields the schema declares (Strapi adds createdAt, updatedBy... with labels of its own).
    const model = require(path.join(ROOT, 'src', 'api', name, 'content-types', name, 'schema.json')) as {
      info: { displayName: string };
      attributes: Record<string, { private?: boolean }>;
    };
    expect(model.info.displayName).toMatch(CJK);
    const configuration = await app.http.get(`/content-manager/content-types/${uid}/configuration`).set('Authorization', admin);
    expect(configuration.status).toBe(200);
    const { metadatas } = configuration.body.data.contentType;
    const shown = Object.keys(model.attributes).filter((field) => !model.attributes[field].private);
    const untranslated = shown.filter((field) => !CJK.test(metadatas[field].edit.label) || !CJK.test(metadatas[field].list.label));
    expect(untranslated).toEqual([]);
  });

  test('the student list shows number, name, class and status, not ids', async () => {
    const configuration = await app.http.get('/content-manager/content-types/api::student.student/configuration').set('Authorization', admin);
    const { layouts, settings } = configuration.body.data.contentType;
    expect(layouts.list).toEqual(expect.arrayContaining(['studentNumber', 'name', 'schoolClass', 'status']));
    expect(layouts.list).not.toContain('id');
    expect(layouts.list).not.toContain('documentId');
    expect(settings.mainField).toBe('name');
  });
});

describe('a new version of the view settings keeps what the admin configured', () => {
  test("an admin's label and list columns survive the next version; untouched fields take it", async () => {
    const contentTypes = app.strapi.plugin('content-manager').service('content-types');
    const model = app.strapi.contentTypes['api::student.student' as never];
    const store = app.strapi.store({ type: 'plugin', name: 'student-records' });
    // Given an admin who renamed 民族 and cut the list down to three columns
    const before = await contentTypes.findConfiguration(model);
    const configured = {
      ...before,
      metadatas: { ...before.metadatas, ethnicity: { ...before.metadatas.ethnicity, edit: { ...before.metadatas.ethnicity.edit, label: '民族（本校）' } } },
      layouts: { ...before.layouts, list: ['studentNumber', 'name', 'status'] },
    };
    await contentTypes.updateConfiguration(model, configured);
    const version = await store.get({ key: 'admin-views-version' });
    try {
      // When the server starts with a new version of the settings
      await store.set({ key: 'admin-views-version', value: (version as number) - 1 });
      const { configureAdminViews } = await import('../../src/bootstrap/admin-views');
      await configureAdminViews(app.strapi);
      // Then the admin's label and columns are kept, and the other labels are the settings'
      const after = await contentTypes.findConfiguration(model);
      expect(after.metadatas.ethnicity.edit.label).toBe('民族（本校）');
      expect(after.layouts.list).toEqual(['studentNumber', 'name', 'status']);
      expect(after.metadatas.studentNumber.edit.label).toBe('学号');
    } finally {
      await contentTypes.updateConfiguration(model, before);
      await store.set({ key: 'admin-views-version', value: version });
    }
  });
});

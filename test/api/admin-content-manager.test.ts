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

/** What the edit form sends back: the fields of the type's Content Manager schema (the internal columns are not among them). */
function formBody(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([name]) => !/Cipher$|Index$|^departmentScope$/.test(name)));
}

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
    const saved = await app.http.put(`${base}/${student.documentId}`).set('Authorization', admin).send({ ...formBody(one.body.data), ethnicity: '回族' });
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
    const saved = await app.http.put(`${base}/${student.documentId}`).set('Authorization', admin).send({ ...formBody(one.body.data), status: 'graduated', ethnicity: '回族' });
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

describe('the admin is offered only what it can use (issue 14)', () => {
  test("the Content Manager's schema of a student hides the internal columns (ciphers, blind indexes, scope)", async () => {
    const response = await app.http.get('/content-manager/content-types').set('Authorization', admin);
    expect(response.status).toBe(200);
    const student = (response.body.data as Array<{ uid: string; attributes: Record<string, unknown> }>).find((type) => type.uid === 'api::student.student');
    const attributes = Object.keys(student?.attributes ?? {});
    expect(attributes).toEqual(expect.arrayContaining(['name', 'nationalId', 'schoolClass', 'status']));
    expect(attributes.filter((name) => /Cipher$|Index$|departmentScope|uniqueKey|openStudentId/.test(name))).toEqual([]);
  });

  test("the Content Manager's answers carry no internal column, neither on the record nor on records it populates", async () => {
    const student = await admitStudent();
    const one = await app.http.get(`${base}/${student.documentId}`).set('Authorization', admin);
    expect(one.status).toBe(200);
    expect(one.body.data.name).toBeTruthy();
    const internal = /Cipher"|Index"|"departmentScope"|"uniqueKey"|"openStudentId"/;
    expect(JSON.stringify(one.body)).not.toMatch(internal);
    const requests = await app.http.get('/content-manager/collection-types/api::status-change.status-change?page=1&pageSize=10').set('Authorization', admin);
    expect(requests.status).toBe(200);
    expect(JSON.stringify(requests.body)).not.toMatch(internal);
    const list = await app.http.get(`${base}?page=1&pageSize=5`).set('Authorization', admin);
    expect(list.body.results.length).toBeGreaterThan(0);
    expect(JSON.stringify(list.body)).not.toMatch(internal);
  });

  test('the internal columns are still written and read by the server', async () => {
    const student = await admitStudent();
    const row = await app.strapi.db.query('api::student.student').findOne({ where: { documentId: student.documentId } });
    expect(row.nationalIdCipher).toMatch(/^v1:/);
    expect(row.nationalIdIndex).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof row.departmentScope).toBe('number');
  });

  test("an admin request's error is in Chinese only; the content API keeps its English gloss", async () => {
    const student = await admitStudent();
    const one = await app.http.get(`${base}/${student.documentId}`).set('Authorization', admin);
    const saved = await app.http.put(`${base}/${student.documentId}`).set('Authorization', admin).send({ ...formBody(one.body.data), status: 'graduated' });
    expect(saved.status).toBe(400);
    const messages = [saved.body.error.message, ...saved.body.error.details.errors.map((error: { message: string }) => error.message)];
    expect(messages.every((message: string) => /[\u4e00-\u9fff]/.test(message) && !/\([\x20-\x7e]*[A-Za-z][\x20-\x7e]*\)/.test(message))).toBe(true);
    const api = await app.http.put(`/api/students/${student.documentId}`).set('Authorization', app.auth).send({ data: { status: 'graduated' } });
    expect(api.status).toBe(400);
    expect(JSON.stringify(api.body.error)).toMatch(/\([\x20-\x7e]*[A-Za-z][\x20-\x7e]*\)/);
  });

  test("Strapi's English refusals reach the admin in Chinese", async () => {
    const missing = await app.http.get(`${base}/nosuchdocument000000000000`).set('Authorization', admin);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test("the AI settings the admin asks for on every page answer 'not configured', and only to a signed-in admin", async () => {
    const config = await app.http.get('/admin/ai-feature-config').set('Authorization', admin);
    expect(config.status).toBe(200);
    expect(config.body.data).toMatchObject({ isAiI18nConfigured: false });
    const job = await app.http.get('/i18n/ai-localization-jobs/collection-types/api::student.student/undefined').set('Authorization', admin);
    expect(job.status).toBe(200);
    expect(job.body.data).toBeNull();
    expect((await app.http.get('/admin/ai-feature-config')).status).toBe(401);
  });
});

describe("a student is picked by name or number, and shown with the class (issue 14)", () => {
  const label = async (documentId: string) =>
    ((await app.strapi.db.query('api::student.student').findOne({ where: { documentId } })) as { pickerLabel: string }).pickerLabel;

  test('the label is 姓名（学号）· 班级 on every write path, and follows a renamed class', async () => {
    const tree = await createClassTree(app.strapi);
    const one = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId, { name: '林小雨' }) });
    expect(one.status).toBe(201);
    expect(await label(one.body.data.documentId)).toBe(`林小雨（${one.body.data.studentNumber}）· 测试班级`);
    const bulk = await app.http.post('/api/students/admissions').set('Authorization', app.auth).send({ data: [studentInput(tree.schoolClass.documentId, { name: '周一' }), studentInput(tree.schoolClass.documentId, { name: '周二' })] });
    expect(bulk.status).toBe(201);
    const admitted = bulk.body.data as Array<{ documentId: string; studentNumber: string }>;
    expect(await Promise.all(admitted.map((student) => label(student.documentId)))).toEqual(
      admitted.map((student, i) => `${['周一', '周二'][i]}（${student.studentNumber}）· 测试班级`),
    );
    await app.strapi.documents('api::school-class.school-class').update({ documentId: tree.schoolClass.documentId, data: { name: '测试班级（更名）' } as never });
    expect(await label(one.body.data.documentId)).toBe(`林小雨（${one.body.data.studentNumber}）· 测试班级（更名）`);
  });

  test('a client cannot write the label', async () => {
    const student = await admitStudent();
    const before = await label(student.documentId);
    const response = await app.http.put(`/api/students/${student.documentId}`).set('Authorization', app.auth).send({ data: { pickerLabel: '冒名' } });
    expect(await label(student.documentId)).toBe(before);
    expect(response.status).toBeLessThan(500);
  });

  test("a request's student picker finds the student by number and by name, and shows the class", async () => {
    const student = await admitStudent();
    const pick = (q: string) =>
      app.http.get(`/content-manager/relations/api::status-change.status-change/student?_q=${encodeURIComponent(q)}&pageSize=10`).set('Authorization', admin);
    for (const q of [student.studentNumber, (student as unknown as { name: string }).name]) {
      const found = await pick(q);
      expect(found.status).toBe(200);
      const labels = (found.body.results as Array<{ documentId: string; pickerLabel?: string }>).filter((row) => row.documentId === student.documentId).map((row) => row.pickerLabel);
      expect(labels).toHaveLength(1);
      expect(labels[0]).toContain(student.studentNumber);
      expect(labels[0]).toContain('· 测试班级');
    }
  });
});

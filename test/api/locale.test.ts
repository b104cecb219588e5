/**
 * No content type here is localized: a `locale` in the body or in the parameters is a 400 naming
 * `locale`, and nothing is stored (security review). GraphQL needs no test: its schema has no
 * `locale` argument or input field on types without locales, so Apollo refuses it first.
 */
import { createClassTree, studentInput } from '../factories';
import { adminToken } from '../helpers/admin';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let admin: string;
let student: { documentId: string; ethnicity?: string };
beforeAll(async () => {
  app = await startStrapi();
  admin = await adminToken(app);
  const tree = await createClassTree(app.strapi);
  const created = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId) });
  student = created.body.data;
});
afterAll(async () => {
  await app.stop();
});

const storedLocale = async () => ((await app.strapi.db.query('api::student.student').findOne({ where: { documentId: student.documentId } })) as { locale: string | null }).locale;

function expectLocaleRefused(response: { status: number; body: any }) {
  expect(response.status).toBe(400);
  expect(response.body.error.name).toBe('ValidationError');
  expect(response.body.error.details.errors[0].path).toEqual(['locale']);
}

describe('a locale on a type without locales', () => {
  test('REST: PUT /api/students/:id with data.locale is a 400 naming locale, and nothing is stored', async () => {
    const response = await app.http.put(`/api/students/${student.documentId}`).set('Authorization', app.auth).send({ data: { locale: 'x', ethnicity: '壮族' } });
    expectLocaleRefused(response);
    expect(await storedLocale()).toBeNull();
    expect((await app.strapi.db.query('api::student.student').findOne({ where: { documentId: student.documentId } })).ethnicity).not.toBe('壮族');
  });

  test('REST: POST /api/departments with data.locale is a 400 and creates nothing', async () => {
    const name = `带语言的系部-${Date.now()}`;
    const response = await app.http.post('/api/departments').set('Authorization', app.auth).send({ data: { name, code: '98', locale: 'fr' } });
    expectLocaleRefused(response);
    expect(await app.strapi.db.query('api::department.department').count({ where: { name } })).toBe(0);
  });

  test.each([
    ['a list', () => `/api/students?locale=x`],
    ['one record', () => `/api/students/${student.documentId}?locale=x`],
  ])('REST: the locale parameter on %s is a 400 naming locale', async (_, url) => {
    expectLocaleRefused(await app.http.get(url()).set('Authorization', app.auth));
  });

  test('REST: an update with the locale parameter is a 400 and changes nothing', async () => {
    const response = await app.http.put(`/api/students/${student.documentId}?locale=x`).set('Authorization', app.auth).send({ data: { ethnicity: '壮族' } });
    expectLocaleRefused(response);
    expect(await storedLocale()).toBeNull();
  });

  test('Content Manager: a save with a locale, or a list asked for one, is a 400 naming locale', async () => {
    const base = `/content-manager/collection-types/api::student.student/${student.documentId}`;
    const one = await app.http.get(base).set('Authorization', admin);
    expect(one.status).toBe(200);
    expectLocaleRefused(await app.http.put(base).set('Authorization', admin).send({ ...one.body.data, locale: 'x' }));
    expectLocaleRefused(await app.http.get(`/content-manager/collection-types/api::student.student?locale=x`).set('Authorization', admin));
    expect(await storedLocale()).toBeNull();
    // The form as the edit view sends it (locale null) still saves
    expect((await app.http.put(base).set('Authorization', admin).send({ ...one.body.data, ethnicity: '回族' })).status).toBe(200);
  });

  test('every content type of the application refuses a locale at the Document Service', async () => {
    const uids = Object.keys(app.strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
    expect(uids.length).toBeGreaterThan(10);
    for (const uid of uids) {
      await expect(app.strapi.documents(uid as never).findMany({ locale: 'x' } as never)).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [{ path: ['locale'] }] } });
      await expect(app.strapi.documents(uid as never).update({ documentId: 'none', data: { locale: 'x' } } as never)).rejects.toMatchObject({
        name: 'ValidationError',
        details: { errors: [{ path: ['locale'] }] },
      });
    }
  });
});

test("the admin home page's recent entries (which ask every type for every locale) load", async () => {
  for (const action of ['update', 'publish']) {
    const response = await app.http.get(`/content-manager/homepage/recent-documents?action=${action}`).set('Authorization', admin);
    expect(response.status).toBe(200);
  }
});

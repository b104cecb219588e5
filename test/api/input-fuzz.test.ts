/**
 * Bad input at every door is the client's error, never the server's: every route Strapi
 * registered (content API, our custom routes, the Content Manager for our types) and /graphql get
 * NUL bytes, values of the wrong type in filters, unknown ids and over-deep bodies; none answers
 * 5xx, none writes anything, and the reported cases are 400s naming the parameter.
 */
import fc from 'fast-check';
import { admit } from '../attacks/world';
import { createClassTree } from '../factories';
import { adminToken } from '../helpers/admin';
import { DEEP_BODY, names, ourCollectionTypes, registeredRoutes, shapesOf, type Route, type Shape } from '../helpers/fuzz-routes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startStrapi();
  admin = await adminToken(app);
  await admit(app, await createClassTree(app.strapi), '模糊', 3);
});
afterAll(async () => {
  await app.stop();
});

type Method = 'get' | 'post' | 'put' | 'delete';

async function send(method: Method, url: string, authorization: string, body?: string) {
  const request = app.http[method](url).set('Authorization', authorization);
  return body === undefined ? request : request.set('Content-Type', 'application/json').send(body);
}

/** Row count and last change of every table of ours: a refused request leaves both as they were. */
async function footprint(): Promise<string> {
  const tables = ourCollectionTypes(app.strapi).map((uid) => app.strapi.db.metadata.get(uid).tableName);
  const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, max(updated_at) AS last FROM "${t}"`).join(' UNION ALL ');
  return JSON.stringify((await app.strapi.db.connection.raw(sql)).rows);
}

/** What is wrong with the answer to one shape, or null. */
function problemOf(shape: Shape, status: number, body: { error?: unknown }): string | null {
  if (status >= 500) return `${shape.name}: ${status}`;
  if (!shape.names) return null;
  const error = JSON.stringify(body.error ?? null);
  if (status !== 400 || !names(error, shape.names)) return `${shape.name}: ${status} ${error.slice(0, 160)} does not name ${shape.names}`;
  return null;
}

describe('every registered route, with a full-access API token and as a super admin', () => {
  let routes: Route[] = [];
  beforeAll(() => {
    routes = registeredRoutes(app.strapi);
  });

  test('the enumeration reaches the content API, our custom routes and the Content Manager', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining([
      'get /api/students', 'post /api/students/:documentId/reveal', 'post /api/status-changes/:documentId/approve',
      'get /api/me/notifications', 'post /api/students/admissions', 'get /content-manager/collection-types/api::student.student',
    ]));
    expect(routes.length).toBeGreaterThan(150);
  });

  test('Given each route and each bad shape, When sent, Then no 5xx, the reported cases are 400s naming the parameter, and nothing is written', async () => {
    const before = await footprint();
    const problems: string[] = [];
    for (const route of routes) {
      const authorization = route.door === 'admin' ? admin : app.auth;
      for (const shape of shapesOf(app.strapi, route)) {
        const response = await send(route.method, shape.url, authorization, shape.body);
        const problem = problemOf(shape, response.status, response.body);
        if (problem) problems.push(`${route.method.toUpperCase()} ${route.path} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await footprint()).toBe(before);
  });
});

describe('the Content Manager\'s draft and publish actions on our types (none has draft and publish)', () => {
  test('Given an existing document of each type, When it is published, unpublished, discarded or bulk (un)published, Then 403, never a 5xx, and nothing is written', async () => {
    const before = await footprint();
    const answers: string[] = [];
    const covered: string[] = [];
    for (const uid of ourCollectionTypes(app.strapi)) {
      const row = (await app.strapi.db.query(uid as never).findMany({ limit: 1 }))[0] as { documentId: string } | undefined;
      if (!row) continue;
      covered.push(uid);
      const base = `/content-manager/collection-types/${uid}`;
      for (const action of ['publish', 'unpublish', 'discard']) answers.push(`${uid} ${action} ${(await send('post', `${base}/${row.documentId}/actions/${action}`, admin, '{}')).status}`);
      for (const action of ['bulkPublish', 'bulkUnpublish']) answers.push(`${uid} ${action} ${(await send('post', `${base}/actions/${action}`, admin, JSON.stringify({ documentIds: [row.documentId] }))).status}`);
    }
    for (const action of ['publish', 'unpublish', 'discard']) answers.push(`school-setting ${action} ${(await send('post', `/content-manager/single-types/api::school-setting.school-setting/actions/${action}`, admin, '{}')).status}`);
    expect(covered).toEqual(expect.arrayContaining(['api::student.student', 'api::integrity-archive.integrity-archive', 'api::department.department']));
    expect(answers.filter((answer) => !answer.endsWith(' 403'))).toEqual([]);
    expect(await footprint()).toBe(before);
  });
});

describe('GraphQL', () => {
  const TYPES = ['student', 'statusChange', 'schoolClass', 'major', 'department', 'office', 'staffMembership', 'approvalChain', 'approvalDecision', 'notification', 'statusHistory'];
  const plural = (name: string) => (name.endsWith('y') ? `${name.slice(0, -1)}ies` : name.endsWith('s') ? `${name}es` : `${name}s`);

  async function graphql(query: string, variables?: Record<string, unknown>) {
    return app.http.post('/graphql').set('Authorization', app.auth).send({ query, variables });
  }

  test.each(TYPES)('Given %s, When looked up and filtered with NUL bytes and wrong types, Then BAD_USER_INPUT naming the field, never an internal error', async (name) => {
    const shapes: Array<[string, string | null]> = [
      [`{ ${name}(documentId: "\\u0000") { documentId } }`, 'documentId'],
      [`{ ${plural(name)}(filters: { documentId: { eq: "a\\u0000" } }) { documentId } }`, 'documentId'],
      [`{ ${plural(name)}(filters: { documentId: { in: ["x", "\\u0000"] } }) { documentId } }`, 'documentId'],
      [`{ ${plural(name)}(filters: { id: { eq: "abc" } }) { documentId } }`, null],
      [`{ ${plural(name)}(filters: { createdAt: { gt: "notadate" } }) { documentId } }`, null],
    ];
    for (const [query, field] of shapes) {
      const response = await graphql(query);
      expect(response.status).toBeLessThan(500);
      const errors = (response.body.errors ?? []) as Array<{ message: string; extensions?: { code?: string } }>;
      expect(errors.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      if (field) expect(errors).toEqual([expect.objectContaining({ message: expect.stringContaining(field), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    }
  });

  test.each([
    ['a NUL byte in a variable', JSON.stringify({ query: 'query($n: String) { students(filters: { name: { eq: $n } }) { documentId } }', variables: { n: 'a\u0000' } }), 'variables.n'],
    ['a 5,000-deep variable', `{"query":"{ students { documentId } }","variables":{"x":${'['.repeat(5000)}1${']'.repeat(5000)}}}`, 'variables.x'],
  ])('Given %s, When posted to /graphql, Then 400 naming it', async (_name, body, key) => {
    const response = await app.http.post('/graphql').set('Authorization', app.auth).set('Content-Type', 'application/json').send(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError', details: { source: 'body', key: expect.stringContaining(key) } });
  });
});

describe('random filter values (fast-check)', () => {
  const FIELDS = { '/api/students': ['id', 'enrollmentYear', 'programLength', 'birthDate', 'createdAt', 'name', 'schoolClass'], '/api/status-changes': ['round', 'averageScore', 'suspensionStart', 'submittedAt', 'studentSigned', 'student'] };
  const OPERATORS = ['$eq', '$ne', '$gt', '$lte', '$in', '$notIn', '$between', '$contains', '$containsi', '$null', '$not'];
  const value = fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength: 12 }),
    fc.integer().map(String),
    fc.double().map(String),
    fc.constantFrom('', ' ', 'true', '1e400', '-0', '2024-02-30', '0000-01-01', '99999999999999999999', '\u0000'),
    fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  );

  test('Given any operator and value on a typed field of a list, When filtered, Then never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...(Object.keys(FIELDS) as Array<keyof typeof FIELDS>)), fc.nat(), fc.constantFrom(...OPERATORS), value, async (path, pick, operator, operand) => {
        const field = FIELDS[path][pick % FIELDS[path].length];
        const response = await app.http.get(path).query({ filters: { [field]: { [operator]: operand } } }).set('Authorization', app.auth);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the reported cases', () => {
  test.each([
    ['/api/students?filters[id]=abc', 'id'],
    ['/api/students?filters[enrollmentYear][$gt]=abc', 'enrollmentYear'],
    ['/api/status-changes?filters[round][$gt]=x', 'round'],
    ['/api/status-changes?filters[averageScore][$lt]=abc', 'averageScore'],
    ['/api/students?filters[id][$in][0]=x', 'id'],
    ['/api/students?filters[createdAt][$gt]=notadate', 'createdAt'],
    ['/api/students?filters[birthDate][$lt]=2023-02-30', 'birthDate'],
    ['/api/majors?filters[popular][$eq]=maybe', 'popular'],
    ['/api/status-changes?filters[student][id][$eq]=abc', 'student'],
    ['/api/students?filters[schoolClass][$eq]=abc', 'schoolClass'],
    ['/api/students?filters[enrollmentYear][$gt]=99999999999999999999', 'enrollmentYear'],
    ['/api/students?filters[enrollmentYear][$contains]=1', 'enrollmentYear'],
    ['/api/students?populate[schoolClass][filters][enrollmentYear][$gt]=abc', 'enrollmentYear'],
    ['/api/students?filters[name][$eq]=%00', 'filters[name][$eq]'],
    ['/api/students/%00', 'NUL byte in the URL path'],
  ])('GET %s is a 400 naming %s', async (url, named) => {
    const response = await app.http.get(url).set('Authorization', app.auth);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(names(JSON.stringify(response.body.error), named)).toBe(true);
  });

  test('the Content Manager list with a text in an integer filter is a 400 naming the field', async () => {
    const response = await app.http.get('/content-manager/collection-types/api::student.student?filters[$and][0][enrollmentYear][$gt]=abc').set('Authorization', admin);
    expect(response.status).toBe(400);
    expect(names(JSON.stringify(response.body.error), 'enrollmentYear')).toBe(true);
  });

  test.each([
    ['a NUL byte in the path', 'post', '/api/status-changes/%00/approve', '{}', 'NUL byte in the URL path'],
    ['a NUL byte in a body string', 'post', '/api/departments', JSON.stringify({ data: { name: 'a\u0000b', code: '77' } }), 'data.name'],
    ['a 5,000-deep body', 'post', '/api/students', DEEP_BODY, 'data.0.0.0'],
    ['a 5,000-deep body to the Content Manager', 'put', '/content-manager/collection-types/api::student.student/abc', DEEP_BODY, 'data.0.0.0'],
  ] as const)('%s (%s %s) is a 400 naming it, and writes nothing', async (_name, method, url, body, named) => {
    const before = await footprint();
    const authorization = url.startsWith('/content-manager') ? admin : app.auth;
    const response = await send(method, url, authorization, body);
    expect(response.status).toBe(400);
    expect(names(JSON.stringify(response.body.error), named)).toBe(true);
    expect(await footprint()).toBe(before);
  });
});

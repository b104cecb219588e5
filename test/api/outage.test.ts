/**
 * A database outage, simulated by a pool that refuses every connection: the readiness check says
 * so (Strapi's /_health would still answer 204), and a request that fails for lack of the
 * database is a 503 with Retry-After, not a 500.
 */
import { createClassTree, studentInput } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let studentDocumentId: string;
beforeAll(async () => {
  app = await startStrapi();
  const tree = await createClassTree(app.strapi);
  const created = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId) });
  studentDocumentId = created.body.data.documentId;
});
afterAll(async () => {
  await app.stop();
});

type Client = { acquireConnection(): Promise<unknown> };

/** Runs `work` while the pool refuses connections, as it does when PostgreSQL is down. */
async function duringOutage<T>(work: () => Promise<T>): Promise<T> {
  const client = app.strapi.db.connection.client as Client;
  const acquire = client.acquireConnection;
  client.acquireConnection = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
  try {
    return await work();
  } finally {
    client.acquireConnection = acquire;
  }
}

describe('readiness', () => {
  test('GET /_ready answers 200 while the database answers', async () => {
    const response = await app.http.get('/_ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready' });
  });

  test('GET /_ready answers 503 with Retry-After while it does not, and 200 again after', async () => {
    const down = await duringOutage(() => app.http.get('/_ready'));
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect((await app.http.get('/_ready')).status).toBe(200);
  });
});

describe('requests during an outage', () => {
  test('a signed-in read that reaches the database is a 503 with Retry-After, and works again after', async () => {
    // Given a signed-in admin session made before the outage
    const email = `outage-${Date.now()}@example.com`;
    const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
    await app.strapi.service('admin::user').create({ email, firstname: 'O', lastname: 'T', password: 'Outage-Pass-1234', isActive: true, registrationToken: null, roles: [superAdmin.id] });
    const login = await app.http.post('/admin/login').send({ email, password: 'Outage-Pass-1234' });
    const admin = `Bearer ${login.body.data.token ?? login.body.data.accessToken}`;
    const path = `/content-manager/collection-types/api::student.student/${studentDocumentId}`;
    // When the database is down
    const down = await duringOutage(() => app.http.get(path).set('Authorization', admin));
    // Then the answer says so and when to retry
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body.error.name).toBe('ServiceUnavailableError');
    expect((await app.http.get(path).set('Authorization', admin)).status).toBe(200);
  });
});

describe('logins and GraphQL during an outage', () => {
  test('a content-API login is a 503 with Retry-After, not a 401 that says the password was wrong', async () => {
    const down = await duringOutage(() => app.http.post('/api/auth/local').send({ identifier: 'someone@example.com', password: 'Whatever-1234' }));
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
  });

  test('an admin login is a 503 with Retry-After, not a 501', async () => {
    const down = await duringOutage(() => app.http.post('/admin/login').send({ email: 'someone@example.com', password: 'Whatever-1234' }));
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
  });

  test.each([
    ['with an API token', true],
    ['without credentials', false],
  ])('a GraphQL query %s is a 503 with Retry-After and the outage named, logged', async (_label, signed) => {
    const errorLog = jest.spyOn(app.strapi.log, 'error');
    try {
      const query = { query: '{ departments { name } }' };
      const down = await duringOutage(() => {
        const request = app.http.post('/graphql');
        return (signed ? request.set('Authorization', app.auth) : request).send(query);
      });
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      const errors = down.body.errors ?? [down.body.error];
      expect(JSON.stringify(errors)).toMatch(/ServiceUnavailable|SERVICE_UNAVAILABLE/);
      expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|5432/);
      expect(errorLog.mock.calls.some(([line]) => /database unavailable/.test(String(line)))).toBe(true);
      // And after the outage, the same query is answered
      const after = await (signed ? app.http.post('/graphql').set('Authorization', app.auth) : app.http.post('/graphql')).send(query);
      expect(after.status).toBe(200);
    } finally {
      errorLog.mockRestore();
    }
  });
});

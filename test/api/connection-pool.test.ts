/**
 * No request may need two pooled connections at once. Scoped reads used to hold a connection in
 * the Document Service's transaction while the caller's memberships were looked up on a second
 * one: with every pooled connection held that way, the server froze until the acquire timeout.
 */
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { createStaff, ensureOffices, type StaffActor } from '../factories/actors';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let tree: ClassTree;
let manager: StaffActor;
let academic: StaffActor;
/** One listening server: supertest on an unbound server would open a listener per request. */
let http: ReturnType<typeof supertest>;
beforeAll(async () => {
  app = await startStrapi();
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  http = supertest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await ensureOffices(app);
  tree = await createClassTree(app.strapi);
  const response = await app.http
    .post('/api/students/admissions')
    .set('Authorization', app.auth)
    .send({ data: [1, 2, 3].map(() => studentInput(tree.schoolClass.documentId)) });
  expect(response.status).toBe(201);
  manager = await createStaff(app, { adminRole: 'department-manager', department: tree.department.documentId });
  academic = await createStaff(app, { adminRole: 'academic-affairs', office: 'academic-affairs' });
});
afterAll(async () => {
  await app.stop();
});

const ALIASES = 12;
const aliasedQuery = `query { ${Array.from({ length: ALIASES }, (_, i) => `l${i}: students(pagination: { pageSize: 1 }) { documentId department { name } }`).join(' ')} }`;

describe('many scoped reads at once', () => {
  test('100 concurrent REST lists, GraphQL queries of 12 aliased lists and admin lists all answer', async () => {
    // Given more concurrent scoped requests than the pool has connections (10)
    const rest = Array.from({ length: 60 }, (_, i) =>
      http.get(`/api/students?pagination[pageSize]=1&populate=department`).set('Authorization', (i % 2 ? manager : academic).api),
    );
    const graphql = Array.from({ length: 20 }, () => http.post('/graphql').set('Authorization', manager.api).send({ query: aliasedQuery }));
    const admin = Array.from({ length: 20 }, () =>
      http.get('/content-manager/collection-types/api::student.student?page=1&pageSize=1').set('Authorization', manager.admin),
    );
    // When they are all sent at once
    const responses = await Promise.all([...rest, ...graphql, ...admin]);
    // Then every one answers, with the manager's own department's students
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    for (const response of responses.slice(60, 80)) {
      expect(response.body.errors).toBeUndefined();
      expect(Object.keys(response.body.data)).toHaveLength(ALIASES);
      expect(response.body.data.l0).toHaveLength(1);
    }
  });

  test('a scoped write among concurrent scoped reads still commits', async () => {
    // Given a burst of scoped reads
    const reads = Array.from({ length: 40 }, () => http.get('/api/students?pagination[pageSize]=1').set('Authorization', manager.api));
    // When the manager admits a student at the same time
    const write = http.post('/api/students').set('Authorization', manager.api).send({ data: studentInput(tree.schoolClass.documentId) });
    const [created, ...listed] = await Promise.all([write, ...reads]);
    // Then the write and every read answer
    expect(created.status).toBe(201);
    expect(listed.every((r) => r.status === 200)).toBe(true);
  });
});

/**
 * SIGTERM while a request is in flight: the server lets it finish and answer before it closes its
 * connections and the pool, so the client learns that its admission succeeded.
 */
import { Client } from 'pg';
import { createClassTree, studentInput, type ClassTree } from '../factories';
import { startServerProcess } from '../helpers/processes';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let tree: ClassTree;
beforeAll(async () => {
  app = await startStrapi();
  tree = await createClassTree(app.strapi);
  // The class's number counter exists once a first student is admitted.
  const first = await app.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId) });
  expect(first.status).toBe(201);
});
afterAll(async () => {
  await app.stop();
});

test('an admission in flight at SIGTERM completes and answers 201; then the process exits', async () => {
  // Given a second process, and the class's number counter locked so that an admission waits
  const server = await startServerProcess(43000 + Math.floor(Math.random() * 2000));
  const locker = new Client({ connectionString: process.env.DATABASE_URL });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('SELECT * FROM student_number_counters FOR UPDATE');
  const name = `停机中录取${Date.now().toString(36)}`;
  const admission = server.http.post('/api/students').set('Authorization', app.auth).send({ data: studentInput(tree.schoolClass.documentId, { name }) }).then((r) => r);
  await new Promise((resolve) => setTimeout(resolve, 500));
  // When the process is told to stop while the admission waits, and the lock is released later
  const stopped = server.stop();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await locker.query('COMMIT');
  await locker.end();
  // Then the client gets its answer, the student is on record, and the process has exited
  const response = await admission;
  expect(response.status).toBe(201);
  expect(await app.strapi.db.query('api::student.student').count({ where: { name } })).toBe(1);
  await stopped;
});
